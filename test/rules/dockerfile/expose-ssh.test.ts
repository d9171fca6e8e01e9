import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/expose-ssh';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM nginx:1.27', 'EXPOSE 80 443'],
      { name: 'ports that contain the digits 22', code: ['FROM alpine:3.20', 'EXPOSE 2222 220 122/tcp 8022'] },
      { name: 'ranges that stop before or start after 22', code: ['FROM alpine:3.20', 'EXPOSE 1-21 23-25/udp'] },
      { name: 'an unresolvable variable cannot be judged', code: ['FROM alpine:3.20', 'ARG PORT', 'EXPOSE $PORT'] },
      { name: 'a variable resolving to another port', code: ['FROM alpine:3.20', 'ENV PORT=8080', 'EXPOSE ${PORT}'] },
      { name: 'a variable defined only in another stage is unknown here', code: ['FROM alpine:3.20 AS a', 'ARG SSH_PORT=22', 'FROM alpine:3.20', 'ARG SSH_PORT', 'EXPOSE $SSH_PORT'] },
      { name: 'port 22 outside EXPOSE', code: ['FROM alpine:3.20', 'LABEL port=22', 'RUN echo 22'] },
    ],
    invalid: [
      {
        code: ['FROM alpine:3.20', 'EXPOSE 22'],
        errors: [{ messageId: 'ssh', data: { port: '22' }, line: 2, column: 8, endLine: 2, endColumn: 10 }],
      },
      {
        name: 'with protocol, among other ports',
        code: ['FROM alpine:3.20', 'EXPOSE 80 22/tcp 22/udp'],
        errors: [
          { messageId: 'ssh', data: { port: '22/tcp' }, line: 2, column: 11, endLine: 2, endColumn: 17 },
          { messageId: 'ssh', data: { port: '22/udp' }, line: 2, column: 18, endLine: 2, endColumn: 24 },
        ],
      },
      {
        name: 'a range that includes 22',
        code: ['FROM alpine:3.20', 'expose 20-25'],
        errors: [{ messageId: 'ssh', data: { port: '20-25' }, line: 2, column: 8, endLine: 2, endColumn: 13 }],
      },
      {
        name: 'a range ending at 22, upper-case protocol',
        code: ['FROM alpine:3.20', 'EXPOSE 10-22/TCP'],
        errors: [{ messageId: 'ssh', data: { port: '10-22/TCP' }, line: 2, column: 8, endLine: 2, endColumn: 17 }],
      },
      {
        name: 'ARG default resolved',
        code: ['FROM alpine:3.20', 'ARG SSH_PORT=22', 'EXPOSE $SSH_PORT'],
        errors: [{ messageId: 'sshFromVariable', data: { port: '$SSH_PORT', value: '22' }, line: 3, column: 8, endLine: 3, endColumn: 17 }],
      },
      {
        name: 'ENV with a protocol suffix outside the variable',
        code: ['FROM alpine:3.20', 'ENV SSH_PORT=22', 'EXPOSE ${SSH_PORT}/tcp 8080'],
        errors: [{ messageId: 'sshFromVariable', data: { port: '${SSH_PORT}/tcp', value: '22/tcp' }, line: 3, column: 8, endLine: 3, endColumn: 23 }],
      },
      {
        name: 'ENV inherited through FROM <stage>',
        code: ['FROM alpine:3.20 AS base', 'ENV SSH_PORT=22', 'FROM base', 'EXPOSE $SSH_PORT'],
        errors: [{ messageId: 'sshFromVariable', data: { port: '$SSH_PORT', value: '22' }, line: 4, column: 8, endLine: 4, endColumn: 17 }],
      },
      {
        name: 'default value syntax',
        code: ['FROM alpine:3.20', 'EXPOSE ${SSH_PORT:-22}'],
        errors: [{ messageId: 'sshFromVariable', data: { port: '${SSH_PORT:-22}', value: '22' }, line: 2, column: 8, endLine: 2, endColumn: 23 }],
      },
      {
        name: 'continuation lines',
        code: ['FROM alpine:3.20', 'EXPOSE 80 \\', '       22'],
        errors: [{ messageId: 'ssh', data: { port: '22' }, line: 3, column: 8, endLine: 3, endColumn: 10 }],
      },
      {
        name: 'any stage: the EXPOSE metadata still documents an SSH service',
        code: ['FROM alpine:3.20 AS sshd', 'EXPOSE 22', 'FROM alpine:3.20'],
        errors: [{ messageId: 'ssh', data: { port: '22' }, line: 2, column: 8, endLine: 2, endColumn: 10 }],
      },
    ],
  },
  { onbuild: true },
);
