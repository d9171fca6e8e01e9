import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-cpu-limit';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          cpus: "0.5"'],
    { name: 'legacy cpus', code: ['version: "2.4"', 'services:', '  web:', '    image: nginx:1.27', '    cpus: 0.5'] },
    { name: 'cpu_quota is a ceiling too', code: ['services:', '  web:', '    image: nginx:1.27', '    cpu_quota: 50000'] },
    { name: 'an unset variable is still a limit', code: ['services:', '  web:', '    image: nginx:1.27', '    cpus: ${WEB_CPUS}'] },
    {
      name: 'inherited from an anchor',
      code: [
        'x-limits: &limits',
        '  deploy:',
        '    resources:',
        '      limits: {memory: 1G, cpus: "1"}',
        'services:',
        '  web:',
        '    <<: *limits',
        '    image: nginx:1.27',
      ],
    },
    {
      name: 'the override file sets the limit of the base service',
      code: ['services:', '  web:', '    image: nginx:1.27'],
      files: { 'compose.override.yaml': ['services:', '  web:', '    cpus: 1.5'] },
    },
    { name: 'extends in the same file', code: ['services:', '  base:', '    image: nginx:1.27', '    cpus: 1', '  web:', '    extends: base'] },
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
              output: ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          cpus: "1.0"'],
            },
          ],
        },
      ],
    },
    {
      name: 'cpu_shares is only a weight; existing deploy.resources.limits is extended',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    cpu_shares: 512',
        '    deploy:',
        '      resources:',
        '        limits:',
        '          memory: 256M',
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
                '    cpu_shares: 512',
                '    deploy:',
                '      resources:',
                '        limits:',
                '          memory: 256M',
                '          cpus: "1.0"',
              ],
            },
          ],
        },
      ],
    },
    {
      name: 'legacy version 2 file: cpus is suggested',
      code: ['version: "2.2"', 'services:', '  db:', '    image: postgres:16', '    mem_limit: 1g'],
      errors: [
        {
          messageId: 'missing',
          data: { service: 'db' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 5,
          suggestions: [
            { messageId: 'addCpus', output: ['version: "2.2"', 'services:', '  db:', '    image: postgres:16', '    mem_limit: 1g', '    cpus: 1.0'] },
          ],
        },
      ],
    },
    {
      name: 'zero means unlimited',
      code: ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          cpus: "0"'],
      errors: [{ messageId: 'unlimited', data: { value: '0' }, line: 7, column: 11, endLine: 7, endColumn: 20 }],
    },
    {
      name: 'deploy inherited through a merge key: reported, no suggestion',
      code: ['x-deploy: &deploy', '  deploy:', '    replicas: 2', 'services:', '  web:', '    <<: *deploy', '    image: nginx:1.27'],
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 5, column: 3, endLine: 5, endColumn: 6 }],
    },
    {
      name: 'a service only in the override file is reported in the override',
      path: 'docker-compose.override.yml',
      code: ['services:', '  adminer:', '    image: adminer:4'],
      files: { 'docker-compose.yml': ['services:', '  web:', '    image: nginx:1.27', '    cpus: 1'] },
      errors: [
        {
          messageId: 'missing',
          data: { service: 'adminer' },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 10,
          suggestions: [
            {
              messageId: 'addLimit',
              output: ['services:', '  adminer:', '    image: adminer:4', '    deploy:', '      resources:', '        limits:', '          cpus: "1.0"'],
            },
          ],
        },
      ],
    },
  ],
});
