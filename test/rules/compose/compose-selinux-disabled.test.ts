import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-selinux-disabled';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'a label level', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt:', '      - label=level:s0:c100,c200'] },
    { name: 'a confined custom type', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["label=type:container_runtime_t"]'] },
    {
      name: 'relabelled volume (the right way to share host files)',
      code: ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - ./html:/usr/share/nginx/html:ro,Z'],
    },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: ["label:${LABEL}"]'] },
  ],
  invalid: [
    {
      name: 'label:disable in a block list',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt:', '      - label:disable', '      - no-new-privileges:true'],
      errors: [{ messageId: 'disabled', data: { option: 'label:disable' }, line: 5, column: 9, endLine: 5, endColumn: 22 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    security_opt:', '      - no-new-privileges:true'],
    },
    {
      name: 'label=disable, only item of a flow list',
      code: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: [label=disable]'],
      errors: [{ messageId: 'disabled', data: { option: 'label=disable' }, line: 4, column: 20, endLine: 4, endColumn: 33 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    security_opt: []'],
    },
    {
      name: 'the unconfined spc_t type',
      code: ['services:', '  agent:', '    image: example/agent:2', '    security_opt:', '      - label=type:spc_t', '    restart: always'],
      errors: [{ messageId: 'superPrivileged', data: { option: 'label=type:spc_t' }, line: 5, column: 9, endLine: 5, endColumn: 25 }],
      output: ['services:', '  agent:', '    image: example/agent:2', '    security_opt: []', '    restart: always'],
    },
    {
      name: 'from the override file',
      path: 'docker-compose.override.yml',
      code: ['services:', '  web:', '    security_opt: ["label:disable", "seccomp:./p.json"]'],
      files: { 'docker-compose.yml': ['services:', '  web:', '    image: nginx:1.27'] },
      errors: [{ messageId: 'disabled', data: { option: 'label:disable' }, line: 3, column: 20, endLine: 3, endColumn: 35 }],
      output: ['services:', '  web:', '    security_opt: ["seccomp:./p.json"]'],
    },
  ],
});
