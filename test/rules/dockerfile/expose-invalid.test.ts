import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/expose-invalid';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM nginx:1.27', 'EXPOSE 80 443/tcp 53/udp'],
      { name: 'ranges and sctp, which Docker accepts', code: ['FROM alpine:3.20', 'EXPOSE 5000-5010 9000-9005/udp 3868/sctp'] },
      { name: 'an unresolvable variable is decided at build time', code: ['FROM alpine:3.20', 'ARG PORT', 'EXPOSE $PORT'] },
      { name: 'a variable resolving to valid ports', code: ['FROM alpine:3.20', 'ENV PORTS="80 443"', 'EXPOSE $PORTS'] },
      { name: 'the highest valid port', code: ['FROM alpine:3.20', 'expose 65535/tcp'] },
    ],
    invalid: [
      {
        name: 'host:container mapping',
        code: ['FROM alpine:3.20', 'EXPOSE 8080:80'],
        errors: [{ messageId: 'mapping', data: { port: '8080:80' }, line: 2, column: 8, endLine: 2, endColumn: 15 }],
      },
      {
        name: 'IP address and host port',
        code: ['FROM alpine:3.20', 'EXPOSE 80 127.0.0.1:8080:80/tcp'],
        errors: [{ messageId: 'mapping', data: { port: '127.0.0.1:8080:80/tcp' }, line: 2, column: 11, endLine: 2, endColumn: 32 }],
      },
      {
        name: 'port 0 and above 65535',
        code: ['FROM alpine:3.20', 'EXPOSE 0 70000'],
        errors: [
          { messageId: 'outOfRange', data: { port: '0' }, line: 2, column: 8, endLine: 2, endColumn: 9 },
          { messageId: 'outOfRange', data: { port: '70000' }, line: 2, column: 10, endLine: 2, endColumn: 15 },
        ],
      },
      {
        name: 'reversed range',
        code: ['FROM alpine:3.20', 'EXPOSE 9005-9000'],
        errors: [{ messageId: 'reversedRange', data: { port: '9005-9000' }, line: 2, column: 8, endLine: 2, endColumn: 17 }],
      },
      {
        name: 'upper-case protocol: reported on the protocol',
        code: ['FROM alpine:3.20', 'EXPOSE 80/TCP'],
        errors: [{ messageId: 'protocolCase', data: { port: '80/TCP', protocol: 'TCP', lower: 'tcp' }, line: 2, column: 11, endLine: 2, endColumn: 14 }],
      },
      {
        name: 'unknown protocol',
        code: ['FROM alpine:3.20', 'EXPOSE 80/http'],
        errors: [{ messageId: 'unknownProtocol', data: { port: '80/http', protocol: 'http' }, line: 2, column: 11, endLine: 2, endColumn: 15 }],
      },
      {
        name: 'comma-separated list and a service name',
        code: ['FROM alpine:3.20', 'EXPOSE 80,443 http'],
        errors: [
          { messageId: 'malformed', data: { port: '80,443' }, line: 2, column: 8, endLine: 2, endColumn: 14 },
          { messageId: 'malformed', data: { port: 'http' }, line: 2, column: 15, endLine: 2, endColumn: 19 },
        ],
      },
      {
        name: 'ARG default resolved: reported on the whole word',
        code: ['FROM alpine:3.20', 'ARG PORT=8080:80', 'EXPOSE ${PORT}'],
        errors: [{ messageId: 'mapping', data: { port: '8080:80' }, line: 3, column: 8, endLine: 3, endColumn: 15 }],
      },
      {
        name: 'ENV protocol resolved upper case',
        code: ['FROM alpine:3.20', 'ENV PROTO=UDP', 'EXPOSE 53/$PROTO'],
        errors: [{ messageId: 'protocolCase', data: { port: '53/UDP', protocol: 'UDP', lower: 'udp' }, line: 3, column: 8, endLine: 3, endColumn: 17 }],
      },
      {
        name: 'continuation lines, any stage',
        code: ['FROM alpine:3.20 AS build', 'EXPOSE 80 \\', '       8080:80', 'FROM alpine:3.20'],
        errors: [{ messageId: 'mapping', data: { port: '8080:80' }, line: 3, column: 8, endLine: 3, endColumn: 15 }],
      },
    ],
  },
  { onbuild: true },
);
