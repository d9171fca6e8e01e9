import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-build-and-image';

ruleTester.run(rule, {
  valid: [
    ['services:', '  app:', '    build: .'],
    { name: 'image only', code: ['services:', '  web:', '    image: nginx:1.27'] },
    {
      name: 'pull_policy: build says the image is the build output',
      code: ['services:', '  app:', '    build: .', '    image: registry.example.com/app:1.4', '    pull_policy: build'],
    },
    {
      name: 'pull_policy: never contacts no registry',
      code: ['services:', '  app:', '    build:', '      context: .', '    image: app:dev', '    pull_policy: never'],
    },
    { name: 'unknown pull policy', code: ['services:', '  app:', '    build: .', '    image: app:dev', '    pull_policy: ${PULL_POLICY}'] },
    { name: 'unknown image', code: ['services:', '  app:', '    build: .', '    image: ${APP_IMAGE}'] },
  ],
  invalid: [
    {
      code: ['services:', '  app:', '    build: .', '    image: registry.example.com/app:1.4'],
      errors: [{ messageId: 'both', data: { service: 'app', image: 'registry.example.com/app:1.4' }, line: 4, column: 5, endLine: 4, endColumn: 40 }],
    },
    {
      name: 'long build syntax, pull_policy: always pulls first',
      code: ['services:', '  app:', '    image: app:dev', '    build:', '      context: .', '      dockerfile: Dockerfile', '    pull_policy: always'],
      errors: [{ messageId: 'both', data: { service: 'app', image: 'app:dev' }, line: 3, column: 5, endLine: 3, endColumn: 19 }],
    },
    {
      name: 'image from a merge key, build on the service',
      code: ['x-app: &app', '  image: example/app:1', 'services:', '  app:', '    <<: *app', '    build: .'],
      errors: [{ messageId: 'both', data: { service: 'app', image: 'example/app:1' }, line: 2, column: 3, endLine: 2, endColumn: 23 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  app:', '    build: .', '    image: example/app:${TAG:-dev}'],
      errors: [{ messageId: 'both', data: { service: 'app', image: 'example/app:dev' }, line: 4, column: 5, endLine: 4, endColumn: 35 }],
    },
    {
      name: 'the override adds build: to a pulled image: reported on the image in the base file only',
      path: 'compose.yaml',
      code: ['services:', '  app:', '    image: example/app:1'],
      files: { 'compose.override.yaml': ['services:', '  app:', '    build: .'] },
      errors: [{ messageId: 'both', data: { service: 'app', image: 'example/app:1' }, line: 3, column: 5, endLine: 3, endColumn: 25 }],
    },
  ],
});
