import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/user-not-numeric';

ruleTester.run(rule, {
  valid: [
    ['FROM debian:12', 'RUN useradd -u 10001 app', 'USER 10001:10001'],
    { name: 'numeric UID with a named group', code: ['FROM debian:12', 'USER 10001:app'] },
    { name: "root is last-user-root's concern", code: ['FROM debian:12', 'USER root'] },
    { name: 'only the final stage counts', code: ['FROM debian:12 AS build', 'USER builder', 'FROM debian:12', 'USER 10001'] },
    { name: 'a later numeric USER wins', code: ['FROM debian:12', 'USER app', 'RUN make', 'USER 10001'] },
    { name: "no USER at all is missing-user's concern", code: ['FROM debian:12', 'CMD ["app"]'] },
    { name: 'an ARG without a default cannot be judged', code: ['FROM debian:12', 'ARG APP_USER', 'USER $APP_USER'] },
    { name: 'an ARG resolving to a UID', code: ['FROM debian:12', 'ARG APP_UID=10001', 'USER ${APP_UID}'] },
    { name: 'Windows images use user names by design', code: ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'USER ContainerUser'] },
    { name: 'ONBUILD USER applies to child images', code: ['FROM debian:12', 'USER 10001', 'ONBUILD USER app'] },
  ],
  invalid: [
    {
      code: ['FROM debian:12', 'USER app'],
      errors: [{ messageId: 'name', data: { user: 'app', hint: '' }, line: 2, column: 6, endLine: 2, endColumn: 9 }],
      output: null,
    },
    {
      name: 'user:group: only the user name is reported',
      code: ['FROM debian:12', 'user www-data:www-data'],
      errors: [{ messageId: 'name', data: { user: 'www-data', hint: '' }, line: 2, column: 6, endLine: 2, endColumn: 14 }],
      output: null,
    },
    {
      name: 'UID known from useradd -u in this stage: fixed',
      code: ['FROM debian:12', 'RUN groupadd -g 10001 app && useradd -u 10001 -g app app', 'USER app:app'],
      errors: [{ messageId: 'name', data: { user: 'app', hint: ' (10001, created in this file)' }, line: 3, column: 6, endLine: 3, endColumn: 9 }],
      output: ['FROM debian:12', 'RUN groupadd -g 10001 app && useradd -u 10001 -g app app', 'USER 10001:app'],
    },
    {
      name: 'BusyBox adduser -u, on a continuation line',
      code: ['FROM alpine:3.20', 'RUN addgroup -S app && \\', '    adduser -S -D -u 10001 -G app app', 'USER app'],
      errors: [{ messageId: 'name', data: { user: 'app', hint: ' (10001, created in this file)' }, line: 4, column: 6, endLine: 4, endColumn: 9 }],
      output: ['FROM alpine:3.20', 'RUN addgroup -S app && \\', '    adduser -S -D -u 10001 -G app app', 'USER 10001'],
    },
    {
      name: "a UID created in another stage is not this image's /etc/passwd",
      code: ['FROM debian:12 AS build', 'RUN useradd -u 10001 app', 'FROM debian:12', 'RUN useradd app', 'USER app'],
      errors: [{ messageId: 'name', data: { user: 'app', hint: '' }, line: 5, column: 6, endLine: 5, endColumn: 9 }],
      output: null,
    },
    {
      name: 'UID created in the stage it builds on',
      code: ['FROM debian:12 AS base', 'RUN useradd --uid 10001 app', 'FROM base', 'USER app'],
      errors: [{ messageId: 'name', data: { user: 'app', hint: ' (10001, created in this file)' }, line: 4, column: 6, endLine: 4, endColumn: 9 }],
      output: ['FROM debian:12 AS base', 'RUN useradd --uid 10001 app', 'FROM base', 'USER 10001'],
    },
    {
      name: 'USER inherited through FROM <stage>',
      code: ['FROM debian:12 AS base', 'USER node', 'FROM base', 'CMD ["node"]'],
      errors: [{ messageId: 'name', data: { user: 'node', hint: '' }, line: 2, column: 6, endLine: 2, endColumn: 10 }],
      output: null,
    },
    {
      name: 'a quoted name (the model keeps the quotes) is reported without a fix',
      code: ['FROM debian:12', 'RUN useradd -u 10001 app', 'USER "app"'],
      errors: [{ messageId: 'name', data: { user: '"app"', hint: '' }, line: 3, column: 6, endLine: 3, endColumn: 11 }],
      output: null,
    },
    {
      name: 'resolved from an ARG default: no fix on the variable',
      code: ['FROM debian:12', 'ARG APP_USER=app', 'USER ${APP_USER}'],
      errors: [{ messageId: 'nameFromVariable', data: { user: '${APP_USER}', value: 'app' }, line: 3, column: 6, endLine: 3, endColumn: 17 }],
      output: null,
    },
  ],
});
