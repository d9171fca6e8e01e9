import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/expose-privileged-port';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'EXPOSE 8080 8443/tcp'],
      { name: '80 and 443 are allowed by default', code: ['FROM nginx:1.27', 'EXPOSE 80 443/tcp'] },
      { name: '22 belongs to expose-ssh', code: ['FROM alpine:3.20', 'EXPOSE 22'] },
      { name: 'a range of allowed ports only', code: ['FROM alpine:3.20', 'EXPOSE 1024-2048'] },
      { name: 'an unresolvable variable', code: ['FROM alpine:3.20', 'ARG PORT', 'EXPOSE $PORT'] },
      { name: 'malformed values belong to expose-invalid', code: ['FROM alpine:3.20', 'EXPOSE abc 0'] },
      { name: 'ports added to the allow-list', options: { allowedPorts: [80, 443, 53] }, code: ['FROM alpine:3.20', 'EXPOSE 53/udp'] },
    ],
    invalid: [
      {
        code: ['FROM alpine:3.20', 'EXPOSE 25'],
        errors: [{ messageId: 'privileged', data: { port: '25', low: '25' }, line: 2, column: 8, endLine: 2, endColumn: 10 }],
      },
      {
        name: 'with protocols among allowed ports, lower-case keyword',
        code: ['FROM alpine:3.20', 'expose 80 53/udp 8080'],
        errors: [{ messageId: 'privileged', data: { port: '53/udp', low: '53' }, line: 2, column: 11, endLine: 2, endColumn: 17 }],
      },
      {
        name: 'a range reaching below 1024',
        code: ['FROM alpine:3.20', 'EXPOSE 1000-1100'],
        errors: [{ messageId: 'privileged', data: { port: '1000-1100', low: '1000' }, line: 2, column: 8, endLine: 2, endColumn: 17 }],
      },
      {
        name: 'resolved from ENV',
        code: ['FROM alpine:3.20', 'ENV PORT=389', 'EXPOSE ${PORT}/tcp'],
        errors: [{ messageId: 'privilegedFromVariable', data: { port: '${PORT}/tcp', value: '389/tcp' }, line: 3, column: 8, endLine: 3, endColumn: 19 }],
      },
      {
        name: '80 when the allow-list is emptied, continuation line',
        options: { allowedPorts: [] },
        code: ['FROM alpine:3.20', 'EXPOSE 8080 \\', '       80'],
        errors: [{ messageId: 'privileged', data: { port: '80', low: '80' }, line: 3, column: 8, endLine: 3, endColumn: 10 }],
      },
      {
        name: 'any stage documents the port',
        code: ['FROM alpine:3.20 AS mail', 'EXPOSE 587', 'FROM alpine:3.20'],
        errors: [{ messageId: 'privileged', data: { port: '587', low: '587' }, line: 2, column: 8, endLine: 2, endColumn: 11 }],
      },
    ],
  },
  { onbuild: true },
);
