import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-seccomp-unconfined';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'a custom profile file', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt:', '      - seccomp=./seccomp.json'] },
    { name: 'the default profile by name', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["seccomp:default"]'] },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["seccomp=${SECCOMP}"]'] },
    { name: "privileged alone is compose-privileged's finding", code: ['services:', '  web:', '    image: nginx:1.27', '    privileged: true'] },
    {
      name: 'the daemon compares the key as written (SECCOMP is an invalid option, not an unconfined one)',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["SECCOMP=unconfined"]'],
    },
    { name: 'a label that mentions unconfined', code: ['services:', '  web:', '    image: nginx:1.27', '    labels:', '      seccomp: unconfined'] },
    {
      name: 'the base file option is reported in the base file, not in the override',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    environment:', '      DEBUG: "1"'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    security_opt:', '      - seccomp:unconfined'] },
    },
  ],
  invalid: [
    {
      name: 'block list, deprecated colon spelling, other options kept',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt:', '      - seccomp:unconfined', '      - no-new-privileges:true'],
      errors: [{ messageId: 'unconfined', data: { option: 'seccomp:unconfined' }, line: 5, column: 9, endLine: 5, endColumn: 27 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    security_opt:', '      - no-new-privileges:true'],
    },
    {
      name: 'equals spelling, flow list, last item',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: [no-new-privileges=true, seccomp=unconfined]'],
      errors: [{ messageId: 'unconfined', data: { option: 'seccomp=unconfined' }, line: 4, column: 44, endLine: 4, endColumn: 62 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: [no-new-privileges=true]'],
    },
    {
      name: 'the only item of a block list leaves an empty list',
      code: ['services:', '  db:', '    image: mysql:8.4', '    security_opt:', '      - "seccomp:unconfined"', '    restart: always'],
      errors: [{ messageId: 'unconfined', data: { option: 'seccomp:unconfined' }, line: 5, column: 9, endLine: 5, endColumn: 29 }],
      output: ['services:', '  db:', '    image: mysql:8.4', '    security_opt: []', '    restart: always'],
    },
    {
      name: 'the only item of a flow list',
      code: ['services:', '  db:', '    image: mysql:8.4', '    security_opt: [seccomp:unconfined]'],
      errors: [{ messageId: 'unconfined', data: { option: 'seccomp:unconfined' }, line: 4, column: 20, endLine: 4, endColumn: 38 }],
      output: ['services:', '  db:', '    image: mysql:8.4', '    security_opt: []'],
    },
    {
      name: 'inherited through a merge key: reported once, in the anchor',
      code: [
        'x-base: &base',
        '  security_opt:',
        '    - seccomp:unconfined',
        '    - apparmor:docker-default',
        'services:',
        '  a:',
        '    <<: *base',
        '    image: busybox:1.36',
        '  b:',
        '    <<: *base',
        '    image: busybox:1.36',
      ],
      errors: [{ messageId: 'unconfined', data: { option: 'seccomp:unconfined' }, line: 3, column: 7, endLine: 3, endColumn: 25 }],
      output: [
        'x-base: &base',
        '  security_opt:',
        '    - apparmor:docker-default',
        'services:',
        '  a:',
        '    <<: *base',
        '    image: busybox:1.36',
        '  b:',
        '    <<: *base',
        '    image: busybox:1.36',
      ],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["seccomp=${SECCOMP:-unconfined}", no-new-privileges]'],
      errors: [{ messageId: 'unconfined', data: { option: 'seccomp=unconfined' }, line: 4, column: 20, endLine: 4, endColumn: 52 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: [no-new-privileges]'],
    },
    {
      name: 'added by the override file: reported and fixed there',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    security_opt:', '      - seccomp:unconfined', '      - label:level:s0:c100'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    security_opt: [no-new-privileges:true]'] },
      errors: [{ messageId: 'unconfined', data: { option: 'seccomp:unconfined' }, line: 4, column: 9, endLine: 4, endColumn: 27 }],
      output: ['services:', '  web:', '    security_opt:', '      - label:level:s0:c100'],
    },
  ],
});
