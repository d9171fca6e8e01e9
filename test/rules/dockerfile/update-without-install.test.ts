import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/update-without-install';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl'],
      {
        name: 'update and install on continuation lines',
        code: ['FROM debian:12', 'RUN apt-get update \\', '  && apt-get install -y curl \\', '  && rm -rf /var/lib/apt/lists/*'],
      },
      { name: 'update then upgrade reads the fresh index', code: ['FROM debian:12', 'RUN apt-get update && apt-get upgrade -y'] },
      {
        name: 'lists removed again in the same RUN',
        code: ['FROM debian:12', 'RUN apt-get update && apt-get purge -y imagemagick && rm -rf /var/lib/apt/lists/*'],
      },
      {
        name: 'a script that may install (devcontainer library scripts)',
        code: ['FROM debian:12', 'RUN apt-get update && bash /tmp/library-scripts/common-debian.sh'],
      },
      { name: 'apk update with apk add', code: ['FROM alpine:3.20', 'RUN apk update && apk add curl'] },
      { name: 'yum makecache with install', code: ['FROM rockylinux:9', 'RUN yum makecache && yum install -y curl'] },
      { name: 'heredoc with update and install', code: ['FROM debian:12', 'RUN <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF'] },
    ],
    invalid: [
      {
        name: 'update alone, install in the next RUN',
        code: ['FROM debian:12', 'RUN apt-get update', 'RUN apt-get install -y curl'],
        errors: [{ messageId: 'alone', data: { command: 'apt-get update' }, line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl'],
      },
      {
        name: 'apk update alone, lower-case keyword',
        code: ['FROM alpine:3.20', 'run apk update', 'RUN apk add --no-cache curl'],
        errors: [{ messageId: 'alone', data: { command: 'apk update' }, line: 2, column: 5, endLine: 2, endColumn: 15 }],
        output: ['FROM alpine:3.20', 'RUN apk update && apk add --no-cache curl'],
      },
      {
        name: 'an apt update next to an apk install does not count',
        code: ['FROM debian:12', 'RUN apt-get update && apk add curl'],
        errors: [{ messageId: 'alone', data: { command: 'apt-get update' }, line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: null,
      },
      {
        name: 'yum makecache alone behind sudo',
        code: ['FROM rockylinux:9', 'RUN sudo yum makecache'],
        errors: [{ messageId: 'alone', data: { command: 'yum makecache' }, line: 2, column: 5, endLine: 2, endColumn: 23 }],
        output: null,
      },
      {
        name: 'zypper refresh alone',
        code: ['FROM opensuse/leap:15.6', 'RUN zypper refresh'],
        errors: [{ messageId: 'alone', data: { command: 'zypper refresh' }, line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: null,
      },
      {
        name: 'fix: moved past instructions that change nothing, before the install on a continuation line; RUN flags kept',
        code: [
          'FROM debian:12',
          'RUN apt-get update',
          'WORKDIR /src',
          'COPY . .',
          'RUN --mount=type=cache,target=/var/cache/apt set -eux; \\',
          '    apt-get install -y --no-install-recommends curl',
        ],
        errors: [{ messageId: 'alone', data: { command: 'apt-get update' }, line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: [
          'FROM debian:12',
          'WORKDIR /src',
          'COPY . .',
          'RUN --mount=type=cache,target=/var/cache/apt set -eux; \\',
          '    apt-get update && apt-get install -y --no-install-recommends curl',
        ],
      },
      {
        name: 'fix: the refresh is moved as written (options, assignments)',
        code: ['FROM debian:12', 'RUN DEBIAN_FRONTEND=noninteractive apt-get update -qq', 'RUN apt-get install -y curl'],
        errors: [{ messageId: 'alone', data: { command: 'apt-get update' }, line: 2, column: 36, endLine: 2, endColumn: 50 }],
        output: ['FROM debian:12', 'RUN DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt-get install -y curl'],
      },
      {
        name: 'no fix across ENV (the refresh would run in another environment)',
        code: ['FROM debian:12', 'RUN apt-get update', 'ENV http_proxy=http://proxy:3128', 'RUN apt-get install -y curl'],
        errors: [{ messageId: 'alone', line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: null,
      },
      {
        name: 'no fix when the install follows || (update && would change the logic)',
        code: ['FROM debian:12', 'RUN apt-get update', 'RUN test -x /usr/bin/curl || apt-get install -y curl'],
        errors: [{ messageId: 'alone', line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: null,
      },
      {
        name: 'no fix when the next RUN does not install with the same manager',
        code: ['FROM debian:12', 'RUN apt-get update', 'RUN make build', 'RUN apt-get install -y curl'],
        errors: [{ messageId: 'alone', line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: null,
      },
      {
        name: 'no fix into another stage',
        code: ['FROM debian:12 AS a', 'RUN apt-get update', 'FROM debian:12', 'RUN apt-get install -y curl'],
        errors: [{ messageId: 'alone', line: 2, column: 5, endLine: 2, endColumn: 19 }],
        output: null,
      },
    ],
  },
  { onbuild: true },
);
