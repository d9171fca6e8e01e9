import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-container-name';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    {
      name: 'a valid, unique name',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    container_name: shop-web',
        '  db:',
        '    image: postgres:16',
        '    container_name: shop_db.1',
      ],
    },
    {
      name: 'alternatives in disjoint profiles',
      code: [
        'services:',
        '  web-dev:',
        '    image: nginx:1.27',
        '    profiles: [dev]',
        '    container_name: web',
        '  web-prod:',
        '    image: nginx:1.27',
        '    profiles: [prod]',
        '    container_name: web',
      ],
    },
    { name: 'one replica', code: ['services:', '  web:', '    image: nginx:1.27', '    container_name: web', '    deploy:', '      replicas: 1'] },
    {
      name: 'unset variable',
      code: ['services:', '  web:', '    image: nginx:1.27', '    container_name: ${NAME}', '  db:', '    image: postgres:16', '    container_name: ${NAME}'],
    },
    {
      name: 'the override renames the base container: no duplicate with itself',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    container_name: web-dev'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    container_name: web'] },
    },
  ],
  invalid: [
    {
      name: 'invalid characters',
      code: ['services:', '  web:', '    image: nginx:1.27', '    container_name: "my web"'],
      errors: [{ messageId: 'invalid', data: { name: 'my web' }, line: 4, column: 21, endLine: 4, endColumn: 29 }],
    },
    {
      name: 'starts with a symbol',
      code: ['services:', '  web:', '    image: nginx:1.27', '    container_name: _web'],
      errors: [{ messageId: 'invalid', data: { name: '_web' }, line: 4, column: 21, endLine: 4, endColumn: 25 }],
    },
    {
      name: 'two services, one name',
      code: ['services:', '  web:', '    image: nginx:1.27', '    container_name: app', '  api:', '    image: example/api:1.4', '    container_name: app'],
      errors: [{ messageId: 'duplicate', data: { name: 'app', other: 'web' }, line: 7, column: 21, endLine: 7, endColumn: 24 }],
    },
    {
      name: 'shared through a merge key',
      code: [
        'x-common: &common',
        '  container_name: worker',
        'services:',
        '  a:',
        '    <<: *common',
        '    image: example/w:1',
        '  b:',
        '    <<: *common',
        '    image: example/w:1',
      ],
      errors: [{ messageId: 'duplicate', data: { name: 'worker', other: 'a' }, line: 2, column: 19, endLine: 2, endColumn: 25 }],
    },
    {
      name: 'fixed name on a scaled service',
      code: ['services:', '  worker:', '    image: example/w:1', '    container_name: worker', '    deploy:', '      replicas: 3'],
      errors: [{ messageId: 'scaled', data: { name: 'worker', replicas: '3' }, line: 4, column: 21, endLine: 4, endColumn: 27 }],
    },
    {
      name: 'interpolated default',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    container_name: ${NAME:-web}',
        '  api:',
        '    image: example/api:1.4',
        '    container_name: web',
      ],
      errors: [{ messageId: 'duplicate', data: { name: 'web', other: 'web' }, line: 7, column: 21, endLine: 7, endColumn: 24 }],
    },
    {
      name: 'the override gives a second service the same name',
      path: 'compose.override.yaml',
      code: ['services:', '  api:', '    container_name: web'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27', '    container_name: web', '  api:', '    image: example/api:1.4'] },
      errors: [{ messageId: 'duplicate', data: { name: 'web', other: 'web' }, line: 3, column: 21, endLine: 3, endColumn: 24 }],
    },
  ],
});
