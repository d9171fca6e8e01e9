import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-image-tag';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27'],
    { name: 'digest without a tag', code: ['services:', '  web:', '    image: nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31'] },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: ${WEB_IMAGE}'] },
    {
      name: 'the image another service builds is a local name',
      code: ['services:', '  api:', '    build: .', '    image: example/api', '  worker:', '    image: example/api', '    command: ["worker"]'],
    },
    { name: 'build with image names the output, not a pull', code: ['services:', '  api:', '    build: .', '    image: example/api:latest'] },
    {
      name: 'pull_policy: always with a pinned base',
      code: ['services:', '  api:', '    build: .', '    pull_policy: always'],
      files: { Dockerfile: ['FROM node:22.11-slim'] },
    },
    {
      name: "a floating base without a forced pull is from-latest's (in the Dockerfile)",
      code: ['services:', '  api:', '    build: .'],
      files: { Dockerfile: ['FROM node:latest'] },
    },
  ],
  invalid: [
    {
      code: ['services:', '  web:', '    image: nginx'],
      errors: [{ messageId: 'untagged', line: 3, column: 12, endLine: 3, endColumn: 17 }],
    },
    {
      name: 'floating tag, quoted',
      code: ['services:', '  cache:', '    image: "redis:latest"'],
      errors: [{ messageId: 'floating', line: 3, column: 12, endLine: 3, endColumn: 26 }],
    },
    {
      name: 'other floating tags',
      code: ['services:', '  proxy:', '    image: traefik:stable'],
      errors: [{ messageId: 'floating', line: 3, column: 12, endLine: 3, endColumn: 26 }],
    },
    {
      name: 'pull_policy: always over a floating base in the Dockerfile',
      code: ['services:', '  api:', '    build: .', '    pull_policy: always'],
      files: { Dockerfile: ['FROM node', 'COPY . /app'] },
      errors: [
        {
          messageId: 'floatingBasePulled',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 24,
          related: [{ file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 10 }],
        },
      ],
    },
    {
      name: 'build.pull: true; the base of the stage chain is followed',
      code: ['services:', '  api:', '    build:', '      context: .', '      pull: true'],
      files: { Dockerfile: ['FROM python:latest AS base', 'FROM base', 'COPY . /app'] },
      errors: [
        {
          messageId: 'floatingBasePulled',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 17,
          related: [{ file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 19 }],
        },
      ],
    },
  ],
});
