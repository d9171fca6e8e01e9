import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-pids-limit';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          pids: 100'],
    { name: 'legacy pids_limit', code: ['version: "2.4"', 'services:', '  web:', '    image: nginx:1.27', '    pids_limit: 100'] },
    { name: 'an unset variable is still a limit', code: ['services:', '  web:', '    image: nginx:1.27', '    pids_limit: ${WEB_PIDS}'] },
    { name: 'variable default', code: ['services:', '  web:', '    image: nginx:1.27', '    pids_limit: ${WEB_PIDS:-128}'] },
    { name: 'inherited from an anchor', code: ['x-limits: &limits', '  pids_limit: 200', 'services:', '  web:', '    <<: *limits', '    image: nginx:1.27'] },
    {
      name: 'the override file sets the limit of the base service',
      code: ['services:', '  web:', '    image: nginx:1.27'],
      files: { 'compose.override.yaml': ['services:', '  web:', '    pids_limit: 100'] },
    },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27'],
      errors: [
        {
          messageId: 'missing',
          data: { service: 'web' },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          suggestions: [
            {
              messageId: 'addLimit',
              output: ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          pids: 200'],
            },
          ],
        },
      ],
    },
    {
      name: 'existing deploy.resources is extended, not duplicated',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    deploy:',
        '      resources:',
        '        limits:',
        '          memory: 256M',
        '      replicas: 2',
      ],
      errors: [
        {
          messageId: 'missing',
          data: { service: 'web' },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          suggestions: [
            {
              messageId: 'addLimit',
              output: [
                'services:',
                '  web:',
                '    image: nginx:1.27',
                '    deploy:',
                '      resources:',
                '        limits:',
                '          memory: 256M',
                '          pids: 200',
                '      replicas: 2',
              ],
            },
          ],
        },
      ],
    },
    {
      name: 'legacy version 2 file: pids_limit is suggested',
      code: ['version: "2.4"', 'services:', '  db:', '    image: postgres:16'],
      errors: [
        {
          messageId: 'missing',
          data: { service: 'db' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 5,
          suggestions: [{ messageId: 'addPidsLimit', output: ['version: "2.4"', 'services:', '  db:', '    image: postgres:16', '    pids_limit: 200'] }],
        },
      ],
    },
    {
      name: '-1 means unlimited',
      code: ['services:', '  web:', '    image: nginx:1.27', '    pids_limit: -1'],
      errors: [{ messageId: 'unlimited', data: { value: '-1' }, line: 4, column: 5, endLine: 4, endColumn: 19 }],
    },
    {
      name: '0 in deploy.resources means unlimited',
      code: ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          pids: 0'],
      errors: [{ messageId: 'unlimited', data: { value: '0' }, line: 7, column: 11, endLine: 7, endColumn: 18 }],
    },
    {
      name: 'flow-style service: reported without a suggestion',
      code: ['services:', '  web: { image: "nginx:1.27" }'],
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
  ],
});
