import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-memory-limit';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          memory: 256M'],
    { name: 'legacy mem_limit', code: ['version: "2.4"', 'services:', '  web:', '    image: nginx:1.27', '    mem_limit: 256m'] },
    { name: 'an unset variable is still a limit', code: ['services:', '  web:', '    image: nginx:1.27', '    mem_limit: ${WEB_MEMORY}'] },
    { name: 'inherited from an anchor', code: ['x-limits: &limits', '  deploy:', '    resources:', '      limits: {memory: 1G, cpus: "1"}', 'services:', '  web:', '    <<: *limits', '    image: nginx:1.27'] },
    {
      name: 'the override file sets the limit of the base service',
      code: ['services:', '  web:', '    image: nginx:1.27'],
      files: { 'compose.override.yaml': ['services:', '  web:', '    mem_limit: 512m'] },
    },
    {
      name: 'analysing the override: the base service key is in the other file',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    environment:', '      - DEBUG=1'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27'] },
    },
    {
      name: 'extends in the same file',
      code: ['services:', '  base:', '    image: nginx:1.27', '    mem_limit: 128m', '  web:', '    extends: base'],
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
          suggestions: [{ messageId: 'addLimit', output: ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          memory: 512M'] }],
        },
      ],
    },
    {
      name: 'existing deploy.resources is extended, not duplicated',
      code: ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          cpus: "0.5"', '      replicas: 2'],
      errors: [
        {
          messageId: 'missing',
          data: { service: 'web' },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          suggestions: [{ messageId: 'addLimit', output: ['services:', '  web:', '    image: nginx:1.27', '    deploy:', '      resources:', '        limits:', '          cpus: "0.5"', '          memory: 512M', '      replicas: 2'] }],
        },
      ],
    },
    {
      name: 'legacy version 2 file: mem_limit is suggested',
      code: ['version: "2.1"', 'services:', '  db:', '    image: postgres:16'],
      errors: [
        {
          messageId: 'missing',
          data: { service: 'db' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 5,
          suggestions: [{ messageId: 'addMemLimit', output: ['version: "2.1"', 'services:', '  db:', '    image: postgres:16', '    mem_limit: 512m'] }],
        },
      ],
    },
    {
      name: 'zero means unlimited',
      code: ['services:', '  web:', '    image: nginx:1.27', '    mem_limit: 0'],
      errors: [{ messageId: 'unlimited', data: { value: '0' }, line: 4, column: 5, endLine: 4, endColumn: 17 }],
    },
    {
      name: 'deploy inherited through a merge key: reported, no suggestion (adding deploy would hide the anchor)',
      code: ['x-deploy: &deploy', '  deploy:', '    replicas: 2', 'services:', '  web:', '    <<: *deploy', '    image: nginx:1.27'],
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 5, column: 3, endLine: 5, endColumn: 6 }],
    },
    {
      name: 'a service only in the override file is reported in the override',
      path: 'docker-compose.override.yml',
      code: ['services:', '  adminer:', '    image: adminer:4'],
      files: { 'docker-compose.yml': ['services:', '  web:', '    image: nginx:1.27', '    mem_limit: 1g'] },
      errors: [
        {
          messageId: 'missing',
          data: { service: 'adminer' },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 10,
          suggestions: [{ messageId: 'addLimit', output: ['services:', '  adminer:', '    image: adminer:4', '    deploy:', '      resources:', '        limits:', '          memory: 512M'] }],
        },
      ],
    },
  ],
});
