import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/insecure-download';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'RUN curl -fsSL https://x.example/a.tgz -o /tmp/a.tgz'],
      { name: 'a -k after an argument-taking letter is its value', code: ['FROM alpine:3.20', 'RUN curl -fsSLo k https://x.example/a'] },
      { name: 'the value of -H is not a flag', code: ['FROM alpine:3.20', 'RUN curl -H -k https://x.example/a'] },
      { name: 'wget -k converts links, it is not --insecure', code: ['FROM alpine:3.20', 'RUN wget -k https://x.example/index.html'] },
      { name: 'other commands', code: ['FROM alpine:3.20', 'RUN git clone --insecure https://x.example/r.git'] },
      { name: 'a secure .curlrc line', code: ['FROM alpine:3.20', 'RUN echo "retry = 3" >> ~/.curlrc'] },
    ],
    invalid: [
      {
        name: 'curl -k',
        code: ['FROM alpine:3.20', 'RUN curl -k -fsSL https://x.example/a -o /a'],
        errors: [{ messageId: 'flag', data: { flag: '-k' }, line: 2, column: 10, endLine: 2, endColumn: 12 }],
        output: ['FROM alpine:3.20', 'RUN curl -fsSL https://x.example/a -o /a'],
      },
      {
        name: 'k inside combined short flags: report and remove the letter',
        code: ['FROM alpine:3.20', 'RUN curl -fsSLk https://x.example/a -o /a'],
        errors: [{ messageId: 'flag', data: { flag: '-k' }, line: 2, column: 15, endLine: 2, endColumn: 16 }],
        output: ['FROM alpine:3.20', 'RUN curl -fsSL https://x.example/a -o /a'],
      },
      {
        name: '--insecure on its own continuation line',
        code: ['FROM alpine:3.20', 'RUN curl -fsSL \\', '      --insecure \\', '      https://x.example/a -o /a'],
        errors: [{ messageId: 'flag', line: 3, column: 7, endLine: 3, endColumn: 17 }],
        output: ['FROM alpine:3.20', 'RUN curl -fsSL \\', '      https://x.example/a -o /a'],
      },
      {
        name: 'flag last on the instruction',
        code: ['FROM alpine:3.20', 'RUN curl -fsSL https://x.example/a -o /a \\', '      --proxy-insecure'],
        errors: [{ messageId: 'flag', line: 3, column: 7, endLine: 3, endColumn: 23 }],
        output: ['FROM alpine:3.20', 'RUN curl -fsSL https://x.example/a -o /a'],
      },
      {
        name: 'wget --no-check-certificate behind sudo, lower-case keyword',
        code: ['FROM debian:12', 'run sudo wget --no-check-certificate -qO /tmp/a https://x.example/a'],
        errors: [{ messageId: 'flag', data: { flag: '--no-check-certificate' }, line: 2, column: 15, endLine: 2, endColumn: 37 }],
        output: ['FROM debian:12', 'run sudo wget -qO /tmp/a https://x.example/a'],
      },
      {
        name: 'insecure written to .curlrc (no automatic fix)',
        code: ['FROM alpine:3.20', 'RUN echo insecure >> ~/.curlrc'],
        errors: [{ messageId: 'config', data: { line: 'insecure', file: '~/.curlrc' }, line: 2, column: 10, endLine: 2, endColumn: 18 }],
        output: null,
      },
      {
        name: 'check_certificate = off written to wgetrc',
        code: ['FROM alpine:3.20', 'RUN echo "check_certificate = off" > /etc/wgetrc'],
        errors: [{ messageId: 'config', line: 2, column: 10, endLine: 2, endColumn: 35 }],
        output: null,
      },
    ],
  },
  { onbuild: true },
);

ruleTester.run(rule, {
  valid: [],
  invalid: [
    {
      name: 'in a heredoc script',
      code: ['FROM alpine:3.20', 'RUN <<EOF', 'curl -k -o /a https://x.example/a', 'EOF'],
      errors: [{ messageId: 'flag', line: 3, column: 6, endLine: 3, endColumn: 8 }],
      output: ['FROM alpine:3.20', 'RUN <<EOF', 'curl -o /a https://x.example/a', 'EOF'],
    },
  ],
});
