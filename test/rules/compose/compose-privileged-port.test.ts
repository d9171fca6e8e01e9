import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-privileged-port';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80"'],
    {
      name: '80 and 443 are allowed by default',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "80:8080"', '      - 443:8443'],
    },
    {
      name: 'the container port does not matter, only the host port',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8022:22"'],
    },
    { name: 'container port only: Docker picks an ephemeral host port', code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "25"'] },
    { name: 'unset variable', code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "${SMTP_PORT}:25"'] },
    { name: 'long syntax above 1024', code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 25', '        published: "2525"'] },
    {
      name: 'network_mode: host publishes nothing',
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: host', '    ports:', '      - "25:25"'],
    },
  ],
  invalid: [
    {
      name: 'short syntax',
      code: ['services:', '  mail:', '    image: example/postfix:3.9', '    ports:', '      - "25:2525"'],
      errors: [{ messageId: 'privileged', data: { port: '25', suggested: '8025' }, line: 5, column: 9, endLine: 5, endColumn: 18 }],
    },
    {
      name: 'with a host address and a protocol',
      code: ['services:', '  dns:', '    image: coredns/coredns:1.11.3', '    ports:', '      - 127.0.0.1:53:53/udp'],
      errors: [{ messageId: 'privileged', data: { port: '53', suggested: '8053' }, line: 5, column: 9, endLine: 5, endColumn: 28 }],
    },
    {
      name: 'long syntax: reported on published',
      code: [
        'services:',
        '  ldap:',
        '    image: example/openldap:2.6',
        '    ports:',
        '      - target: 1389',
        '        published: 389',
        '        host_ip: 10.0.0.5',
      ],
      errors: [{ messageId: 'privileged', data: { port: '389', suggested: '8389' }, line: 6, column: 9, endLine: 6, endColumn: 23 }],
    },
    {
      name: 'a range that reaches below 1024 past the allowed ports',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "80-81:8080-8081"'],
      errors: [{ messageId: 'privileged', data: { port: '80-81', suggested: '8081' }, line: 5, column: 9, endLine: 5, endColumn: 26 }],
    },
    {
      name: 'allowed ports are configurable',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "80:8080"'],
      options: { allowedPorts: [] },
      errors: [{ messageId: 'privileged', data: { port: '80', suggested: '8080' }, line: 5, column: 9, endLine: 5, endColumn: 18 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  mail:', '    image: example/postfix:3.9', '    ports:', '      - "${SMTP_PORT:-25}:2525"'],
      errors: [{ messageId: 'privileged', data: { port: '25', suggested: '8025' }, line: 5, column: 9, endLine: 5, endColumn: 32 }],
    },
    {
      name: 'added by the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  mail:', '    ports: ["587:587"]'],
      files: { 'compose.yaml': ['services:', '  mail:', '    image: example/postfix:3.9'] },
      errors: [{ messageId: 'privileged', data: { port: '587', suggested: '8587' }, line: 3, column: 13, endLine: 3, endColumn: 22 }],
    },
  ],
});
