import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-effective-user-root';

ruleTester.run(rule, {
  valid: [
    { name: 'image only, no Dockerfile to read', code: ['services:', '  web:', '    image: nginx:1.27'] },
    {
      name: 'the built image runs as a non-root USER',
      code: ['services:', '  api:', '    build: .'],
      files: { Dockerfile: ['FROM node:22-slim', 'USER 10001:10001', 'CMD ["node", "server.js"]'] },
    },
    {
      name: 'Compose sets a non-root user over a root image',
      code: ['services:', '  api:', '    build: .', '    user: "10001:10001"'],
      files: { Dockerfile: ['FROM node:22-slim', 'CMD ["node", "server.js"]'] },
    },
    {
      name: 'the base image runs as non-root by default (distroless :nonroot)',
      code: ['services:', '  api:', '    build: .'],
      files: { Dockerfile: ['FROM gcr.io/distroless/static-debian12:nonroot', 'COPY app /app'] },
    },
    {
      name: 'the Dockerfile cannot be read: no finding',
      code: ['services:', '  api:', '    build: ./api'],
      files: { 'other/Dockerfile': ['FROM alpine:3.20'] },
    },
    {
      name: 'the USER comes from an ARG without a default: unknown',
      code: ['services:', '  api:', '    build: .'],
      files: { Dockerfile: ['FROM alpine:3.20', 'ARG RUN_AS', 'USER $RUN_AS'] },
    },
    {
      name: 'a remote git context is not read',
      code: ['services:', '  api:', '    build: https://github.com/example/api.git#main'],
      files: { Dockerfile: ['FROM alpine:3.20'] },
    },
    {
      name: 'user: root over a root image belongs to compose-user-root',
      code: ['services:', '  api:', '    build: .', '    user: root'],
      files: { Dockerfile: ['FROM alpine:3.20'] },
    },
    {
      name: 'the target stage runs as non-root although the final stage does not',
      code: ['services:', '  api:', '    build:', '      context: .', '      target: runtime'],
      files: { Dockerfile: ['FROM alpine:3.20 AS runtime', 'USER 10001', 'FROM runtime AS debug', 'USER root'] },
    },
    { name: 'user from an unset variable is unknown', code: ['services:', '  web:', '    image: bitnami/redis:7.4', '    user: ${RUN_AS}'] },
  ],
  invalid: [
    {
      name: 'no user: and the built final stage has no USER',
      code: ['services:', '  api:', '    build: .'],
      files: { Dockerfile: ['FROM node:22-slim', 'COPY . /app', 'CMD ["node", "/app/server.js"]'] },
      errors: [
        {
          messageId: 'builtAsRoot',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          related: [{ file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 18 }],
        },
      ],
      output: null,
    },
    {
      name: 'the last USER is root; the fix names the user the Dockerfile created',
      code: ['services:', '  api:', '    build:', '      context: ./api', '      dockerfile: Dockerfile.prod', '    ports:', '      - "8080:8080"'],
      files: {
        'api/Dockerfile.prod': [
          'FROM debian:12-slim',
          'RUN groupadd -g 10001 app && useradd -u 10001 -g app app',
          'USER root',
          'ENTRYPOINT ["/entrypoint.sh"]',
        ],
      },
      errors: [
        {
          messageId: 'builtAsRoot',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          related: [{ file: 'api/Dockerfile.prod', line: 3, column: 6, endLine: 3, endColumn: 10 }],
        },
      ],
      output: [
        'services:',
        '  api:',
        '    build:',
        '      context: ./api',
        '      dockerfile: Dockerfile.prod',
        '    ports:',
        '      - "8080:8080"',
        '    user: "10001:10001"',
      ],
    },
    {
      name: 'an earlier non-root numeric USER is offered',
      code: ['services:', '  api:', '    build: .'],
      files: { Dockerfile: ['FROM alpine:3.20', 'USER 10001', 'RUN id', 'USER 0'] },
      errors: [{ messageId: 'builtAsRoot', line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: ['services:', '  api:', '    build: .', '    user: "10001"'],
    },
    {
      name: 'user: root overrides the non-root USER of the built image',
      code: ['services:', '  api:', '    build: .', '    user: root'],
      files: { Dockerfile: ['FROM alpine:3.20', 'USER 10001'] },
      errors: [
        {
          messageId: 'overridesNonRoot',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 15,
          related: [{ file: 'Dockerfile', line: 2, column: 6, endLine: 2, endColumn: 11 }],
        },
      ],
      output: null,
    },
    {
      name: 'user: "0" overrides a well-known non-root image',
      code: ['services:', '  cache:', '    image: bitnami/redis:7.4', '    user: "0"'],
      errors: [{ messageId: 'overridesNonRoot', line: 4, column: 5, endLine: 4, endColumn: 14 }],
      output: null,
    },
    {
      name: 'the target stage runs as root',
      code: ['services:', '  api:', '    build:', '      context: .', '      target: build'],
      files: {
        Dockerfile: ['FROM golang:1.23 AS build', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /app /app'],
      },
      errors: [
        {
          messageId: 'builtAsRoot',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          related: [{ file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 17 }],
        },
      ],
      output: null,
    },
    {
      name: 'dockerfile_inline: related information points at the inline key',
      code: ['services:', '  job:', '    build:', '      dockerfile_inline: |', '        FROM alpine:3.20', '        RUN apk add --no-cache curl'],
      errors: [
        {
          messageId: 'builtAsRoot',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          related: [{ file: 'compose.yaml', line: 4, column: 7, endLine: 4, endColumn: 24 }],
        },
      ],
      output: null,
      path: 'compose.yaml',
    },
    {
      name: 'the build is declared in the base file, the override is analysed: reported in the base only',
      path: 'compose.yaml',
      code: ['services:', '  api:', '    build: ./api'],
      files: {
        'compose.override.yaml': ['services:', '  api:', '    environment:', '      DEBUG: "1"'],
        'api/Dockerfile': ['FROM python:3.12-slim', 'CMD ["python", "app.py"]'],
      },
      errors: [
        {
          messageId: 'builtAsRoot',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          related: [{ file: 'api/Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22 }],
        },
      ],
      output: null,
    },
  ],
});
