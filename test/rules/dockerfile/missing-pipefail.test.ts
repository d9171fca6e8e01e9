import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/missing-pipefail';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'RUN set -o pipefail && wget -qO- https://example.com/a.tgz | tar -xz'],
      {
        name: 'SHELL with -o pipefail',
        code: ['FROM debian:12', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -fsSL https://example.com/a.tgz | tar -xz'],
      },
      {
        name: 'SHELL with combined flags -euxo pipefail',
        code: ['FROM ubuntu:24.04', 'SHELL ["/bin/bash", "-euxo", "pipefail", "-c"]', 'RUN curl -fsSL https://example.com/a.tgz | tar -xz'],
      },
      { name: 'set -eo pipefail earlier in the script', code: ['FROM alpine:3.20', 'RUN set -eo pipefail; curl -fsSL https://example.com/a.tgz | tar -xz'] },
      {
        name: 'text producers and filters cannot fail in a way that matters',
        code: ['FROM debian:12', 'RUN echo "abc  a.tgz" | sha256sum -c - && apt-cache policy | grep -i candidate && ls /usr/lib | wc -l'],
      },
      { name: 'a pipe used as a condition is tested on purpose', code: ['FROM alpine:3.20', 'RUN if apk info | grep -q ruby; then exit 1; fi'] },
      {
        name: 'a pipe in a substitution that is an argument: its status is dropped anyway (discourse, issue #4)',
        code: ['FROM debian:12', 'RUN test $(magick -version | grep -o -e png -e heic | wc -l) -eq 2'],
      },
      {
        name: 'a pipe in a for list (moby/buildkit, issue #4)',
        code: ['FROM alpine:3.20', 'RUN for file in $(git status --porcelain | awk \'/^ M/ {print $2}\'); do echo "$file"; done'],
      },
      {
        name: "export V=$(...) returns export's status (vscode-dev-containers, issue #4)",
        code: ['FROM debian:12', 'RUN export TAG=$(git ls-remote --tags https://github.com/a/b | tail -n 1) && echo "$TAG"'],
      },
      {
        name: 'a PowerShell SHELL',
        code: ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN iwr https://example.com/a.ps1 | iex'],
      },
      { name: 'no pipe at all', code: ['FROM alpine:3.20', 'RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz || true'] },
      { name: 'exec-form RUN has no shell', code: ['FROM alpine:3.20', 'RUN ["sh", "-c", "curl -fsSL https://example.com | tar -xz"]'] },
    ],
    invalid: [
      {
        name: 'a bare assignment keeps the substitution status, so pipefail matters there',
        code: ['FROM alpine:3.20', 'RUN V=$(curl -fsSL https://example.com/a.sha256 | cut -d " " -f 1) && echo "$V"'],
        errors: [{ messageId: 'noPipefail', data: { command: 'curl' }, line: 2, column: 9, endLine: 2, endColumn: 66 }],
        output: ['FROM alpine:3.20', 'RUN set -o pipefail && V=$(curl -fsSL https://example.com/a.sha256 | cut -d " " -f 1) && echo "$V"'],
      },
      {
        name: 'Alpine (busybox ash supports pipefail): fix prepends set -o pipefail',
        code: ['FROM alpine:3.20', 'RUN wget -qO- https://example.com/a.tgz | tar -xz -C /opt'],
        errors: [{ messageId: 'noPipefail', data: { command: 'wget' }, line: 2, column: 5, endLine: 2, endColumn: 58 }],
        output: ['FROM alpine:3.20', 'RUN set -o pipefail && wget -qO- https://example.com/a.tgz | tar -xz -C /opt'],
      },
      {
        name: 'Debian: /bin/sh is dash, so no fix (a SHELL is needed)',
        code: ['FROM debian:12', 'RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg'],
        errors: [{ messageId: 'dash', data: { command: 'curl' }, line: 2, column: 5, endLine: 2, endColumn: 88 }],
        output: null,
      },
      {
        name: 'an unknown base image: reported without a fix',
        code: ['FROM registry.example.com/base:1', 'RUN make 2>&1 | tee build.log'],
        errors: [{ messageId: 'noPipefail', data: { command: 'make' }, line: 2, column: 5, endLine: 2, endColumn: 30 }],
        output: null,
      },
      {
        name: 'SHELL bash without pipefail: the fix applies',
        code: ['FROM debian:12', 'SHELL ["/bin/bash", "-c"]', 'RUN curl -fsSL https://example.com/a.tgz | tar -xz'],
        errors: [{ messageId: 'noPipefail', data: { command: 'curl' }, line: 3, column: 5, endLine: 3, endColumn: 51 }],
        output: ['FROM debian:12', 'SHELL ["/bin/bash", "-c"]', 'RUN set -o pipefail && curl -fsSL https://example.com/a.tgz | tar -xz'],
      },
      {
        name: 'pipe over continuation lines, lower-case keyword, after a cache mount',
        code: [
          'FROM python:3.12-alpine',
          'run --mount=type=cache,target=/root/.cache apk add curl \\',
          '  && curl -fsSL https://example.com/a.tgz \\',
          '  | tar -xz -C /opt',
        ],
        errors: [{ messageId: 'noPipefail', data: { command: 'curl' }, line: 3, column: 6, endLine: 4, endColumn: 20 }],
        output: [
          'FROM python:3.12-alpine',
          'run --mount=type=cache,target=/root/.cache set -o pipefail && apk add curl \\',
          '  && curl -fsSL https://example.com/a.tgz \\',
          '  | tar -xz -C /opt',
        ],
      },
      {
        name: 'pipefail set only after the pipe',
        code: ['FROM fedora:40', 'RUN curl -fsSL https://example.com/a.tgz | tar -xz; set -o pipefail'],
        errors: [{ messageId: 'noPipefail', data: { command: 'curl' }, line: 2, column: 5, endLine: 2, endColumn: 51 }],
        output: ['FROM fedora:40', 'RUN set -o pipefail && curl -fsSL https://example.com/a.tgz | tar -xz; set -o pipefail'],
      },
      {
        name: 'each stage has its own shell',
        code: [
          'FROM golang:1.23-alpine AS build',
          'RUN go test ./... | tee /tmp/test.log',
          'FROM ubuntu:24.04',
          'RUN curl -fsSL https://example.com/a.sh | sh',
        ],
        errors: [
          { messageId: 'noPipefail', data: { command: 'go' }, line: 2, column: 5, endLine: 2, endColumn: 38 },
          { messageId: 'dash', data: { command: 'curl' }, line: 4, column: 5, endLine: 4, endColumn: 45 },
        ],
        output: [
          'FROM golang:1.23-alpine AS build',
          'RUN set -o pipefail && go test ./... | tee /tmp/test.log',
          'FROM ubuntu:24.04',
          'RUN curl -fsSL https://example.com/a.sh | sh',
        ],
      },
    ],
  },
  { onbuild: true },
);

// Heredoc scripts: kept apart because the ONBUILD replay wraps lines, and a heredoc body line is not an instruction.
ruleTester.run(rule, {
  valid: [
    {
      name: 'heredoc script that sets pipefail first',
      code: ['FROM alpine:3.20', 'RUN <<EOF', 'set -euo pipefail', 'curl -fsSL https://example.com/a.tgz | tar -xz', 'EOF'],
    },
  ],
  invalid: [
    {
      name: 'heredoc script: reported, no fix (the script starts on another line)',
      code: ['FROM alpine:3.20', 'RUN <<EOF', 'curl -fsSL https://example.com/a.tgz | tar -xz', 'EOF'],
      errors: [{ messageId: 'noPipefail', data: { command: 'curl' }, line: 3, column: 1, endLine: 3, endColumn: 47 }],
      output: null,
    },
  ],
});
