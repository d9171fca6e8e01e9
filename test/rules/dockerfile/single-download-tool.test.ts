import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/single-download-tool';

ruleTester.run(rule, {
  valid: [
    ['FROM debian:12', 'RUN apt-get install -y curl && curl -fsSLo /tmp/x https://x.example/x'],
    {
      name: 'wget installed and purged again in the same RUN',
      code: ['FROM debian:12', 'RUN apt-get install -y curl', 'RUN apt-get install -y wget && wget -q https://x.example/x && apt-get purge -y wget'],
    },
    {
      name: 'apk virtual group deleted again',
      code: [
        'FROM alpine:3.20',
        'RUN apk add --no-cache curl',
        'RUN apk add --no-cache --virtual .fetch-deps wget && wget -q https://x.example/x && apk del .fetch-deps',
      ],
    },
    {
      name: 'apt-mark auto and --auto-remove (official images)',
      code: [
        'FROM debian:12',
        'RUN apt-get install -y curl',
        'RUN savedAptMark="$(apt-mark showmanual)"; apt-get install -y wget; wget -q https://x.example/x; apt-mark auto \'.*\' > /dev/null; apt-get purge -y --auto-remove',
      ],
    },
    {
      name: 'a builder stage may use the other tool',
      code: ['FROM debian:12 AS fetch', 'RUN wget -q https://x.example/x', 'FROM debian:12', 'RUN apt-get install -y curl', 'COPY --from=fetch /x /x'],
    },
    { name: 'wget as an argument, not a command', code: ['FROM debian:12', 'RUN apt-get install -y curl && echo wget'] },
  ],
  invalid: [
    {
      name: 'both installed in one command',
      code: ['FROM debian:12', 'RUN apt-get install -y curl wget'],
      errors: [{ messageId: 'both', data: { tool: 'wget', other: 'curl' }, line: 2, column: 29, endLine: 2, endColumn: 33 }],
    },
    {
      name: 'curl installed, wget from the base image used later',
      code: ['FROM debian:12', 'RUN apk add --no-cache curl', 'run wget -q https://x.example/x'],
      errors: [{ messageId: 'both', data: { tool: 'wget', other: 'curl' }, line: 3, column: 5, endLine: 3, endColumn: 9 }],
    },
    {
      name: 'used in a stage the final stage builds on',
      code: ['FROM debian:12 AS base', 'RUN curl -fsSLo /x https://x.example/x', 'FROM base', 'RUN apt-get install -y \\', '      wget'],
      errors: [{ messageId: 'both', data: { tool: 'wget', other: 'curl' }, line: 5, column: 7, endLine: 5, endColumn: 11 }],
    },
  ],
});
