import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-duplicate-port';

ruleTester.run(rule, {
  valid: [
    [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    ports:',
      '      - "8080:80"',
      '  api:',
      '    image: example/api:1.4',
      '    ports:',
      '      - "8081:80"',
    ],
    {
      name: 'the same container port on different host ports',
      code: ['services:', '  a:', '    image: nginx:1.27', '    ports: ["8080:80"]', '  b:', '    image: nginx:1.27', '    ports: ["8081:80"]'],
    },
    {
      name: 'tcp and udp on the same port (DNS)',
      code: ['services:', '  dns:', '    image: coredns/coredns:1.11.3', '    ports:', '      - "5353:53/tcp"', '      - "5353:53/udp"'],
    },
    {
      name: 'different host addresses',
      code: [
        'services:',
        '  a:',
        '    image: nginx:1.27',
        '    ports: ["127.0.0.1:8080:80"]',
        '  b:',
        '    image: nginx:1.27',
        '    ports: ["10.0.0.5:8080:80"]',
      ],
    },
    {
      name: '0.0.0.0 (IPv4) and [::] (IPv6) do not collide',
      code: ['services:', '  a:', '    image: nginx:1.27', '    ports: ["0.0.0.0:8080:80"]', '  b:', '    image: nginx:1.27', '    ports: ["[::]:8080:80"]'],
    },
    {
      name: 'random host ports never collide',
      code: ['services:', '  a:', '    image: nginx:1.27', '    ports: ["80"]', '  b:', '    image: nginx:1.27', '    ports: ["80"]'],
    },
    {
      name: 'services in disjoint profiles never run together',
      code: [
        'services:',
        '  web-dev:',
        '    image: nginx:1.27',
        '    profiles: [dev]',
        '    ports: ["8080:80"]',
        '  web-prod:',
        '    image: nginx:1.27',
        '    profiles: [prod]',
        '    ports: ["8080:80"]',
      ],
    },
    {
      name: 'host port pools',
      code: ['services:', '  a:', '    image: nginx:1.27', '    ports: ["8000-8010:80"]', '  b:', '    image: nginx:1.27', '    ports: ["8000-8010:80"]'],
    },
    {
      name: 'unset variables',
      code: ['services:', '  a:', '    image: nginx:1.27', '    ports: ["${PORT}:80"]', '  b:', '    image: nginx:1.27', '    ports: ["${PORT}:80"]'],
    },
    {
      name: 'the override repeats the base entry in long syntax',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    ports:', '      - target: 80', '        published: 8080'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 80', '        published: 8080'] },
    },
  ],
  invalid: [
    {
      name: 'two services on one host port',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    ports:',
        '      - "8080:80"',
        '  admin:',
        '    image: example/admin:2.1',
        '    ports:',
        '      - "8080:3000"',
      ],
      errors: [{ messageId: 'duplicate', data: { port: '8080', other: 'web' }, line: 9, column: 9, endLine: 9, endColumn: 20 }],
    },
    {
      name: 'overlapping ranges',
      code: ['services:', '  a:', '    image: example/a:1', '    ports: ["9000-9005:9000-9005"]', '  b:', '    image: example/b:1', '    ports: ["9003:9003"]'],
      errors: [{ messageId: 'duplicate', data: { port: '9003', other: 'a' }, line: 7, column: 13, endLine: 7, endColumn: 24 }],
    },
    {
      name: 'no address collides with a specific one',
      code: ['services:', '  a:', '    image: example/a:1', '    ports: ["127.0.0.1:8080:80"]', '  b:', '    image: example/b:1', '    ports: ["8080:80"]'],
      errors: [{ messageId: 'duplicate', data: { port: '8080', other: 'a' }, line: 7, column: 13, endLine: 7, endColumn: 22 }],
    },
    {
      name: 'long and short syntax, udp',
      code: [
        'services:',
        '  a:',
        '    image: example/a:1',
        '    ports:',
        '      - 5000:5000/udp',
        '  b:',
        '    image: example/b:1',
        '    ports:',
        '      - target: 6000',
        '        published: "5000"',
        '        protocol: udp',
      ],
      errors: [{ messageId: 'duplicate', data: { port: '5000', other: 'a' }, line: 10, column: 9, endLine: 10, endColumn: 26 }],
    },
    {
      name: 'twice in one service',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80"', '      - "8080:8080"'],
      errors: [{ messageId: 'duplicateSelf', data: { port: '8080' }, line: 6, column: 9, endLine: 6, endColumn: 20 }],
    },
    {
      name: 'profiles that overlap',
      code: [
        'services:',
        '  a:',
        '    image: example/a:1',
        '    profiles: [dev, debug]',
        '    ports: ["8080:80"]',
        '  b:',
        '    image: example/b:1',
        '    profiles: [debug]',
        '    ports: ["8080:80"]',
      ],
      errors: [{ messageId: 'duplicate', data: { port: '8080', other: 'a' }, line: 9, column: 13, endLine: 9, endColumn: 22 }],
    },
    {
      name: 'interpolated defaults that collide',
      code: [
        'services:',
        '  a:',
        '    image: example/a:1',
        '    ports: ["${A_PORT:-8080}:80"]',
        '  b:',
        '    image: example/b:1',
        '    ports: ["${B_PORT:-8080}:80"]',
      ],
      errors: [{ messageId: 'duplicate', data: { port: '8080', other: 'a' }, line: 7, column: 13, endLine: 7, endColumn: 33 }],
    },
    {
      name: 'the override adds a port that another service already uses',
      path: 'compose.override.yaml',
      code: ['services:', '  admin:', '    ports:', '      - "8080:3000"'],
      files: {
        'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80"', '  admin:', '    image: example/admin:2.1'],
      },
      errors: [{ messageId: 'duplicate', data: { port: '8080', other: 'web' }, line: 4, column: 9, endLine: 4, endColumn: 20 }],
    },
  ],
});
