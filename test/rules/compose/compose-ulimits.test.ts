import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-ulimits';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    ulimits:', '      nproc: 512', '      nofile:', '        soft: 1024', '        hard: 4096'],
    {
      name: 'from the override file',
      code: ['services:', '  web:', '    image: nginx:1.27'],
      files: { 'compose.override.yaml': ['services:', '  web:', '    ulimits:', '      nofile: 1024'] },
    },
    { name: 'unknown values', code: ['services:', '  web:', '    image: nginx:1.27', '    ulimits:', '      nofile: ${NOFILE}'] },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27'],
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: 'explicitly unlimited',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    ulimits:',
        '      nproc: -1',
        '      nofile:',
        '        soft: 1024',
        '        hard: unlimited',
      ],
      errors: [
        { messageId: 'unlimited', data: { name: 'nproc', value: '-1' }, line: 5, column: 7, endLine: 5, endColumn: 16 },
        { messageId: 'unlimited', data: { name: 'nofile', value: 'unlimited' }, line: 8, column: 9, endLine: 8, endColumn: 24 },
      ],
    },
    {
      name: 'merge key and anchor: the missing limit is still on the service key',
      code: ['x-common: &common', '  restart: on-failure:5', 'services:', '  worker:', '    <<: *common', '    image: example/worker:1'],
      errors: [{ messageId: 'missing', data: { service: 'worker' }, line: 4, column: 3, endLine: 4, endColumn: 9 }],
    },
  ],
});
