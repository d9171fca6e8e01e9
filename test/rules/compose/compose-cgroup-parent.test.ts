import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-cgroup-parent';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    cgroup_parent: ${CGROUP}'] },
    { name: 'empty means the default', code: ['services:', '  web:', '    image: nginx:1.27', '    cgroup_parent: ""'] },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27', '    cgroup_parent: m-executor-abcd'],
      errors: [{ messageId: 'custom', data: { value: 'm-executor-abcd' }, line: 4, column: 5, endLine: 4, endColumn: 35 }],
    },
    {
      name: 'from an anchor, with a variable default',
      code: ['x-base: &base', '  cgroup_parent: ${CGROUP:-/system.slice}', 'services:', '  web:', '    <<: *base', '    image: nginx:1.27'],
      errors: [{ messageId: 'custom', data: { value: '/system.slice' }, line: 2, column: 3, endLine: 2, endColumn: 42 }],
    },
    {
      name: 'set in the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    cgroup_parent: /docker-limited'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27'] },
      errors: [{ messageId: 'custom', data: { value: '/docker-limited' }, line: 3, column: 5, endLine: 3, endColumn: 35 }],
    },
  ],
});
