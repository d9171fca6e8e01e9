import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-default-network';

ruleTester.run(rule, {
  valid: [
    {
      name: 'no networks: Compose creates the project network <project>_default, a user-defined bridge',
      code: ['services:', '  web:', '    image: nginx:1.27'],
    },
    { name: 'user-defined networks', code: ['services:', '  web:', '    image: nginx:1.27', '    networks: [front]', 'networks:', '  front: {}'] },
    {
      name: 'a bridge-driver network of the project',
      code: ['services:', '  web:', '    image: nginx:1.27', '    networks: [front]', 'networks:', '  front:', '    driver: bridge'],
    },
    {
      name: 'host, none and shared namespaces belong to other rules',
      code: ['services:', '  a:', '    image: nginx:1.27', '    network_mode: none', '  b:', '    image: nginx:1.27', '    network_mode: "service:a"'],
    },
    { name: 'unset variable', code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: ${NET_MODE}'] },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: bridge'],
      errors: [{ messageId: 'defaultBridge', data: { mode: 'bridge' }, line: 4, column: 5, endLine: 4, endColumn: 25 }],
    },
    {
      name: 'quoted, from a merge key: reported once in the anchor',
      code: [
        'x-net: &net',
        '  network_mode: "bridge"',
        'services:',
        '  a:',
        '    <<: *net',
        '    image: nginx:1.27',
        '  b:',
        '    <<: *net',
        '    image: nginx:1.27',
      ],
      errors: [{ messageId: 'defaultBridge', data: { mode: 'bridge' }, line: 2, column: 3, endLine: 2, endColumn: 25 }],
    },
    {
      name: 'default means the default bridge on Linux',
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: default'],
      errors: [{ messageId: 'defaultBridge', data: { mode: 'default' }, line: 4, column: 5, endLine: 4, endColumn: 26 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    image: nginx:1.27', '    network_mode: ${NET_MODE:-bridge}'],
      errors: [{ messageId: 'defaultBridge', data: { mode: 'bridge' }, line: 4, column: 5, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'set by the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    network_mode: bridge'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27'] },
      errors: [{ messageId: 'defaultBridge', data: { mode: 'bridge' }, line: 3, column: 5, endLine: 3, endColumn: 25 }],
    },
  ],
});
