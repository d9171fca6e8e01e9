import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-privileged';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'privileged: false', code: ['services:', '  web:', '    image: nginx:1.27', '    privileged: false'] },
    { name: 'the string "true" in another key', code: ['services:', '  web:', '    image: nginx:1.27', '    labels:', '      privileged: "true"'] },
    { name: 'an unset variable is unknown, not a violation', code: ['services:', '  web:', '    image: nginx:1.27', '    privileged: ${PRIVILEGED}'] },
    { name: 'a variable supplied as false', code: ['services:', '  web:', '    image: nginx:1.27', '    privileged: ${PRIVILEGED}'], env: { PRIVILEGED: 'false' } },
    {
      name: 'the override file turns privileged off for the merged service',
      path: 'compose.yaml',
      code: ['services:', '  web:', '    image: nginx:1.27', '    privileged: true'],
      files: { 'compose.override.yaml': ['services:', '  web:', '    privileged: false'] },
    },
    {
      name: 'the base file privileged is reported there, not in the override',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    environment:', '      DEBUG: "1"'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    privileged: true'] },
    },
    { name: 'build.privileged belongs to compose-build-privileged', code: ['services:', '  web:', '    build:', '      context: .', '      privileged: true'] },
    { name: 'legacy version 2 file', code: ['version: "2.4"', 'services:', '  web:', '    image: nginx:1.27', '    privileged: no'] },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27', '    privileged: true'],
      errors: [{ messageId: 'privileged', line: 4, column: 5, endLine: 4, endColumn: 21 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    privileged: false'],
    },
    {
      name: 'comments and other keys are kept',
      code: ['services:', '  web:', '    privileged: true # needs /dev/kvm', '    image: nginx:1.27'],
      errors: [{ messageId: 'privileged', line: 3, column: 5, endLine: 3, endColumn: 21 }],
      output: ['services:', '  web:', '    privileged: false # needs /dev/kvm', '    image: nginx:1.27'],
    },
    {
      name: 'flow mapping',
      code: ['services:', '  web: { image: "nginx:1.27", privileged: true }'],
      errors: [{ messageId: 'privileged', line: 2, column: 31, endLine: 2, endColumn: 47 }],
      output: ['services:', '  web: { image: "nginx:1.27", privileged: false }'],
    },
    {
      name: 'YAML 1.1 spelling that Compose accepts',
      code: ['version: "3.8"', 'services:', '  web:', '    image: nginx:1.27', '    privileged: "yes"'],
      errors: [{ messageId: 'privileged', line: 5, column: 5, endLine: 5, endColumn: 22 }],
      output: ['version: "3.8"', 'services:', '  web:', '    image: nginx:1.27', '    privileged: false'],
    },
    {
      name: 'inherited through a merge key: reported once, where the anchor wrote it',
      code: ['x-common: &common', '  privileged: true', '  restart: unless-stopped', 'services:', '  web:', '    <<: *common', '    image: nginx:1.27', '  worker:', '    <<: *common', '    image: busybox:1.36'],
      errors: [{ messageId: 'privileged', line: 2, column: 3, endLine: 2, endColumn: 19 }],
      output: ['x-common: &common', '  privileged: false', '  restart: unless-stopped', 'services:', '  web:', '    <<: *common', '    image: nginx:1.27', '  worker:', '    <<: *common', '    image: busybox:1.36'],
    },
    {
      name: 'an explicit key wins over the merge key',
      code: ['x-common: &common', '  privileged: false', 'services:', '  web:', '    <<: *common', '    privileged: true'],
      errors: [{ messageId: 'privileged', line: 6, column: 5, endLine: 6, endColumn: 21 }],
      output: ['x-common: &common', '  privileged: false', 'services:', '  web:', '    <<: *common', '    privileged: false'],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    image: nginx:1.27', '    privileged: ${PRIVILEGED:-true}'],
      errors: [{ messageId: 'privileged', line: 4, column: 5, endLine: 4, endColumn: 36 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    privileged: false'],
    },
    {
      name: 'value supplied by the .env',
      code: ['services:', '  web:', '    image: nginx:1.27', '    privileged: ${PRIVILEGED}'],
      env: { PRIVILEGED: 'true' },
      errors: [{ messageId: 'privileged', line: 4, column: 5, endLine: 4, endColumn: 30 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    privileged: false'],
    },
    {
      name: 'an override that re-enables privileged is reported in the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    privileged: true'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    privileged: false'] },
      errors: [{ messageId: 'privileged', line: 3, column: 5, endLine: 3, endColumn: 21 }],
      output: ['services:', '  web:', '    privileged: false'],
    },
    {
      name: 'docker-compose.override.yml beside docker-compose.yml',
      path: 'deploy/docker-compose.override.yml',
      code: ['services:', '  db:', '    privileged: true'],
      files: { 'deploy/docker-compose.yml': ['services:', '  db:', '    image: postgres:16'] },
      errors: [{ messageId: 'privileged', line: 3, column: 5, endLine: 3, endColumn: 21 }],
      output: ['services:', '  db:', '    privileged: false'],
    },
  ],
});
