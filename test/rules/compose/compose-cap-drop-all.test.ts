import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-cap-drop-all';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [ALL]'],
    { name: 'block list, lower case, with cap_add', code: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop:', '      - all', '    cap_add:', '      - NET_BIND_SERVICE'] },
    { name: 'CAP_ prefix', code: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: ["CAP_ALL"]'] },
    { name: 'an unset variable might be ALL', code: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [NET_RAW, "${DROP}"]'] },
    { name: 'inherited from an anchor through a merge key', code: ['x-hardened: &hardened', '  cap_drop: [ALL]', 'services:', '  web:', '    <<: *hardened', '    image: nginx:1.27'] },
    { name: 'an alias as the value', code: ['x-caps: &caps [ALL]', 'services:', '  web:', '    image: nginx:1.27', '    cap_drop: *caps'] },
    {
      name: 'the override adds ALL to the base list (merged view)',
      code: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [NET_RAW]'],
      files: { 'compose.override.yaml': ['services:', '  web:', '    cap_drop: [ALL]'] },
    },
    {
      name: 'the service is defined in the base file: the missing setting is reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    environment:', '      DEBUG: "1"'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27'] },
    },
    {
      name: 'extends from another file brings cap_drop',
      code: ['services:', '  web:', '    extends:', '      file: common.yaml', '      service: hardened', '    image: nginx:1.27'],
      files: { 'common.yaml': ['services:', '  hardened:', '    cap_drop: [ALL]', '    read_only: true'] },
    },
    {
      name: 'include: the included file is analysed on its own',
      code: ['include:', '  - db/compose.yaml', 'services:', '  web:', '    image: nginx:1.27', '    cap_drop: [ALL]'],
      files: { 'db/compose.yaml': ['services:', '  db:', '    image: postgres:16'] },
    },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27'],
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [ALL]'],
    },
    {
      name: 'indentation of the file is kept (4 spaces), nested values skipped',
      code: ['services:', '    web:', '        image: nginx:1.27', '        environment:', '            A: "1"', '    db:', '        image: postgres:16', '        cap_drop: [ALL]'],
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 2, column: 5, endLine: 2, endColumn: 8 }],
      output: ['services:', '    web:', '        image: nginx:1.27', '        environment:', '            A: "1"', '        cap_drop: [ALL]', '    db:', '        image: postgres:16', '        cap_drop: [ALL]'],
    },
    {
      name: 'empty service',
      code: ['services:', '  web:', '  db:', '    image: postgres:16', '    cap_drop: [ALL]'],
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: ['services:', '  web:', '    cap_drop: [ALL]', '  db:', '    image: postgres:16', '    cap_drop: [ALL]'],
    },
    {
      name: 'flow list without ALL: ALL is added to it',
      code: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [NET_RAW, MKNOD]'],
      errors: [{ messageId: 'partial', line: 4, column: 5, endLine: 4, endColumn: 13 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [ALL, NET_RAW, MKNOD]'],
    },
    {
      name: 'block list without ALL',
      code: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop:', '      - NET_RAW', '    cap_add:', '      - CHOWN'],
      errors: [{ messageId: 'partial', line: 4, column: 5, endLine: 4, endColumn: 13 }],
      output: ['services:', '  web:', '    image: nginx:1.27', '    cap_drop:', '      - ALL', '      - NET_RAW', '    cap_add:', '      - CHOWN'],
    },
    {
      name: 'a service with a merge key gets its own cap_drop after the last key',
      code: ['x-common: &common', '  restart: always', 'services:', '  web:', '    <<: *common', '    image: nginx:1.27'],
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 4, column: 3, endLine: 4, endColumn: 6 }],
      output: ['x-common: &common', '  restart: always', 'services:', '  web:', '    <<: *common', '    image: nginx:1.27', '    cap_drop: [ALL]'],
    },
    {
      name: 'a service defined only in the override is reported in the override',
      path: 'compose.override.yaml',
      code: ['services:', '  debug:', '    image: busybox:1.36'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    cap_drop: [ALL]'] },
      errors: [{ messageId: 'missing', data: { service: 'debug' }, line: 2, column: 3, endLine: 2, endColumn: 8 }],
      output: ['services:', '  debug:', '    image: busybox:1.36', '    cap_drop: [ALL]'],
    },
    {
      name: 'flow service mapping: reported, no fix',
      code: ['services:', '  web: { image: "nginx:1.27" }'],
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: null,
    },
  ],
});
