import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-host-network';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    ports: ["127.0.0.1:8080:80"]'],
    {
      name: 'bridge and none',
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: bridge', '  batch:', '    image: busybox:1.36', '    network_mode: none'],
    },
    {
      name: "another service's namespace is compose-shared-namespace's concern",
      code: ['services:', '  vpn:', '    image: qmcgaw/gluetun:v3', '  app:', '    image: example/app:1', '    network_mode: "service:vpn"'],
    },
    { name: 'a network named host-net', code: ['services:', '  web:', '    image: nginx:1.27', '    networks: [host-net]', 'networks:', '  host-net: {}'] },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: ${NET_MODE}'] },
    { name: "build.network is compose-build-privileged's concern", code: ['services:', '  web:', '    build:', '      context: .', '      network: host'] },
    {
      name: 'the override sets bridge: the merged service is not on the host network',
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: host'],
      files: { 'compose.override.yaml': ['services:', '  web:', '    network_mode: bridge'] },
    },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: host'],
      errors: [{ messageId: 'host', line: 4, column: 5, endLine: 4, endColumn: 23 }],
    },
    {
      name: 'quoted, flow mapping',
      code: ['services:', '  web: { image: "nginx:1.27", network_mode: "host" }'],
      errors: [{ messageId: 'host', line: 2, column: 31, endLine: 2, endColumn: 51 }],
    },
    {
      name: 'inherited through a merge key: reported in the anchor',
      code: [
        'x-net: &net',
        '  network_mode: host',
        'services:',
        '  a:',
        '    <<: *net',
        '    image: busybox:1.36',
        '  b:',
        '    <<: *net',
        '    image: busybox:1.36',
      ],
      errors: [{ messageId: 'host', line: 2, column: 3, endLine: 2, endColumn: 21 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: ${NET_MODE:-host}'],
      errors: [{ messageId: 'host', line: 4, column: 5, endLine: 4, endColumn: 36 }],
    },
    {
      name: 'set by the override file: reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    network_mode: host'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27'] },
      errors: [{ messageId: 'host', line: 3, column: 5, endLine: 3, endColumn: 23 }],
    },
  ],
});
