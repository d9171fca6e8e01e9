import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-oom-kill-disabled';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'explicitly false', code: ['services:', '  web:', '    image: nginx:1.27', '    oom_kill_disable: false'] },
    { name: 'a small adjustment', code: ['services:', '  web:', '    image: nginx:1.27', '    oom_score_adj: -100'] },
    { name: 'a positive adjustment makes it a preferred victim', code: ['services:', '  batch:', '    image: example/batch:1', '    oom_score_adj: 500'] },
    {
      name: 'an unset variable is unknown',
      code: ['services:', '  web:', '    image: nginx:1.27', '    oom_kill_disable: ${NO_OOM}', '    oom_score_adj: ${OOM_ADJ}'],
    },
  ],
  invalid: [
    {
      code: ['services:', '  db:', '    image: postgres:16', '    oom_kill_disable: true'],
      errors: [{ messageId: 'disabled', line: 4, column: 5, endLine: 4, endColumn: 27 }],
    },
    {
      name: 'extreme oom_score_adj',
      code: ['services:', '  db:', '    image: postgres:16', '    oom_score_adj: -1000'],
      errors: [{ messageId: 'scoreAdj', data: { value: '-1000' }, line: 4, column: 5, endLine: 4, endColumn: 25 }],
    },
    {
      name: 'from an anchor and a variable default',
      code: ['x-db: &db', '  oom_kill_disable: ${NO_OOM:-true}', 'services:', '  db:', '    <<: *db', '    image: postgres:16'],
      errors: [{ messageId: 'disabled', line: 2, column: 3, endLine: 2, endColumn: 36 }],
    },
    {
      name: 'set in the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  db:', '    oom_score_adj: -900'],
      files: { 'compose.yaml': ['services:', '  db:', '    image: postgres:16'] },
      errors: [{ messageId: 'scoreAdj', data: { value: '-900' }, line: 3, column: 5, endLine: 3, endColumn: 24 }],
    },
  ],
});
