import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/final-stage-build-tools';

ruleTester.run(rule, {
  valid: [
    ['FROM python:3.12-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends libpq5', 'COPY . /app', 'CMD ["python", "/app/main.py"]'],
    {
      name: 'build tools in a builder stage only',
      code: [
        'FROM debian:12 AS build',
        'RUN apt-get update && apt-get install -y gcc make git',
        'COPY . /src',
        'RUN make -C /src',
        'FROM debian:12-slim',
        'COPY --from=build /src/app /app',
        'CMD ["/app"]',
      ],
    },
    {
      name: 'purged by name in the same RUN',
      code: [
        'FROM debian:12-slim',
        'COPY . /src',
        'RUN apt-get update && apt-get install -y gcc libssl-dev && make -C /src && apt-get purge -y gcc libssl-dev',
        'CMD ["/src/app"]',
      ],
    },
    {
      name: 'apt-get purge --auto-remove without names (apt-mark pattern)',
      code: [
        'FROM debian:12-slim',
        'COPY . /src',
        'RUN apt-get update && apt-get install -y gcc make && make -C /src && apt-mark auto gcc make && apt-get purge -y --auto-remove',
        'CMD ["/src/app"]',
      ],
    },
    {
      name: 'apk virtual package deleted in the same RUN',
      code: [
        'FROM python:3.12-alpine',
        'COPY requirements.txt .',
        'RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install -r requirements.txt && apk del .build-deps',
        'CMD ["python", "app.py"]',
      ],
    },
    {
      name: 'curl used by HEALTHCHECK',
      code: [
        'FROM node:20-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl',
        'COPY . /app',
        'HEALTHCHECK CMD curl -fsS http://localhost:3000/ || exit 1',
        'CMD ["node", "/app/index.js"]',
      ],
    },
    { name: 'the tool the image runs, exec form', code: ['FROM alpine:3.20', 'RUN apk add --no-cache git', 'COPY . /repo', 'ENTRYPOINT ["/usr/bin/git"]'] },
    {
      name: 'the tool the image runs, shell form',
      code: ['FROM alpine:3.20', 'RUN apk add --no-cache netcat-openbsd', 'COPY . /app', 'CMD nc -lk -p 8080 -e /app/handler'],
    },
    {
      name: 'an SDK or tool image copies no application',
      code: ['FROM debian:12-slim', 'RUN apt-get update && apt-get install -y gcc make git curl', 'CMD ["bash"]'],
    },
    { name: 'no command: a base or build image', code: ['FROM debian:12-slim', 'RUN apt-get update && apt-get install -y gcc', 'COPY . /src'] },
    {
      name: 'dev-container bases carry tools on purpose',
      code: [
        'FROM mcr.microsoft.com/devcontainers/base:bookworm',
        'RUN apt-get update && apt-get install -y build-essential git',
        'COPY . /workspace',
        'CMD ["sleep", "infinity"]',
      ],
    },
    {
      name: 'runtime libraries that look like tools are not flagged',
      code: ['FROM debian:12-slim', 'RUN apt-get update && apt-get install -y libcurl4 libgit2-1.5 gcc-12-base', 'COPY . /app', 'CMD ["/app/run"]'],
    },
    {
      name: "ONBUILD RUN is the child image's business",
      code: ['FROM debian:12-slim', 'ONBUILD RUN apt-get install -y gcc', 'COPY . /app', 'CMD ["/app/run"]'],
    },
  ],
  invalid: [
    {
      code: [
        'FROM python:3.12-slim',
        'COPY requirements.txt .',
        'RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && pip install -r requirements.txt',
        'CMD ["python", "app.py"]',
      ],
      errors: [
        { messageId: 'compiler', data: { package: 'build-essential' }, line: 3, column: 66, endLine: 3, endColumn: 81 },
        { messageId: 'headers', data: { package: 'libpq-dev' }, line: 3, column: 82, endLine: 3, endColumn: 91 },
      ],
      output: null,
    },
    {
      name: 'continuation lines, git, curl and netcat, lower-case keywords',
      code: [
        'from debian:12-slim',
        'run apt-get update && apt-get install -y \\',
        '    git \\',
        '    curl \\',
        '    netcat-openbsd',
        'copy . /app',
        'cmd ["/app/run"]',
      ],
      errors: [
        { messageId: 'git', data: { package: 'git' }, line: 3, column: 5, endLine: 3, endColumn: 8 },
        { messageId: 'download', data: { package: 'curl' }, line: 4, column: 5, endLine: 4, endColumn: 9 },
        { messageId: 'netcat', data: { package: 'netcat-openbsd' }, line: 5, column: 5, endLine: 5, endColumn: 19 },
      ],
      output: null,
    },
    {
      name: 'removed only in a later RUN: the layer keeps it',
      code: ['FROM alpine:3.20', 'RUN apk add --no-cache gcc', 'COPY src/ /src/', 'RUN apk del gcc', 'CMD ["/src/app"]'],
      errors: [{ messageId: 'compiler', data: { package: 'gcc' }, line: 2, column: 24, endLine: 2, endColumn: 27 }],
      output: null,
    },
    {
      name: 'final stage built on an earlier stage that installs the tools',
      code: ['FROM node:20-slim AS base', 'RUN apt-get update && apt-get install -y make g++', 'FROM base', 'COPY . /app', 'CMD ["node", "/app/index.js"]'],
      errors: [
        { messageId: 'compiler', data: { package: 'make' }, line: 2, column: 42, endLine: 2, endColumn: 46 },
        { messageId: 'compiler', data: { package: 'g++' }, line: 2, column: 47, endLine: 2, endColumn: 50 },
      ],
      output: null,
    },
    {
      name: 'a different package purged does not cover this one; dnf',
      code: ['FROM rockylinux:9-minimal', 'COPY app.jar /app.jar', 'RUN dnf install -y wget gcc && dnf remove -y gcc', 'CMD ["java", "-jar", "/app.jar"]'],
      errors: [{ messageId: 'download', data: { package: 'wget' }, line: 3, column: 20, endLine: 3, endColumn: 24 }],
      output: null,
    },
    {
      name: 'heredoc RUN script',
      code: ['FROM debian:12-slim', 'COPY . /app', 'RUN <<EOF', 'apt-get update', 'apt-get install -y zlib1g-dev', 'EOF', 'CMD ["/app/run"]'],
      errors: [{ messageId: 'headers', data: { package: 'zlib1g-dev' }, line: 5, column: 20, endLine: 5, endColumn: 30 }],
      output: null,
    },
    {
      name: 'single-stage Python build: converted so the compiler and headers stay in the build stage',
      code: [
        'FROM python:3.12',
        'WORKDIR /app',
        'COPY requirements.txt .',
        'RUN apt-get update && apt-get install -y --no-install-recommends gcc libffi-dev && pip install --no-cache-dir -r requirements.txt',
        'COPY . .',
        'CMD ["python", "app.py"]',
      ],
      errors: [
        { messageId: 'compiler', data: { package: 'gcc' }, line: 4, column: 66, endLine: 4, endColumn: 69 },
        { messageId: 'headers', data: { package: 'libffi-dev' }, line: 4, column: 70, endLine: 4, endColumn: 80 },
      ],
      output: [
        'FROM python:3.12 AS build',
        'WORKDIR /app',
        'COPY requirements.txt .',
        'RUN python -m venv /opt/venv',
        'ENV PATH="/opt/venv/bin:$PATH"',
        'RUN apt-get update && apt-get install -y --no-install-recommends gcc libffi-dev && pip install --no-cache-dir -r requirements.txt',
        'COPY . .',
        '',
        'FROM python:3.12-slim',
        '# bulkhead: code compiled against libffi-dev needs the matching runtime libraries installed here',
        'WORKDIR /app',
        'ENV PATH="/opt/venv/bin:$PATH"',
        'COPY --from=build /opt/venv /opt/venv',
        'COPY --from=build /app /app',
        'CMD ["python", "app.py"]',
      ],
      newFindings: ['from-no-digest/copiedNoDigest'],
    },
    {
      name: 'single-stage Node build with git for dependencies: converted, git stays in the build stage',
      code: [
        'FROM node:20',
        'WORKDIR /app',
        'RUN apt-get update && apt-get install -y --no-install-recommends git',
        'COPY . .',
        'RUN npm ci && npm run build',
        'CMD ["node", "dist/server.js"]',
      ],
      errors: [{ messageId: 'git', data: { package: 'git' }, line: 3, column: 66, endLine: 3, endColumn: 69 }],
      output: [
        'FROM node:20 AS build',
        'WORKDIR /app',
        'RUN apt-get update && apt-get install -y --no-install-recommends git',
        'COPY . .',
        'RUN npm ci && npm run build',
        'RUN npm prune --omit=dev',
        '',
        'FROM node:20-slim',
        'WORKDIR /app',
        'COPY --from=build /app/package.json /app/package.json',
        'COPY --from=build /app/node_modules /app/node_modules',
        'COPY --from=build /app/dist /app/dist',
        'CMD ["node", "dist/server.js"]',
      ],
      newFindings: ['from-no-digest/copiedNoDigest'],
    },
  ],
});
