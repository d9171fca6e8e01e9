import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/stage-reference';

ruleTester.run(rule, {
  valid: [
    ['FROM golang:1.23 AS build', 'FROM alpine:3.20', 'COPY --from=build /out /app'],
    { name: 'stage names are case-insensitive', code: ['FROM golang:1.23 AS Build', 'FROM alpine:3.20', 'COPY --from=build /out /app'] },
    { name: 'an image reference with a tag or registry', code: ['FROM alpine:3.20', 'COPY --from=nginx:1.27 /etc/nginx /etc/nginx', 'COPY --from=ghcr.io/org/tool /bin/tool /bin/'] },
    { name: 'a variable cannot be judged', code: ['FROM alpine:3.20', 'ARG SRC', 'COPY --from=$SRC /x /x'] },
    { name: 'ONBUILD COPY --from refers to the downstream build', code: ['FROM alpine:3.20', 'ONBUILD COPY --from=builder /out /app'] },
    { name: 'distinct names', code: ['FROM alpine:3.20 AS a', 'FROM alpine:3.20 AS b'] },
  ],
  invalid: [
    {
      name: 'COPY from its own stage',
      code: ['FROM alpine:3.20 AS app', 'COPY --from=app /a /b'],
      errors: [{ messageId: 'self', data: { from: 'app' }, line: 2, column: 13, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'a stage defined later',
      code: ['FROM alpine:3.20', 'COPY --from=build /out /app', 'FROM golang:1.23 AS build'],
      errors: [{ messageId: 'later', data: { from: 'build' }, line: 2, column: 13, endLine: 2, endColumn: 18 }],
    },
    {
      name: 'a typo in the stage name pulls an image of that name',
      code: ['FROM golang:1.23 AS license-set', 'FROM scratch', 'copy --from=set /out /'],
      errors: [{ messageId: 'undefined', data: { from: 'set' }, line: 3, column: 13, endLine: 3, endColumn: 16 }],
    },
    {
      name: 'numeric index of an earlier stage',
      code: ['FROM golang:1.23', 'FROM alpine:3.20', 'COPY --from=0 /out /app'],
      errors: [{ messageId: 'numeric', data: { from: '0' }, line: 3, column: 13, endLine: 3, endColumn: 14 }],
    },
    {
      name: 'numeric index of its own stage and past the end',
      code: ['FROM golang:1.23', 'FROM alpine:3.20', 'COPY --from=1 /a /b', 'COPY --from=5 /a /b'],
      errors: [
        { messageId: 'self', data: { from: '1' }, line: 3, column: 13, endLine: 3, endColumn: 14 },
        { messageId: 'indexOutOfRange', data: { from: '5' }, line: 4, column: 13, endLine: 4, endColumn: 14 },
      ],
    },
    {
      name: 'duplicate stage name, any case',
      code: ['FROM golang:1.23 AS build', 'FROM node:20 as BUILD'],
      errors: [{ messageId: 'duplicate', data: { name: 'BUILD', line: '1' }, line: 2, column: 17, endLine: 2, endColumn: 22 }],
    },
    {
      name: 'reserved stage names',
      code: ['FROM alpine:3.20 AS scratch', 'FROM alpine:3.20 AS context'],
      errors: [
        { messageId: 'reserved', data: { name: 'scratch' }, line: 1, column: 21, endLine: 1, endColumn: 28 },
        { messageId: 'reserved', data: { name: 'context' }, line: 2, column: 21, endLine: 2, endColumn: 28 },
      ],
    },
  ],
});
