import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-user-root';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    user: "10001:10001"'],
    { name: 'no user: key (the image decides; compose-effective-user-root reads the Dockerfile)', code: ['services:', '  web:', '    image: nginx:1.27'] },
    { name: 'a named non-root user', code: ['services:', '  web:', '    image: nginx:1.27', '    user: nginx'] },
    { name: 'root group only', code: ['services:', '  web:', '    image: nginx:1.27', '    user: "1000:0"'] },
    { name: 'a user whose name starts with root', code: ['services:', '  web:', '    image: nginx:1.27', '    user: rootless'] },
    { name: 'UID 10 is not 0', code: ['services:', '  web:', '    image: nginx:1.27', '    user: "10"'] },
    {
      name: 'over an image known to run as non-root: compose-effective-user-root reports it, with the image user',
      code: ['services:', '  web:', '    image: gcr.io/distroless/static-debian12:nonroot', '    user: root'],
    },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    user: "${UID}:${GID}"'] },
    {
      name: 'the override switches to a non-root user',
      code: ['services:', '  web:', '    image: nginx:1.27', '    user: root'],
      files: { 'compose.override.yaml': ['services:', '  web:', '    user: "101"'] },
    },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27', '    user: root'],
      errors: [{ messageId: 'root', data: { value: 'root' }, line: 4, column: 5, endLine: 4, endColumn: 15 }],
    },
    {
      name: 'numeric UID 0 with a group',
      code: ['services:', '  web:', '    image: nginx:1.27', '    user: "0:0"'],
      errors: [{ messageId: 'root', data: { value: '0:0' }, line: 4, column: 5, endLine: 4, endColumn: 16 }],
    },
    {
      name: 'a YAML number',
      code: ['services:', '  web:', '    image: nginx:1.27', '    user: 0'],
      errors: [{ messageId: 'root', data: { value: '0' }, line: 4, column: 5, endLine: 4, endColumn: 12 }],
    },
    {
      name: 'inherited through a merge key: reported in the anchor',
      code: ['x-root: &root', '  user: root:root', 'services:', '  a:', '    <<: *root', '    image: example/a:1'],
      errors: [{ messageId: 'root', data: { value: 'root:root' }, line: 2, column: 3, endLine: 2, endColumn: 18 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    image: nginx:1.27', '    user: ${APP_USER:-root}'],
      errors: [{ messageId: 'root', data: { value: 'root' }, line: 4, column: 5, endLine: 4, endColumn: 28 }],
    },
    {
      name: 'value from the .env file',
      code: ['services:', '  web:', '    image: nginx:1.27', '    user: ${APP_UID}'],
      env: { APP_UID: '0' },
      errors: [{ messageId: 'root', data: { value: '0' }, line: 4, column: 5, endLine: 4, endColumn: 21 }],
    },
    {
      name: 'set by the override file: reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    user: root'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    user: "101"'] },
      errors: [{ messageId: 'root', data: { value: 'root' }, line: 3, column: 5, endLine: 3, endColumn: 15 }],
    },
  ],
});
