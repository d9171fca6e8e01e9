import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-shared-namespace';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    networks: [front]', 'networks:', '  front: {}'],
    {
      name: "host modes are the host-namespace rules' concern",
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: host', '    pid: host', '    ipc: host'],
    },
    { name: 'ipc: shareable only offers the namespace', code: ['services:', '  web:', '    image: nginx:1.27', '    ipc: shareable'] },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: ${NET_MODE}'] },
  ],
  invalid: [
    {
      name: 'network_mode service:, the VPN sidecar pattern',
      code: ['services:', '  vpn:', '    image: qmcgaw/gluetun:v3', '  torrent:', '    image: example/torrent:1', '    network_mode: "service:vpn"'],
      errors: [{ messageId: 'network', data: { value: 'service:vpn', target: 'service "vpn"' }, line: 6, column: 5, endLine: 6, endColumn: 32 }],
    },
    {
      name: 'network_mode container:',
      code: ['services:', '  app:', '    image: example/app:1', '    network_mode: container:legacy_proxy'],
      errors: [
        { messageId: 'network', data: { value: 'container:legacy_proxy', target: 'container "legacy_proxy"' }, line: 4, column: 5, endLine: 4, endColumn: 41 },
      ],
    },
    {
      name: 'pid and ipc of another service',
      code: ['services:', '  app:', '    image: example/app:1', '  debug:', '    image: busybox:1.36', '    pid: "service:app"', '    ipc: service:app'],
      errors: [
        { messageId: 'pid', data: { value: 'service:app', target: 'service "app"' }, line: 6, column: 5, endLine: 6, endColumn: 23 },
        { messageId: 'ipc', data: { value: 'service:app', target: 'service "app"' }, line: 7, column: 5, endLine: 7, endColumn: 21 },
      ],
    },
    {
      name: 'inherited through a merge key: reported once, in the anchor',
      code: [
        'x-behind-vpn: &behind-vpn',
        '  network_mode: service:vpn',
        'services:',
        '  vpn:',
        '    image: qmcgaw/gluetun:v3',
        '  a:',
        '    <<: *behind-vpn',
        '    image: example/a:1',
        '  b:',
        '    <<: *behind-vpn',
        '    image: example/b:1',
      ],
      errors: [{ messageId: 'network', data: { value: 'service:vpn', target: 'service "vpn"' }, line: 2, column: 3, endLine: 2, endColumn: 28 }],
    },
    {
      name: 'interpolated default, set in the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  app:', '    network_mode: service:${GATEWAY:-vpn}'],
      files: { 'compose.yaml': ['services:', '  vpn:', '    image: qmcgaw/gluetun:v3', '  app:', '    image: example/app:1'] },
      errors: [{ messageId: 'network', data: { value: 'service:vpn', target: 'service "vpn"' }, line: 3, column: 5, endLine: 3, endColumn: 42 }],
    },
  ],
});
