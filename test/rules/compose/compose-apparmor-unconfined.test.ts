import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-apparmor-unconfined';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'a named profile', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt:', '      - apparmor=docker-default'] },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["apparmor:${PROFILE}"]'] },
    {
      name: 'a variable supplied as a profile name',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["apparmor:${PROFILE}"]'],
      env: { PROFILE: 'web-profile' },
    },
    { name: 'seccomp unconfined is another rule', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: [seccomp:unconfined]'] },
  ],
  invalid: [
    {
      name: 'block list, colon spelling',
      code: ['services:', '  agent:', '    image: example/agent:2', '    security_opt:', '      - apparmor:unconfined', '      - no-new-privileges:true'],
      errors: [{ messageId: 'unconfined', data: { option: 'apparmor:unconfined' }, line: 5, column: 9, endLine: 5, endColumn: 28 }],
      output: ['services:', '  agent:', '    image: example/agent:2', '    security_opt:', '      - no-new-privileges:true'],
    },
    {
      name: 'flow list, equals spelling, first item',
      code: ['services:', '  agent:', '    image: example/agent:2', '    security_opt: [apparmor=unconfined, no-new-privileges=true]'],
      errors: [{ messageId: 'unconfined', data: { option: 'apparmor=unconfined' }, line: 4, column: 20, endLine: 4, endColumn: 39 }],
      output: ['services:', '  agent:', '    image: example/agent:2', '    security_opt: [no-new-privileges=true]'],
    },
    {
      name: 'only item, comment after the key is dropped with the list',
      code: ['services:', '  agent:', '    image: example/agent:2', '    security_opt: # needed by fuse', "      - 'apparmor:unconfined'"],
      errors: [{ messageId: 'unconfined', data: { option: 'apparmor:unconfined' }, line: 5, column: 9, endLine: 5, endColumn: 30 }],
      output: ['services:', '  agent:', '    image: example/agent:2', '    security_opt: []'],
    },
    {
      name: 'aliased list shared by two services: one finding and one fix, in the anchor',
      code: [
        'x-sec: &sec [apparmor:unconfined]',
        'services:',
        '  a:',
        '    image: busybox:1.36',
        '    security_opt: *sec',
        '  b:',
        '    image: busybox:1.36',
        '    security_opt: *sec',
      ],
      errors: [{ messageId: 'unconfined', data: { option: 'apparmor:unconfined' }, line: 1, column: 14, endLine: 1, endColumn: 33 }],
      output: [
        'x-sec: &sec []',
        'services:',
        '  a:',
        '    image: busybox:1.36',
        '    security_opt: *sec',
        '  b:',
        '    image: busybox:1.36',
        '    security_opt: *sec',
      ],
    },
    {
      name: 'value from the .env file',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["apparmor:${PROFILE}"]'],
      env: { PROFILE: 'unconfined' },
      errors: [{ messageId: 'unconfined', data: { option: 'apparmor:unconfined' }, line: 4, column: 20, endLine: 4, endColumn: 41 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: []'],
    },
  ],
});
