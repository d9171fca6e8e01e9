import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-host-pid';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'a private value', code: ['services:', '  web:', '    image: nginx:1.27', '    pid: private'] },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    pid: ${MODE}'] },
    { name: 'a variable supplied as another value', code: ['services:', '  web:', '    image: nginx:1.27', '    pid: ${MODE}'], env: { MODE: 'private' } },
    { name: 'HOST in capitals is not the host mode (the daemon compares literally)', code: ['services:', '  web:', '    image: nginx:1.27', '    pid: HOST'] },
    {
      name: 'the base file value is reported in the base file, not in the override',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    environment:', '      DEBUG: "1"'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    pid: host'] },
    },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27', '    pid: host'],
      errors: [{ messageId: 'host', line: 4, column: 5, endLine: 4, endColumn: 14 }],
    },
    {
      name: 'quoted, inherited through a merge key: reported in the anchor',
      code: [
        'x-host: &host',
        '  pid: "host"',
        'services:',
        '  a:',
        '    <<: *host',
        '    image: busybox:1.36',
        '  b:',
        '    <<: *host',
        '    image: busybox:1.36',
      ],
      errors: [{ messageId: 'host', line: 2, column: 3, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    image: nginx:1.27', '    pid: ${MODE:-host}'],
      errors: [{ messageId: 'host', line: 4, column: 5, endLine: 4, endColumn: 23 }],
    },
    {
      name: 'set by the override file: reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    pid: host'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27'] },
      errors: [{ messageId: 'host', line: 3, column: 5, endLine: 3, endColumn: 14 }],
    },
  ],
});
