import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-init';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    init: true'],
    { name: 'an explicit init: false is a decision', code: ['services:', '  web:', '    image: nginx:1.27', '    init: false'] },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    init: ${USE_INIT}'] },
    { name: 's6-overlay images must keep their own PID 1', code: ['services:', '  sonarr:', '    image: lscr.io/linuxserver/sonarr:4.0.9'] },
    { name: 'tini as the entrypoint', code: ['services:', '  app:', '    image: example/app:1', '    entrypoint: ["/sbin/tini", "--", "/app/run"]'] },
    { name: 'init from an anchor', code: ['x-common: &common', '  init: true', 'services:', '  app:', '    <<: *common', '    image: example/app:1'] },
    {
      name: 'init from the override file',
      code: ['services:', '  app:', '    image: example/app:1'],
      files: { 'compose.override.yaml': ['services:', '  app:', '    init: true'] },
    },
  ],
  invalid: [
    {
      code: ['services:', '  app:', '    image: example/app:1'],
      errors: [{ messageId: 'missing', data: { service: 'app' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: ['services:', '  app:', '    image: example/app:1', '    init: true'],
    },
    {
      name: 'comments and later services are kept',
      code: [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    command: ["node", "server.js"] # PID 1 is node',
        '  db:',
        '    image: postgres:16',
        '    init: true',
      ],
      errors: [{ messageId: 'missing', data: { service: 'app' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    command: ["node", "server.js"] # PID 1 is node',
        '    init: true',
        '  db:',
        '    image: postgres:16',
        '    init: true',
      ],
    },
    {
      name: 'a service only in the override file is reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  debug:', '    image: busybox:1.36'],
      files: { 'compose.yaml': ['services:', '  app:', '    image: example/app:1', '    init: true'] },
      errors: [{ messageId: 'missing', data: { service: 'debug' }, line: 2, column: 3, endLine: 2, endColumn: 8 }],
      output: ['services:', '  debug:', '    image: busybox:1.36', '    init: true'],
    },
    {
      name: 'flow-style service: reported without a fix',
      code: ['services:', '  app: { image: "example/app:1" }'],
      errors: [{ messageId: 'missing', data: { service: 'app' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: null,
    },
  ],
});
