import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-host-userns';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'an empty value keeps the daemon default', code: ['services:', '  web:', '    image: nginx:1.27', '    userns_mode: ""'] },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    userns_mode: ${MODE}'] },
    { name: 'a variable supplied as another value', code: ['services:', '  web:', '    image: nginx:1.27', '    userns_mode: ${MODE}'], env: { MODE: '' } },
    {
      name: 'HOST in capitals is not the host mode (the daemon compares literally)',
      code: ['services:', '  web:', '    image: nginx:1.27', '    userns_mode: HOST'],
    },
    {
      name: 'the base file value is reported in the base file, not in the override',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    environment:', '      DEBUG: "1"'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    userns_mode: host'] },
    },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27', '    userns_mode: host'],
      errors: [{ messageId: 'host', line: 4, column: 5, endLine: 4, endColumn: 22 }],
    },
    {
      name: 'quoted, inherited through a merge key: reported in the anchor',
      code: [
        'x-host: &host',
        '  userns_mode: "host"',
        'services:',
        '  a:',
        '    <<: *host',
        '    image: busybox:1.36',
        '  b:',
        '    <<: *host',
        '    image: busybox:1.36',
      ],
      errors: [{ messageId: 'host', line: 2, column: 3, endLine: 2, endColumn: 22 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    image: nginx:1.27', '    userns_mode: ${MODE:-host}'],
      errors: [{ messageId: 'host', line: 4, column: 5, endLine: 4, endColumn: 31 }],
    },
    {
      name: 'set by the override file: reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    userns_mode: host'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27'] },
      errors: [{ messageId: 'host', line: 3, column: 5, endLine: 3, endColumn: 22 }],
    },
  ],
});
