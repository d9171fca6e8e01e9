import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/oci-labels';

ruleTester.run(rule, {
  valid: [
    { name: 'no LABEL at all: labels are added at build time', code: ['FROM node:22', 'CMD ["node", "server.js"]'] },
    { name: 'the source label is set', code: ['FROM node:22', 'LABEL org.opencontainers.image.source="https://github.com/acme/app" org.opencontainers.image.title="app"'] },
    { name: 'the legacy label-schema name counts', code: ['FROM node:22', 'LABEL org.label-schema.vcs-url="https://github.com/acme/app"'] },
    { name: 'inherited from an earlier stage of the file', code: ['FROM node:22 AS base', 'LABEL org.opencontainers.image.source=https://github.com/acme/app', 'FROM base', 'LABEL version=1'] },
    { name: 'labels of a builder stage are not checked', code: ['FROM golang:1.23 AS build', 'LABEL stage=build', 'FROM scratch', 'COPY --from=build /app /app'] },
    { name: 'no required labels configured', code: ['FROM node:22', 'LABEL version=1'], options: { required: [], whenUnlabelled: true } },
  ],
  invalid: [
    {
      name: 'labels without the source label: reported once on the final FROM',
      code: ['FROM node:22-alpine', 'LABEL org.opencontainers.image.title="app"'],
      errors: [{ messageId: 'missing', data: { labels: 'org.opencontainers.image.source' }, line: 1, column: 1, endLine: 1, endColumn: 20 }],
      output: null,
    },
    {
      name: 'whenUnlabelled and a longer list of required labels',
      code: ['FROM golang:1.23 AS build', 'LABEL org.opencontainers.image.source=x', 'FROM scratch', 'COPY --from=build /app /app'],
      options: { required: ['org.opencontainers.image.source', 'org.opencontainers.image.revision'], whenUnlabelled: true },
      errors: [{ messageId: 'missing', data: { labels: 'org.opencontainers.image.source, org.opencontainers.image.revision' }, line: 3, column: 1, endLine: 3, endColumn: 13 }],
      output: null,
    },
    {
      name: 'MAINTAINER is replaced by the OCI authors label',
      code: ['FROM alpine:3.20', 'MAINTAINER Jane Doe <jane@example.com>', 'LABEL org.opencontainers.image.source=https://github.com/acme/app'],
      errors: [{ messageId: 'maintainer', line: 2, column: 1, endLine: 2, endColumn: 11 }],
      output: ['FROM alpine:3.20', 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"', 'LABEL org.opencontainers.image.source=https://github.com/acme/app'],
    },
    {
      name: 'quotes, backslashes and dollars are escaped; lower-case keyword',
      code: ['FROM alpine:3.20', 'maintainer "Ops" $team \\o/', 'LABEL org.opencontainers.image.source=x'],
      errors: [{ messageId: 'maintainer', line: 2, column: 1, endLine: 2, endColumn: 11 }],
      output: ['FROM alpine:3.20', 'LABEL org.opencontainers.image.authors="\\"Ops\\" \\$team \\\\o/"', 'LABEL org.opencontainers.image.source=x'],
    },
    {
      name: 'MAINTAINER alone also asks for the source label',
      code: ['FROM alpine:3.20', 'MAINTAINER jane@example.com'],
      errors: [
        { messageId: 'missing', data: { labels: 'org.opencontainers.image.source' }, line: 1, column: 1, endLine: 1, endColumn: 17 },
        { messageId: 'maintainer', line: 2, column: 1, endLine: 2, endColumn: 11 },
      ],
      output: ['FROM alpine:3.20', 'LABEL org.opencontainers.image.authors="jane@example.com"'],
    },
    {
      name: 'MAINTAINER over continuation lines is reported without a fix',
      code: ['FROM alpine:3.20', 'MAINTAINER Jane \\', '  Doe', 'LABEL org.opencontainers.image.source=x'],
      errors: [{ messageId: 'maintainer', line: 2, column: 1, endLine: 2, endColumn: 11 }],
      output: null,
    },
  ],
});
