import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-build-privileged';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    build:', '      context: .', '      network: default'],
    { name: 'short build syntax', code: ['services:', '  web:', '    build: ./web'] },
    {
      name: 'privileged false and a harmless entitlement-like label',
      code: ['services:', '  web:', '    build:', '      context: .', '      privileged: false', '      labels:', '        entitlement: security.insecure'],
    },
    { name: "runtime privileged is compose-privileged's concern", code: ['services:', '  web:', '    build: .', '    privileged: true'] },
    { name: "runtime host network is compose-host-network's concern", code: ['services:', '  web:', '    build: .', '    network_mode: host'] },
    {
      name: 'an unset variable is unknown',
      code: ['services:', '  web:', '    build:', '      context: .', '      network: ${BUILD_NETWORK}', '      privileged: ${BUILD_PRIVILEGED}'],
    },
  ],
  invalid: [
    {
      name: 'build.privileged',
      code: ['services:', '  web:', '    build:', '      context: .', '      privileged: true'],
      errors: [{ messageId: 'privileged', line: 5, column: 7, endLine: 5, endColumn: 23 }],
    },
    {
      name: 'entitlements, block list',
      code: ['services:', '  web:', '    build:', '      context: .', '      entitlements:', '        - network.host', '        - security.insecure'],
      errors: [
        { messageId: 'networkHost', data: { what: 'The network.host entitlement' }, line: 6, column: 11, endLine: 6, endColumn: 23 },
        { messageId: 'insecure', line: 7, column: 11, endLine: 7, endColumn: 28 },
      ],
    },
    {
      name: 'build.network: host, flow mapping',
      code: ['services:', '  web:', '    build: { context: ., network: host }'],
      errors: [{ messageId: 'networkHost', data: { what: 'build.network: host' }, line: 3, column: 26, endLine: 3, endColumn: 39 }],
    },
    {
      name: 'inherited through a merge key: reported in the anchor',
      code: [
        'x-build: &build',
        '  context: .',
        '  network: host',
        'services:',
        '  a:',
        '    build:',
        '      <<: *build',
        '      dockerfile: a.Dockerfile',
        '  b:',
        '    build:',
        '      <<: *build',
        '      dockerfile: b.Dockerfile',
      ],
      errors: [{ messageId: 'networkHost', data: { what: 'build.network: host' }, line: 3, column: 3, endLine: 3, endColumn: 16 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    build:', '      context: .', '      network: ${BUILD_NETWORK:-host}'],
      errors: [{ messageId: 'networkHost', data: { what: 'build.network: host' }, line: 5, column: 7, endLine: 5, endColumn: 38 }],
    },
    {
      name: 'set by the override file: reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    build:', '      privileged: true'],
      files: { 'compose.yaml': ['services:', '  web:', '    build:', '      context: .'] },
      errors: [{ messageId: 'privileged', line: 4, column: 7, endLine: 4, endColumn: 23 }],
    },
  ],
});
