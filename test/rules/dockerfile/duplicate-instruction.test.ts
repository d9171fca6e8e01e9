import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/duplicate-instruction';

// No ONBUILD replay: wrapping the earlier instruction in ONBUILD moves it to the child build, where the later one no longer replaces it.
ruleTester.run(rule, {
  valid: [
    ['FROM node:22', 'ENTRYPOINT ["node"]', 'CMD ["server.js"]', 'HEALTHCHECK CMD ["node", "health.js"]'],
    { name: 'one CMD per stage in a multi-stage build', code: ['FROM golang:1.23 AS build', 'CMD ["go", "test"]', 'FROM gcr.io/distroless/static', 'CMD ["/app"]'] },
    { name: 'an ONBUILD CMD is for child images and does not replace the stage CMD', code: ['FROM node:22', 'ONBUILD CMD ["npm", "start"]', 'CMD ["node", "server.js"]'] },
    { name: 'CMD inside a HEALTHCHECK is not a CMD instruction', code: ['FROM nginx:1.27', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1', 'CMD ["nginx", "-g", "daemon off;"]'] },
  ],
  invalid: [
    {
      name: 'two CMDs: the earlier one is reported',
      code: ['FROM node:22', 'CMD ["npm", "start"]', 'CMD ["node", "server.js"]'],
      errors: [{ messageId: 'duplicate', data: { keyword: 'CMD', line: '3' }, line: 2, column: 1, endLine: 2, endColumn: 4 }],
    },
    {
      name: 'three ENTRYPOINTs, lower-case keyword: both earlier ones point at the last',
      code: ['FROM alpine:3.20', 'entrypoint ["/a"]', 'ENTRYPOINT ["/b"]', 'RUN true', 'ENTRYPOINT ["/c"]'],
      errors: [
        { messageId: 'duplicate', data: { keyword: 'ENTRYPOINT', line: '5' }, line: 2, column: 1, endLine: 2, endColumn: 11 },
        { messageId: 'duplicate', data: { keyword: 'ENTRYPOINT', line: '5' }, line: 3, column: 1, endLine: 3, endColumn: 11 },
      ],
    },
    {
      // No `data` here: the escape-directive replay shifts the line number the message names.
      name: 'HEALTHCHECK over continuation lines, then HEALTHCHECK NONE',
      code: ['FROM nginx:1.27', 'HEALTHCHECK --interval=30s \\', '  CMD curl -f http://localhost/', 'HEALTHCHECK NONE'],
      errors: [{ messageId: 'duplicate', line: 2, column: 1, endLine: 2, endColumn: 12 }],
    },
    {
      name: 'duplicates in a builder stage count too',
      code: ['FROM golang:1.23 AS build', 'CMD ["a"]', 'CMD ["b"]', 'FROM scratch', 'CMD ["/app"]'],
      errors: [{ messageId: 'duplicate', data: { keyword: 'CMD', line: '3' }, line: 2, column: 1, endLine: 2, endColumn: 4 }],
    },
    {
      name: 'two ONBUILD CMDs: the child build keeps only the last',
      code: ['FROM node:22', 'ONBUILD CMD ["a"]', 'ONBUILD CMD ["b"]'],
      errors: [{ messageId: 'duplicateTrigger', data: { keyword: 'CMD', line: '3' }, line: 2, column: 9, endLine: 2, endColumn: 12 }],
    },
  ],
});
