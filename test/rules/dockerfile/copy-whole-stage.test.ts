import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/copy-whole-stage';

ruleTester.run(rule, {
  valid: [
    ['FROM golang:1.23 AS build', 'RUN go build -o /out/app .', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /out/app /app'],
    { name: 'a builder stage may take a whole helper image', code: ['FROM tonistiigi/xx:1.5 AS xx', 'FROM golang:1.23 AS build', 'COPY --from=xx / /', 'FROM alpine:3.20', 'COPY --from=build /out /'] },
    { name: 'a stage built FROM scratch holds only what was put there', code: ['FROM golang:1.23 AS build', 'FROM scratch AS binaries', 'COPY --from=build /out/app /', 'FROM alpine:3.20', 'COPY --from=binaries / /usr/bin/'] },
    { name: 'COPY of the build context root is no stage copy', code: ['FROM alpine:3.20', 'COPY / /app'] },
    { name: 'ONBUILD COPY belongs to the downstream build', code: ['FROM alpine:3.20 AS a', 'FROM alpine:3.20', 'ONBUILD COPY --from=a / /'] },
  ],
  invalid: [
    {
      code: ['FROM node:20 AS build', 'RUN npm ci && npm run build', 'FROM node:20-slim', 'COPY --from=build / /'],
      errors: [{ messageId: 'wholeStage', data: { from: 'build', source: '/' }, line: 4, column: 19, endLine: 4, endColumn: 20 }],
    },
    {
      name: 'an external image copied whole into the final stage',
      code: ['FROM python:3.12-slim', 'copy --from=docker:27-cli / /'],
      errors: [{ messageId: 'wholeStage', data: { from: 'docker:27-cli', source: '/' }, line: 2, column: 27, endLine: 2, endColumn: 28 }],
    },
    {
      name: 'exec form and /. ',
      code: ['FROM alpine:3.20 AS build', 'FROM alpine:3.20', 'COPY --from=build ["/.", "/rootfs/"]'],
      errors: [{ messageId: 'wholeStage', data: { from: 'build', source: '/.' }, line: 3, column: 21, endLine: 3, endColumn: 23 }],
    },
    {
      name: 'in a stage the final stage builds on, across a continuation',
      code: ['FROM debian:12 AS build', 'FROM debian:12-slim AS runtime', 'COPY --from=build \\', '  / /', 'FROM runtime'],
      errors: [{ messageId: 'wholeStage', data: { from: 'build', source: '/' }, line: 4, column: 3, endLine: 4, endColumn: 4 }],
    },
  ],
});
