import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-sensitive-port';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80"'],
    { name: 'a database published only to loopback', code: ['services:', '  db:', '    image: postgres:16', '    ports:', '      - "127.0.0.1:5432:5432"'] },
    {
      name: 'IPv6 loopback, long syntax',
      code: ['services:', '  db:', '    image: redis:7.4', '    ports:', '      - target: 6379', '        published: 6379', '        host_ip: "::1"'],
    },
    {
      name: 'a database that is not published is fine (expose: stays on the Compose network)',
      code: ['services:', '  db:', '    image: postgres:16', '    expose:', '      - "5432"'],
    },
    { name: 'the host port does not name the service', code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "5432:8080"'] },
    {
      name: 'wide ranges are port pools, not a service',
      code: ['services:', '  media:', '    image: example/rtpengine:12', '    ports:', '      - "10000-20000:10000-20000/udp"'],
    },
    { name: 'unset variable', code: ['services:', '  db:', '    image: postgres:16', '    ports:', '      - "${DB_PORT}"'] },
    {
      name: 'a port removed from the list by configuration',
      code: ['services:', '  db:', '    image: postgres:16', '    ports:', '      - "5432:5432"'],
      options: { ports: [6379] },
    },
  ],
  invalid: [
    {
      name: 'PostgreSQL on every interface',
      code: ['services:', '  db:', '    image: postgres:16', '    ports:', '      - "5432:5432"'],
      errors: [
        {
          messageId: 'sensitive',
          data: { number: '5432', service: 'PostgreSQL', where: 'every host interface' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 20,
        },
      ],
    },
    {
      name: 'the Docker API on a LAN address',
      code: ['services:', '  dind:', '    image: docker:27-dind', '    ports:', '      - 192.168.1.10:2375:2375'],
      errors: [
        {
          messageId: 'sensitive',
          data: { number: '2375', service: 'the unencrypted Docker API (root on the host)', where: 'host address 192.168.1.10' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 31,
        },
      ],
    },
    {
      name: 'SSH on a different host port',
      code: ['services:', '  git:', '    image: gitea/gitea:1.22', '    ports:', '      - "2222:22"'],
      errors: [
        { messageId: 'sensitive', data: { number: '22', service: 'SSH', where: 'every host interface' }, line: 5, column: 9, endLine: 5, endColumn: 18 },
      ],
    },
    {
      name: 'container port only (random host port) is still reachable',
      code: ['services:', '  cache:', '    image: redis:7.4', '    ports:', '      - 6379'],
      errors: [
        { messageId: 'sensitive', data: { number: '6379', service: 'Redis', where: 'every host interface' }, line: 5, column: 9, endLine: 5, endColumn: 13 },
      ],
    },
    {
      name: 'long syntax: reported on target',
      code: ['services:', '  db:', '    image: mongo:7', '    ports:', '      - target: 27017', '        published: "27017"'],
      errors: [
        { messageId: 'sensitive', data: { number: '27017', service: 'MongoDB', where: 'every host interface' }, line: 5, column: 9, endLine: 5, endColumn: 22 },
      ],
    },
    {
      name: 'a port added by configuration',
      code: ['services:', '  broker:', '    image: rabbitmq:3.13-management', '    ports:', '      - "15672:15672"'],
      options: { ports: [15672] },
      errors: [{ messageId: 'configured', data: { number: '15672', where: 'every host interface' }, line: 5, column: 9, endLine: 5, endColumn: 22 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  db:', '    image: mysql:8.4', '    ports:', '      - "${DB_PORT:-3306}:3306"'],
      errors: [
        {
          messageId: 'sensitive',
          data: { number: '3306', service: 'MySQL/MariaDB', where: 'every host interface' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 32,
        },
      ],
    },
    {
      name: 'published by the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  db:', '    ports:', '      - "5432:5432"'],
      files: { 'compose.yaml': ['services:', '  db:', '    image: postgres:16'] },
      errors: [
        {
          messageId: 'sensitive',
          data: { number: '5432', service: 'PostgreSQL', where: 'every host interface' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 20,
        },
      ],
    },
  ],
});
