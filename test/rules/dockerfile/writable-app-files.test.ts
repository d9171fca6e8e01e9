import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/writable-app-files';

ruleTester.run(rule, {
  valid: [
    ['FROM node:22-slim', 'WORKDIR /app', 'COPY . .', 'USER node'],
    {
      name: 'data directories may belong to the runtime user',
      code: [
        'FROM node:22-slim',
        'RUN mkdir -p /app/data /app/logs && chown -R node:node /app/data /app/logs /tmp/cache',
        'COPY --chown=node:node seed.json /var/lib/app/',
        'USER node',
      ],
    },
    { name: 'a declared VOLUME is data', code: ['FROM debian:12', 'ENV STORE=/srv/store', 'VOLUME $STORE', 'RUN chown -R app:app "$STORE"', 'USER app'] },
    { name: "the home directory is the user's", code: ['FROM debian:12', 'RUN useradd -m app && chown -R app:app /home/app', 'USER app'] },
    { name: '--chown to another user than the runtime one', code: ['FROM debian:12', 'COPY --chown=root:root app /app', 'USER 10001'] },
    { name: 'root at run time: missing-user and last-user-root apply', code: ['FROM debian:12', 'COPY --chown=app:app app /app'] },
    {
      name: "a builder stage's ownership does not ship",
      code: ['FROM debian:12 AS build', 'COPY --chown=app:app . /src', 'USER app', 'FROM debian:12', 'USER 10001'],
    },
    { name: 'non-recursive chown of a single directory', code: ['FROM debian:12', 'RUN chown app /app', 'USER app'] },
    { name: 'an unresolvable destination', code: ['FROM debian:12', 'COPY --chown=app:app x $DEST', 'USER app'] },
  ],
  invalid: [
    {
      code: ['FROM node:22-slim', 'WORKDIR /app', 'COPY --chown=node:node . .', 'USER node'],
      errors: [{ messageId: 'copyChown', data: { owner: 'node:node', path: '.' }, line: 3, column: 6, endLine: 3, endColumn: 23 }],
    },
    {
      name: 'chown -R of the app directory',
      code: ['FROM debian:12', 'COPY app /opt/app', 'RUN chown -R app:app /opt/app', 'USER app'],
      errors: [{ messageId: 'chown', data: { owner: 'app:app', path: '/opt/app' }, line: 3, column: 14, endLine: 3, endColumn: 21 }],
    },
    {
      name: 'name and UID matched through useradd -u, continuation line, lower-case keywords',
      code: ['FROM debian:12', 'run useradd -u 10001 app && \\', '    chown -R app /srv/www', 'user 10001:10001'],
      errors: [{ messageId: 'chown', data: { owner: 'app', path: '/srv/www' }, line: 3, column: 14, endLine: 3, endColumn: 17 }],
    },
    {
      name: 'a data path and a code path: the code path is named',
      code: ['FROM debian:12', 'RUN chown -R app /var/log/app /usr/local/bin', 'USER app'],
      errors: [{ messageId: 'chown', data: { owner: 'app', path: '/usr/local/bin' }, line: 2, column: 14, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'media paths and the program directory: the program directory is named',
      code: ['FROM debian:12', 'RUN chown -R app /movies /tvseries /opt/app', 'USER app'],
      errors: [{ messageId: 'chown', data: { owner: 'app', path: '/opt/app' }, line: 2, column: 14, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'owner from an ARG, COPY --from a builder',
      code: ['FROM golang:1.22 AS build', 'FROM debian:12', 'ARG APP=app', 'COPY --from=build --chown=$APP /out/server /usr/local/bin/server', 'USER ${APP}'],
      errors: [{ messageId: 'copyChown', data: { owner: '$APP', path: '/usr/local/bin/server' }, line: 4, column: 19, endLine: 4, endColumn: 31 }],
    },
    {
      name: 'inherited through FROM <stage>',
      code: ['FROM debian:12 AS base', 'COPY --chown=app . /app', 'FROM base', 'USER app'],
      errors: [{ messageId: 'copyChown', data: { owner: 'app', path: '/app' }, line: 2, column: 6, endLine: 2, endColumn: 17 }],
    },
  ],
});
