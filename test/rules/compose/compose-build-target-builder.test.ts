import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-build-target-builder';

const MULTI = [
  'FROM golang:1.23 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN go build -o /out/app .',
  'FROM gcr.io/distroless/static-debian12:nonroot AS runtime',
  'COPY --from=build /out/app /app',
  'ENTRYPOINT ["/app"]',
];

ruleTester.run(rule, {
  valid: [
    { name: 'no target: the final stage', code: ['services:', '  api:', '    build: .'], files: { Dockerfile: MULTI } },
    { name: 'the runtime stage', code: ['services:', '  api:', '    build:', '      context: .', '      target: runtime'], files: { Dockerfile: MULTI } },
    {
      name: 'a development stage chosen on purpose',
      code: ['services:', '  api:', '    build:', '      context: .', '      target: dev'],
      files: { Dockerfile: ['FROM node:22 AS dev', 'RUN npm run build', 'FROM node:22-slim', 'COPY --from=dev /app/dist /app'] },
    },
    {
      name: 'an alternative final-like stage nothing consumes',
      code: ['services:', '  api:', '    build:', '      context: .', '      target: alpine'],
      files: { Dockerfile: ['FROM golang:1.23-alpine AS alpine', 'RUN go build -o /app .', 'FROM golang:1.23 AS debian', 'RUN go build -o /app .'] },
    },
    { name: 'unknown target stage', code: ['services:', '  api:', '    build:', '      context: .', '      target: nope'], files: { Dockerfile: MULTI } },
  ],
  invalid: [
    {
      name: 'the builder stage of a multi-stage build',
      code: ['services:', '  api:', '    build:', '      context: .', '      target: build'],
      files: { Dockerfile: MULTI },
      errors: [
        {
          messageId: 'builder',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 20,
          related: [
            { file: 'Dockerfile', line: 4, column: 1, endLine: 4, endColumn: 27 },
            { file: 'Dockerfile', line: 6, column: 1, endLine: 6, endColumn: 32 },
          ],
        },
      ],
    },
    {
      name: 'the final stage is named as the consumer even when a dev stage builds on the builder first (docker/awesome-compose nginx-golang)',
      code: ['services:', '  backend:', '    build:', '      context: backend', '      target: builder'],
      files: {
        'backend/Dockerfile': [
          'FROM golang:1.23 AS builder',
          'RUN go build -o /out/app .',
          'FROM builder AS dev-envs',
          'RUN echo dev',
          'FROM scratch',
          'COPY --from=builder /out/app /app',
        ],
      },
      errors: [
        {
          messageId: 'builder',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 22,
          data: { target: 'builder', evidence: 'RUN go build', runtime: 'the final stage' },
          related: [
            { file: 'backend/Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 27 },
            { file: 'backend/Dockerfile', line: 6, column: 1, endLine: 6, endColumn: 34 },
          ],
        },
      ],
    },
    {
      name: 'an SDK base image whose stage the runtime is built FROM',
      code: ['services:', '  web:', '    build:', '      context: ./web', '      dockerfile: Dockerfile.prod', '      target: sdk'],
      files: { 'web/Dockerfile.prod': ['FROM mcr.microsoft.com/dotnet/sdk:8.0 AS sdk', 'COPY . /src', 'FROM sdk AS publish', 'RUN echo done'] },
      errors: [{ messageId: 'builder', line: 6, column: 7, endLine: 6, endColumn: 18 }],
    },
  ],
});
