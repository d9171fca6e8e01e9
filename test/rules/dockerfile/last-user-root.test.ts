import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/last-user-root';

ruleTester.run(rule, {
  valid: [
    ['FROM alpine:3.20', 'USER 10001'],
    { name: 'a later non-root USER makes an earlier USER root fine', code: ['FROM debian:12', 'USER root', 'RUN apt-get update', 'USER app'] },
    { name: 'only the final stage counts: builders may run as root', code: ['FROM golang:1.22 AS build', 'USER root', 'FROM alpine:3.20', 'USER 10001'] },
    { name: 'no USER at all belongs to missing-user', code: ['FROM alpine:3.20', 'CMD ["sh"]'] },
    { name: 'a root group with a non-root user', code: ['FROM alpine:3.20', 'USER 10001:0'] },
    { name: 'UIDs that merely start or end with 0', code: ['FROM alpine:3.20', 'USER 1000:1000'] },
    { name: 'user names containing root', code: ['FROM alpine:3.20', 'USER rootless'] },
    { name: 'an ARG without a default cannot be judged', code: ['FROM alpine:3.20', 'ARG RUN_AS', 'USER $RUN_AS'] },
    { name: 'ARG default resolving to a non-root user', code: ['FROM alpine:3.20', 'ARG RUN_AS=app', 'USER ${RUN_AS}'] },
    { name: 'ONBUILD USER root applies to child images, not this one', code: ['FROM alpine:3.20', 'USER 10001', 'ONBUILD USER root'] },
    { name: 'inherited non-root USER from an earlier stage', code: ['FROM alpine:3.20 AS base', 'USER root', 'USER 10001', 'FROM base', 'CMD ["app"]'] },
    {
      name: 'a root USER in the stage is overridden by a later non-root USER, across lower-case keywords',
      code: ['from alpine:3.20', 'user root', 'run apk add curl', 'user app:app'],
    },
  ],
  invalid: [
    {
      name: 'nothing runs after USER root: replaced in place, the user created just before it',
      code: ['FROM alpine:3.20', 'USER root'],
      errors: [{ messageId: 'root', data: { user: 'root' }, line: 2, column: 6, endLine: 2, endColumn: 10 }],
      output: ['FROM alpine:3.20', 'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app', 'USER 10001:10001'],
    },
    {
      name: 'numeric root with group',
      code: ['FROM alpine:3.20', 'USER 0:0', 'CMD ["sh"]'],
      errors: [{ messageId: 'root', data: { user: '0:0' }, line: 2, column: 6, endLine: 2, endColumn: 9 }],
      output: ['FROM alpine:3.20', 'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app', 'USER 10001:10001', 'CMD ["sh"]'],
    },
    {
      name: 'root:root after a non-root USER: the last one wins',
      code: ['FROM debian:12', 'USER app', 'RUN id', 'user root:root'],
      errors: [{ messageId: 'root', data: { user: 'root:root' }, line: 4, column: 6, endLine: 4, endColumn: 15 }],
      output: [
        'FROM debian:12',
        'USER app',
        'RUN id',
        'RUN groupadd --system --gid 10001 app && useradd --system --no-log-init --uid 10001 --gid app app',
        'user 10001:10001',
      ],
    },
    {
      name: 'resolved through an ARG default',
      code: ['FROM alpine:3.20', 'ARG RUN_AS=root', 'USER ${RUN_AS}'],
      errors: [{ messageId: 'rootFromVariable', data: { user: '${RUN_AS}', value: 'root' }, line: 3, column: 6, endLine: 3, endColumn: 15 }],
      output: ['FROM alpine:3.20', 'ARG RUN_AS=root', 'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app', 'USER 10001:10001'],
    },
    {
      name: 'resolved through ENV',
      code: ['FROM alpine:3.20', 'ENV APP_UID=0', 'USER $APP_UID'],
      errors: [{ messageId: 'rootFromVariable', data: { user: '$APP_UID', value: '0' }, line: 3, column: 6, endLine: 3, endColumn: 14 }],
      output: ['FROM alpine:3.20', 'ENV APP_UID=0', 'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app', 'USER 10001:10001'],
    },
    {
      name: 'inherited through FROM <stage>: reported at the earlier USER, the non-root USER added to the final stage',
      code: ['FROM debian:12 AS base', 'USER root', 'FROM base', 'CMD ["app"]'],
      errors: [{ messageId: 'root', line: 2, column: 6, endLine: 2, endColumn: 10 }],
      output: [
        'FROM debian:12 AS base',
        'USER root',
        'FROM base',
        'RUN groupadd --system --gid 10001 app && useradd --system --no-log-init --uid 10001 --gid app app',
        'USER 10001:10001',
        'CMD ["app"]',
      ],
    },
    {
      name: 'USER on a continuation line',
      code: ['FROM alpine:3.20', 'USER \\', '  root'],
      errors: [{ messageId: 'root', line: 3, column: 3, endLine: 3, endColumn: 7 }],
      output: ['FROM alpine:3.20', 'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app', 'USER \\', '  10001:10001'],
    },
    {
      name: 'RUN steps still need root: USER root stays, the non-root USER follows the last RUN (node image: its node user)',
      code: [
        'FROM node:20-slim',
        'USER root',
        'RUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1',
        'COPY . /app',
        'ENTRYPOINT ["tini", "--"]',
        'CMD ["node", "/app/server.js"]',
      ],
      errors: [{ messageId: 'root', line: 2, column: 6, endLine: 2, endColumn: 10 }],
      output: [
        'FROM node:20-slim',
        'USER root',
        'RUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1',
        'COPY . /app',
        'USER 1000:1000',
        'ENTRYPOINT ["tini", "--"]',
        'CMD ["node", "/app/server.js"]',
      ],
    },
    {
      name: 'a user the file creates with a UID is switched back to',
      code: ['FROM debian:12', 'RUN useradd --no-log-init -u 1001 worker', 'USER root', 'RUN mkdir /data', 'CMD ["/app"]'],
      errors: [{ messageId: 'root', line: 3, column: 6, endLine: 3, endColumn: 10 }],
      output: ['FROM debian:12', 'RUN useradd --no-log-init -u 1001 worker', 'USER root', 'RUN mkdir /data', 'USER 1001', 'CMD ["/app"]'],
    },
    {
      name: 'an image Bulkhead does not know: a suggestion only',
      code: ['FROM nginx:1.27', 'USER root'],
      errors: [
        {
          messageId: 'root',
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 10,
          suggestions: [{ messageId: 'useNonRoot', output: ['FROM nginx:1.27', 'USER 10001:10001'] }],
        },
      ],
      output: null,
    },
    {
      name: 'VOLUME: USER root stays, the mount point is owned before the VOLUME line and the non-root USER added at the end',
      code: ['FROM alpine:3.20', 'USER root', 'VOLUME /data'],
      errors: [{ messageId: 'root', line: 2, column: 6, endLine: 2, endColumn: 10 }],
      output: [
        'FROM alpine:3.20',
        'USER root',
        'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app && mkdir -p /data && chown 10001:10001 /data',
        'VOLUME /data',
        'USER 10001:10001',
      ],
    },
    {
      name: 'dev container images have the vscode user (UID 1000) (corpus: devcontainers/images)',
      code: [
        'FROM mcr.microsoft.com/devcontainers/base:bookworm',
        'USER root',
        'RUN apt-get update && apt-get install -y --no-install-recommends jq=1.6-2.1',
        'USER root',
      ],
      errors: [{ messageId: 'root', line: 4, column: 6, endLine: 4, endColumn: 10 }],
      output: [
        'FROM mcr.microsoft.com/devcontainers/base:bookworm',
        'USER root',
        'RUN apt-get update && apt-get install -y --no-install-recommends jq=1.6-2.1',
        'USER 1000:1000',
      ],
    },
  ],
});
