import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/curl-pipe-shell';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'RUN curl -fsSLo /tmp/i.sh https://x.example/i.sh && sha256sum -c i.sha256 && sh /tmp/i.sh'],
      { name: 'curl -O writes a file', code: ['FROM alpine:3.20', 'RUN curl -fsSLO https://x.example/i.sh | sh'] },
      { name: 'wget without -O- writes a file', code: ['FROM alpine:3.20', 'RUN wget -q https://x.example/i.sh | sh'] },
      { name: 'piping into tar is extraction, not execution', code: ['FROM alpine:3.20', 'RUN curl -fsSL https://x.example/a.tgz | tar -xz -C /opt'] },
      { name: 'python -c reads stdin as data', code: ['FROM alpine:3.20', 'RUN curl -s https://api.example/v | python3 -c "import sys, json; print(json.load(sys.stdin))"'] },
      { name: 'a script operand reads stdin as data', code: ['FROM alpine:3.20', 'RUN curl -s https://api.example/v | node parse.js'] },
      { name: 'bash -c with its own script', code: ['FROM alpine:3.20', "RUN curl -s https://api.example/v | bash -c 'cat > /tmp/v'"] },
      { name: 'substitution used as data', code: ['FROM alpine:3.20', 'RUN VERSION="$(curl -fsSL https://api.example/latest)" && echo "$VERSION"'] },
      { name: 'diff of process substitutions', code: ['FROM alpine:3.20', 'RUN diff <(curl -s https://a.example) <(curl -s https://b.example)'] },
      { name: 'not a download', code: ['FROM alpine:3.20', 'RUN cat /tmp/i.sh | sh'] },
    ],
    invalid: [
      {
        name: 'curl piped into sh',
        code: ['FROM alpine:3.20', 'RUN curl -fsSL https://get.example.com | sh'],
        errors: [{ messageId: 'pipe', data: { download: 'curl', shell: 'sh' }, line: 2, column: 5, endLine: 2, endColumn: 44 }],
      },
      {
        name: 'wget -qO- into sudo -E bash -',
        code: ['FROM ubuntu:24.04', 'RUN wget -qO- https://deb.example/setup | sudo -E bash -'],
        errors: [{ messageId: 'pipe', line: 2, column: 5, endLine: 2, endColumn: 57 }],
      },
      {
        name: 'wget -O - with separate value, into sh -s with arguments',
        code: ['FROM alpine:3.20', 'RUN wget -O - https://x.example/install.sh | sh -s -- -b /usr/local/bin'],
        errors: [{ messageId: 'pipe', line: 2, column: 5, endLine: 2, endColumn: 72 }],
      },
      {
        name: 'curl -o- is stdout; continuation lines',
        code: ['FROM debian:12', 'RUN apt-get update \\', '    && curl -o- https://x.example/nvm/install.sh \\', '      | bash'],
        errors: [{ messageId: 'pipe', line: 3, column: 8, endLine: 4, endColumn: 13 }],
      },
      {
        name: 'composer installer piped into php',
        code: ['FROM php:8.3', 'RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin'],
        errors: [{ messageId: 'pipe', data: { download: 'curl', shell: 'php' }, line: 2, column: 5, endLine: 2, endColumn: 85 }],
      },
      {
        name: 'busybox sh and python3 -',
        code: ['FROM alpine:3.20', 'RUN wget -qO- https://x.example/a | busybox sh && curl -s https://x.example/b.py | python3 -'],
        errors: [
          { messageId: 'pipe', data: { download: 'wget', shell: 'sh' }, line: 2, column: 5, endLine: 2, endColumn: 47 },
          { messageId: 'pipe', data: { download: 'curl', shell: 'python3' }, line: 2, column: 51, endLine: 2, endColumn: 93 },
        ],
      },
      {
        name: 'sh -c "$(curl ...)" (oh-my-zsh style)',
        code: ['FROM debian:12', 'RUN sh -c "$(curl -fsSL https://x.example/install.sh)"'],
        errors: [{ messageId: 'substitution', data: { download: 'curl', shell: 'sh' }, line: 2, column: 5, endLine: 2, endColumn: 55 }],
      },
      {
        name: 'bash <(curl ...) process substitution',
        code: ['FROM debian:12', 'RUN bash <(curl -fsSL https://x.example/install.sh) --yes'],
        errors: [{ messageId: 'substitution', data: { download: 'curl', shell: 'bash' }, line: 2, column: 5, endLine: 2, endColumn: 52 }],
      },
      {
        name: 'eval of a download',
        code: ['FROM debian:12', 'run eval "$(wget -qO- https://x.example/env)"'],
        errors: [{ messageId: 'substitution', data: { download: 'wget', shell: 'eval' }, line: 2, column: 5, endLine: 2, endColumn: 46 }],
      },
      {
        name: 'tee in between still runs the download',
        code: ['FROM alpine:3.20', 'RUN curl -fsSL https://x.example/i.sh | tee /tmp/i.sh | sh'],
        errors: [{ messageId: 'pipe', line: 2, column: 5, endLine: 2, endColumn: 59 }],
      },
    ],
  },
  { onbuild: true },
);

// Heredoc bodies: the harness's ONBUILD replay would wrap body lines too, so these cases
// spell their ONBUILD variant out instead.
ruleTester.run(rule, {
  valid: [{ name: 'heredoc written to a file is not run', code: ['FROM debian:12', 'RUN cat > /tmp/i.sh <<EOF', 'curl -fsSL https://x.example/i.sh | bash', 'EOF'] }],
  invalid: [
      {
        name: 'inside a heredoc script',
        code: ['FROM debian:12', 'RUN <<EOF', 'set -e', 'curl -fsSL https://x.example/i.sh | bash', 'EOF'],
        errors: [{ messageId: 'pipe', line: 4, column: 1, endLine: 4, endColumn: 41 }],
      },
      {
        name: 'inside an ONBUILD heredoc script',
        code: ['FROM debian:12', 'ONBUILD RUN <<EOF', 'set -e', 'wget -qO- https://x.example/i.sh | sh', 'EOF'],
        errors: [{ messageId: 'pipe', line: 4, column: 1, endLine: 4, endColumn: 38 }],
      },
  ],
});
