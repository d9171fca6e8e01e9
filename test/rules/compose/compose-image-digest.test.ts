import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-image-digest';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d'],
    {
      name: 'digest without a tag',
      code: ['services:', '  db:', '    image: "postgres@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5"'],
    },
    { name: 'built locally: image names the build output', code: ['services:', '  app:', '    build: .', '    image: registry.example.com/app:1.4'] },
    { name: 'build only', code: ['services:', '  app:', '    build:', '      context: .'] },
    { name: 'unset variable', code: ['services:', '  web:', '    image: ${WEB_IMAGE}'] },
    {
      name: 'a digest supplied by .env',
      code: ['services:', '  web:', '    image: nginx:1.27@${NGINX_DIGEST}'],
      env: { NGINX_DIGEST: 'sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d' },
    },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx:1.27'],
      errors: [{ messageId: 'noDigest', data: { image: 'nginx:1.27' }, line: 3, column: 12, endLine: 3, endColumn: 22 }],
    },
    {
      name: 'quoted, with a registry and port',
      code: ['services:', '  api:', '    image: "registry.example.com:5000/team/api:2.3.1"'],
      errors: [{ messageId: 'noDigest', data: { image: 'registry.example.com:5000/team/api:2.3.1' }, line: 3, column: 12, endLine: 3, endColumn: 54 }],
    },
    {
      name: 'from a merge key: reported once in the anchor',
      code: ['x-base: &base', '  image: redis:7.4', 'services:', '  a:', '    <<: *base', '  b:', '    <<: *base'],
      errors: [{ messageId: 'noDigest', data: { image: 'redis:7.4' }, line: 2, column: 10, endLine: 2, endColumn: 19 }],
    },
    {
      name: 'interpolated default',
      code: ['services:', '  web:', '    image: nginx:${NGINX_TAG:-1.27}'],
      errors: [{ messageId: 'noDigest', data: { image: 'nginx:1.27' }, line: 3, column: 12, endLine: 3, endColumn: 36 }],
    },
    {
      name: 'the override file replaces the pinned image',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    image: nginx:1.27-alpine'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d'] },
      errors: [{ messageId: 'noDigest', data: { image: 'nginx:1.27-alpine' }, line: 3, column: 12, endLine: 3, endColumn: 29 }],
    },
  ],
});
