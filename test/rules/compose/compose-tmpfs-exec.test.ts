import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-tmpfs-exec';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    tmpfs:', '      - /tmp'],
    {
      name: 'Docker already mounts tmpfs noexec,nosuid: other options do not change that',
      code: ['services:', '  web:', '    image: nginx:1.27', '    tmpfs: /run:size=64m,mode=1777'],
    },
    { name: 'explicit noexec,nosuid', code: ['services:', '  web:', '    image: nginx:1.27', '    tmpfs:', '      - /tmp:rw,noexec,nosuid,size=64m'] },
    {
      name: 'long-syntax tmpfs volumes have no exec option',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    volumes:',
        '      - type: tmpfs',
        '        target: /tmp',
        '        tmpfs:',
        '          size: 67108864',
      ],
    },
    { name: 'unknown options', code: ['services:', '  web:', '    image: nginx:1.27', '    tmpfs:', '      - /tmp:${TMP_OPTS}'] },
  ],
  invalid: [
    {
      code: ['services:', '  app:', '    image: example/app:1', '    tmpfs:', '      - /tmp:exec'],
      errors: [{ messageId: 'exec', data: { target: '/tmp', options: 'exec' }, line: 5, column: 9, endLine: 5, endColumn: 18 }],
      output: ['services:', '  app:', '    image: example/app:1', '    tmpfs:', '      - /tmp:noexec'],
    },
    {
      name: 'string form, quoted, exec and suid among other options',
      code: ['services:', '  app:', '    image: example/app:1', '    tmpfs: "/run:rw,exec,suid,size=16m"'],
      errors: [{ messageId: 'exec', data: { target: '/run', options: 'exec,suid' }, line: 4, column: 12, endLine: 4, endColumn: 40 }],
      output: ['services:', '  app:', '    image: example/app:1', '    tmpfs: "/run:rw,noexec,nosuid,size=16m"'],
    },
    {
      name: 'text with a variable: reported without a fix',
      code: ['services:', '  app:', '    image: example/app:1', '    tmpfs:', '      - ${TMP_DIR:-/tmp}:exec'],
      errors: [{ messageId: 'exec', data: { target: '/tmp', options: 'exec' }, line: 5, column: 9, endLine: 5, endColumn: 30 }],
      output: null,
    },
    {
      name: 'from the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  app:', '    tmpfs:', '      - /cache:exec,size=1g'],
      files: { 'compose.yaml': ['services:', '  app:', '    image: example/app:1'] },
      errors: [{ messageId: 'exec', data: { target: '/cache', options: 'exec' }, line: 4, column: 9, endLine: 4, endColumn: 28 }],
      output: ['services:', '  app:', '    tmpfs:', '      - /cache:noexec,size=1g'],
    },
  ],
});
