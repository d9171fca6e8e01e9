import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/package-cache-left';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'],
      { name: 'apt-get dist-clean (apt 2.7+) removes the lists', code: ['FROM debian:13', 'RUN apt-get update; apt-get install -y curl; apt-get dist-clean'] },
      {
        name: 'apt cache mount',
        code: ['FROM debian:12', 'RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl'],
      },
      { name: 'install without update reads lists of an earlier layer', code: ['FROM debian:12', 'RUN apt-get install -y curl'] },
      { name: 'apk --no-cache', code: ['FROM alpine:3.20', 'RUN apk add --no-cache curl'] },
      { name: 'apk --no-network installs from disk', code: ['FROM alpine:3.20', 'RUN apk add --no-network --virtual .rundeps $runDeps'] },
      { name: 'apk cache removed', code: ['FROM alpine:3.20', 'RUN apk update && apk add curl && rm -rf /var/cache/apk/*'] },
      { name: 'dnf clean all', code: ['FROM rockylinux:9', 'RUN dnf install -y curl && dnf clean all'] },
      { name: 'pip --no-cache-dir', code: ['FROM python:3.12', 'RUN pip install --no-cache-dir -r requirements.txt'] },
      { name: 'PIP_NO_CACHE_DIR set earlier', code: ['FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install -r requirements.txt'] },
      { name: 'pip cache mount', code: ['FROM python:3.12', 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt'] },
      { name: 'yarn cache clean', code: ['FROM node:22', 'RUN yarn install --frozen-lockfile && yarn cache clean'] },
      {
        name: 'a builder stage is thrown away',
        code: ['FROM python:3.12 AS build', 'RUN pip install -r requirements.txt', 'FROM python:3.12-slim', 'COPY --from=build /usr/local /usr/local'],
      },
    ],
    invalid: [
      {
        name: 'apt lists left: the fix appends the cleanup to the last pipeline',
        code: ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl'],
        errors: [{ messageId: 'apt', data: { command: 'apt-get update' }, line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'],
      },
      {
        name: 'apt on continuation lines',
        code: ['FROM debian:12', 'run apt-get update \\', '    && apt-get install -y \\', '       curl'],
        errors: [{ messageId: 'apt', line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: ['FROM debian:12', 'run apt-get update \\', '    && apt-get install -y \\', '       curl && rm -rf /var/lib/apt/lists/*'],
      },
      {
        name: 'apt: no fix when the RUN does something else last',
        code: ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl || true'],
        errors: [{ messageId: 'apt', line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: null,
      },
      {
        name: 'apk update before apk add --no-cache still leaves the index: its own message, no fix (awesome-compose, issue #4)',
        code: ['FROM alpine:3.20', 'RUN apk update && apk add --no-cache git'],
        errors: [{ messageId: 'apkUpdate', data: { command: 'apk update' }, line: 2, column: 5, endLine: 2, endColumn: 15 }],
        output: null,
      },
      {
        name: 'apk add without --no-cache',
        code: ['FROM alpine:3.20', 'RUN apk add curl'],
        errors: [{ messageId: 'apk', data: { command: 'apk add' }, line: 2, column: 5, endLine: 2, endColumn: 12 }],
        output: ['FROM alpine:3.20', 'RUN apk add --no-cache curl'],
      },
      {
        name: 'dnf without clean all',
        code: ['FROM rockylinux:9', 'RUN dnf install -y curl'],
        errors: [{ messageId: 'yum', data: { command: 'dnf install', tool: 'dnf', cleanup: 'dnf clean all' }, line: 2, column: 5, endLine: 2, endColumn: 16 }],
        output: ['FROM rockylinux:9', 'RUN dnf install -y curl && dnf clean all'],
      },
      {
        name: 'pip install without --no-cache-dir, in the stage the final stage builds on',
        code: ['FROM python:3.12 AS base', 'RUN pip install -r requirements.txt', 'FROM base', 'CMD ["python", "app.py"]'],
        errors: [{ messageId: 'pip', data: { command: 'pip install' }, line: 2, column: 5, endLine: 2, endColumn: 16 }],
        output: ['FROM python:3.12 AS base', 'RUN pip install --no-cache-dir -r requirements.txt', 'FROM base', 'CMD ["python", "app.py"]'],
      },
      {
        name: 'zypper install',
        code: ['FROM opensuse/leap:15.6', 'RUN zypper -n install curl'],
        errors: [{ messageId: 'zypper', data: { command: 'zypper install' }, line: 2, column: 5, endLine: 2, endColumn: 22 }],
        output: ['FROM opensuse/leap:15.6', 'RUN zypper -n install curl && zypper clean --all'],
      },
      {
        name: 'yarn global add: reported, no fix',
        code: ['FROM node:22', 'RUN yarn global add @vue/cli@5.0.8'],
        errors: [{ messageId: 'yarn', data: { command: 'yarn add' }, line: 2, column: 5, endLine: 2, endColumn: 20 }],
        output: null,
      },
    ],
  },
  { onbuild: true },
);
