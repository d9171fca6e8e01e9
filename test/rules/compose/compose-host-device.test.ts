import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-host-device';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'an unknown device path', code: ['services:', '  app:', '    image: example/app:1', '    devices:', '      - ${DEVICE}'] },
    { name: 'an empty list', code: ['services:', '  app:', '    image: example/app:1', '    devices: []'] },
  ],
  invalid: [
    {
      code: ['services:', '  jellyfin:', '    image: jellyfin/jellyfin:10.9', '    devices:', '      - /dev/dri:/dev/dri'],
      errors: [{ messageId: 'device', data: { device: '/dev/dri' }, line: 5, column: 9, endLine: 5, endColumn: 26 }],
    },
    {
      name: 'with permissions, and a second device',
      code: ['services:', '  zigbee:', '    image: koenkk/zigbee2mqtt:1.40', '    devices:', '      - "/dev/ttyUSB0:/dev/ttyACM0:rwm"', '      - /dev/fuse'],
      errors: [
        { messageId: 'device', data: { device: '/dev/ttyUSB0' }, line: 5, column: 9, endLine: 5, endColumn: 40 },
        { messageId: 'device', data: { device: '/dev/fuse' }, line: 6, column: 9, endLine: 6, endColumn: 18 },
      ],
    },
    {
      name: 'long syntax',
      code: [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    devices:',
        '      - source: /dev/sda',
        '        target: /dev/xvda',
        '        permissions: r',
      ],
      errors: [{ messageId: 'device', data: { device: '/dev/sda' }, line: 5, column: 9, endLine: 5, endColumn: 25 }],
    },
    {
      name: 'device cgroup rules',
      code: ['services:', '  app:', '    image: example/app:1', '    device_cgroup_rules:', "      - 'c 188:* rmw'"],
      errors: [{ messageId: 'cgroupRule', data: { rule: 'c 188:* rmw' }, line: 5, column: 9, endLine: 5, endColumn: 22 }],
    },
    {
      name: 'interpolation default, in the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  app:', '    devices:', '      - ${GPU:-/dev/nvidia0}:/dev/nvidia0'],
      files: { 'compose.yaml': ['services:', '  app:', '    image: example/app:1'] },
      errors: [{ messageId: 'device', data: { device: '/dev/nvidia0' }, line: 4, column: 9, endLine: 4, endColumn: 42 }],
    },
  ],
});
