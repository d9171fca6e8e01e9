import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-flat-network';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    ports: ["127.0.0.1:8080:80"]'],
    {
      name: 'back end on an internal network',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    ports: ["127.0.0.1:8080:80"]',
        '    networks: [front, back]',
        '  db:',
        '    image: postgres:16',
        '    networks: [back]',
        'networks:',
        '  front: {}',
        '  back:',
        '    internal: true',
      ],
    },
    {
      name: 'services on different networks',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    ports: ["8080:80"]',
        '    networks: [front]',
        '  db:',
        '    image: postgres:16',
        '    networks: [back]',
      ],
    },
    {
      name: 'the one shared network is internal',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    ports: ["8080:80"]',
        '  db:',
        '    image: postgres:16',
        'networks:',
        '  default:',
        '    internal: true',
      ],
    },
    {
      name: 'only front ends (every service publishes a port)',
      code: ['services:', '  a:', '    image: nginx:1.27', '    ports: ["8080:80"]', '  b:', '    image: nginx:1.27', '    ports: ["8081:80"]'],
    },
    {
      name: 'only back ends (nothing published): nothing faces the network',
      code: ['services:', '  worker:', '    image: example/worker:2', '  db:', '    image: postgres:16'],
    },
    {
      name: 'a service in another namespace is not on the project network',
      code: [
        'services:',
        '  vpn:',
        '    image: example/vpn:1',
        '    ports: ["51820:51820/udp"]',
        '  app:',
        '    image: example/app:1',
        '    network_mode: "service:vpn"',
      ],
    },
    {
      name: 'a fragment meant to be merged with other files (a service without image or build): no verdict',
      code: ['services:', '  frontend:', '    labels: [traefik.enable=true]', '  proxy:', '    image: traefik:v3.1', '    ports: ["80:80"]'],
    },
    {
      name: 'the override file is not where the project finding goes',
      path: 'compose.override.yaml',
      code: ['services:', '  db:', '    environment:', '      POSTGRES_DB: app'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    ports: ["8080:80"]', '  db:', '    image: postgres:16'] },
    },
  ],
  invalid: [
    {
      name: 'web and database on the implicit default network',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports: ["8080:80"]', '  db:', '    image: postgres:16'],
      errors: [{ messageId: 'flat', data: { count: '2', networks: '"default"', backends: 'db' }, line: 1, column: 1, endLine: 1, endColumn: 9 }],
    },
    {
      name: 'one explicit network for everyone',
      code: [
        'name: shop',
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    ports: ["8080:80"]',
        '    networks: [app]',
        '  api:',
        '    image: example/api:1.4',
        '    networks:',
        '      app:',
        '        aliases: [backend]',
        '  db:',
        '    image: postgres:16',
        '    networks: [app]',
        'networks:',
        '  app:',
        '    driver: bridge',
      ],
      errors: [{ messageId: 'flat', data: { count: '3', networks: '"app"', backends: 'api, db' }, line: 2, column: 1, endLine: 2, endColumn: 9 }],
    },
    {
      name: 'services merged from the override file count too',
      path: 'compose.yaml',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports: ["8080:80"]'],
      files: { 'compose.override.yaml': ['services:', '  cache:', '    image: redis:7.4'] },
      errors: [{ messageId: 'flat', data: { count: '2', networks: '"default"', backends: 'cache' }, line: 1, column: 1, endLine: 1, endColumn: 9 }],
    },
  ],
});
