import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-port-all-interfaces';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'bound to IPv4 loopback', code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "127.0.0.1:8080:80"'] },
    {
      name: 'bound to IPv6 loopback, bracketed and bare',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "[::1]:8080:80"', '      - "::1:8443:443"'],
    },
    { name: 'bound to a specific LAN address', code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - 192.168.1.10:8080:80'] },
    {
      name: 'long syntax with host_ip',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 80', '        published: "8080"', '        host_ip: 127.0.0.1'],
    },
    {
      name: 'expose: only reaches other containers, it publishes nothing',
      code: ['services:', '  web:', '    image: nginx:1.27', '    expose:', '      - "80"'],
    },
    {
      name: 'an unset variable is unknown, not a violation',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "${BIND}:8080:80"'],
    },
    { name: 'a default that binds to loopback', code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "${BIND:-127.0.0.1}:8080:80"'] },
    {
      name: 'network_mode: host ignores ports:',
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: host', '    ports:', '      - "8080:80"'],
    },
    {
      name: 'ports a public front end serves on every interface can be allowed',
      code: ['services:', '  proxy:', '    image: traefik:v3.1', '    ports:', '      - "80:80"', '      - target: 443', '        published: 443'],
      options: { allowedPorts: [80, 443] },
    },
    {
      name: 'the base file port is reported there, not in the override',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    environment:', '      DEBUG: "1"'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80"'] },
    },
  ],
  invalid: [
    {
      name: 'quoted short syntax: the address goes inside the quotes',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80"'],
      errors: [{ messageId: 'allInterfaces', data: { port: '8080:80', address: '127.0.0.1' }, line: 5, column: 9, endLine: 5, endColumn: 18 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "127.0.0.1:8080:80"'],
    },
    {
      name: 'plain scalar, single quotes, protocol kept',
      code: ['services:', '  dns:', '    image: coredns/coredns:1.11.3', '    ports:', '      - 5353:53/udp', "      - '5354:53'"],
      errors: [
        { messageId: 'allInterfaces', data: { port: '5353:53/udp', address: '127.0.0.1' }, line: 5, column: 9, endLine: 5, endColumn: 20 },
        { messageId: 'allInterfaces', data: { port: '5354:53', address: '127.0.0.1' }, line: 6, column: 9, endLine: 6, endColumn: 18 },
      ],
      output: ['services:', '  dns:', '    image: coredns/coredns:1.11.3', '    ports:', '      - 127.0.0.1:5353:53/udp', "      - '127.0.0.1:5354:53'"],
    },
    {
      name: 'container port only: Docker picks a host port on every interface; the empty host port is kept',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "80"', '      - 3000-3005'],
      errors: [
        { messageId: 'allInterfaces', data: { port: '80 (random host port)', address: '127.0.0.1' }, line: 5, column: 9, endLine: 5, endColumn: 13 },
        { messageId: 'allInterfaces', data: { port: '3000-3005 (random host port)', address: '127.0.0.1' }, line: 6, column: 9, endLine: 6, endColumn: 18 },
      ],
      output: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "127.0.0.1::80"', '      - 127.0.0.1::3000-3005'],
    },
    {
      name: 'explicit 0.0.0.0 becomes 127.0.0.1',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports: ["0.0.0.0:8080:80"]'],
      errors: [{ messageId: 'allInterfaces', data: { port: '8080:80', address: '127.0.0.1' }, line: 4, column: 13, endLine: 4, endColumn: 30 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    ports: ["127.0.0.1:8080:80"]'],
    },
    {
      name: 'IPv6 any address, bracketed and bare, becomes ::1',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "[::]:8080:80"', '      - ":::8443:443"'],
      errors: [
        { messageId: 'allInterfaces', data: { port: '8080:80', address: '::1' }, line: 5, column: 9, endLine: 5, endColumn: 23 },
        { messageId: 'allInterfaces', data: { port: '8443:443', address: '::1' }, line: 6, column: 9, endLine: 6, endColumn: 22 },
      ],
      output: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "[::1]:8080:80"', '      - "::1:8443:443"'],
    },
    {
      name: 'long syntax without host_ip: host_ip is added to the entry',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    ports:',
        '      - target: 80',
        '        published: "8080"',
        '        protocol: tcp',
        '    restart: on-failure:5',
      ],
      errors: [{ messageId: 'allInterfaces', data: { port: '8080:80', address: '127.0.0.1' }, line: 6, column: 9, endLine: 6, endColumn: 26 }],
      output: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    ports:',
        '      - target: 80',
        '        published: "8080"',
        '        protocol: tcp',
        '        host_ip: 127.0.0.1',
        '    restart: on-failure:5',
      ],
    },
    {
      name: 'long syntax with host_ip 0.0.0.0: the quotes are kept',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 80', '        published: 8080', '        host_ip: "0.0.0.0"'],
      errors: [{ messageId: 'allInterfaces', data: { port: '8080:80', address: '127.0.0.1' }, line: 7, column: 9, endLine: 7, endColumn: 27 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - target: 80', '        published: 8080', '        host_ip: "127.0.0.1"'],
    },
    {
      name: 'long syntax in flow style: reported, no fix',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - { target: 80, published: 8080 }'],
      errors: [{ messageId: 'allInterfaces', data: { port: '8080:80', address: '127.0.0.1' }, line: 5, column: 23, endLine: 5, endColumn: 38 }],
      output: null,
    },
    {
      name: 'inherited through a merge key: reported once, in the anchor',
      code: ['x-web: &web', '  image: nginx:1.27', '  ports:', '    - "8080:80"', 'services:', '  a:', '    <<: *web', '  b:', '    <<: *web'],
      errors: [{ messageId: 'allInterfaces', data: { port: '8080:80', address: '127.0.0.1' }, line: 4, column: 7, endLine: 4, endColumn: 16 }],
      output: ['x-web: &web', '  image: nginx:1.27', '  ports:', '    - "127.0.0.1:8080:80"', 'services:', '  a:', '    <<: *web', '  b:', '    <<: *web'],
    },
    {
      name: 'interpolated default host port, no host address',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "${WEB_PORT:-8080}:80"'],
      errors: [{ messageId: 'allInterfaces', data: { port: '8080:80', address: '127.0.0.1' }, line: 5, column: 9, endLine: 5, endColumn: 31 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "127.0.0.1:${WEB_PORT:-8080}:80"'],
    },
    {
      name: 'an allowed port does not cover a random host port',
      code: ['services:', '  proxy:', '    image: traefik:v3.1', '    ports:', '      - "443"'],
      options: { allowedPorts: [443] },
      errors: [{ messageId: 'allInterfaces', data: { port: '443 (random host port)', address: '127.0.0.1' }, line: 5, column: 9, endLine: 5, endColumn: 14 }],
      output: ['services:', '  proxy:', '    image: traefik:v3.1', '    ports:', '      - "127.0.0.1::443"'],
    },
    {
      name: 'the override file adds a port: reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  db:', '    ports:', '      - "5432:5432"'],
      files: { 'compose.yaml': ['services:', '  db:', '    image: postgres:16'] },
      errors: [{ messageId: 'allInterfaces', data: { port: '5432:5432', address: '127.0.0.1' }, line: 4, column: 9, endLine: 4, endColumn: 20 }],
      output: ['services:', '  db:', '    ports:', '      - "127.0.0.1:5432:5432"'],
    },
  ],
});
