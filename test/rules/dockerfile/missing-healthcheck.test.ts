import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/missing-healthcheck';

ruleTester.run(rule, {
  valid: [
    ['FROM nginx:1.27', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1'],
    {
      name: 'inherited from an earlier stage of this file',
      code: ['FROM nginx:1.27 AS base', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1', 'FROM base', 'COPY site /usr/share/nginx/html'],
    },
    { name: 'a later HEALTHCHECK overrides NONE', code: ['FROM base-image:1', 'HEALTHCHECK NONE', 'healthcheck --interval=30s CMD ["/app/health"]'] },
    {
      name: 'only the final stage counts',
      code: [
        'FROM golang:1.23 AS build',
        'RUN go build -o /app .',
        'FROM gcr.io/distroless/static',
        'COPY --from=build /app /app',
        'HEALTHCHECK CMD ["/app", "health"]',
      ],
    },
    {
      name: 'FROM scratch export stage without CMD/ENTRYPOINT is never run (docker/compose, issue #4)',
      code: ['FROM golang:1.23 AS build', 'RUN go build -o /out/app .', 'FROM scratch AS binary', 'COPY --from=build /out/app /'],
    },
  ],
  invalid: [
    {
      name: 'FROM scratch with a CMD is run as a container: still reported',
      code: ['FROM golang:1.23 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app', 'CMD ["/app"]'],
      errors: [{ messageId: 'missing', line: 3, column: 1, endLine: 3, endColumn: 13 }],
    },
    {
      name: 'no HEALTHCHECK: reported on the final FROM line',
      code: ['FROM node:22-alpine', 'CMD ["node", "server.js"]'],
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 20 }],
    },
    {
      name: 'a HEALTHCHECK in a builder stage does not count',
      code: ['FROM node:22 AS build', 'HEALTHCHECK CMD true', 'FROM node:22-alpine AS run', 'CMD ["node", "server.js"]'],
      errors: [{ messageId: 'missing', line: 3, column: 1, endLine: 3, endColumn: 27 }],
    },
    {
      name: 'FROM continued over two lines: first line only, without the continuation',
      code: ['from --platform=linux/amd64 \\', '    node:22-alpine', 'CMD ["node", "server.js"]'],
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 28 }],
    },
    {
      name: 'HEALTHCHECK NONE in the final stage',
      code: ['FROM my/service:1', 'HEALTHCHECK NONE'],
      errors: [{ messageId: 'disabled', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'an ONBUILD HEALTHCHECK only applies to child images',
      code: ['FROM nginx:1.27', 'ONBUILD HEALTHCHECK CMD curl -f http://localhost/'],
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 16 }],
    },
  ],
});
