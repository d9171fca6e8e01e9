import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/os-package-unpinned';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN apt-get install -y --no-install-recommends curl ca-certificates'],
      { name: 'all pinned', code: ['FROM debian:12', 'RUN apt-get install -y curl=7.88.1-10+deb12u5 git=1:2.39.2-1.1'] },
      {
        name: 'product pinned through an ENV version, helpers follow the base image (official images)',
        code: ['FROM debian:12', 'ENV NGINX_VERSION=1.27.0', 'RUN apt-get install -y nginx=${NGINX_VERSION}-1~bookworm gettext-base curl'],
      },
      { name: 'a lower bound is no pinning policy', code: ['FROM alpine:3.20', "RUN apk add --no-cache 'su-exec>=0.2' bash"] },
      { name: 'unpinned package named through a variable', code: ['FROM debian:12', 'RUN apt-get install -y curl=7.88.1-10 $EXTRA'] },
      { name: 'local package files', code: ['FROM debian:12', 'RUN apt-get install -y curl=7.88.1-10 ./x.deb'] },
      { name: 'mode all: pinned with a variable', options: { mode: 'all' }, code: ['FROM debian:12', 'RUN apt-get install -y nginx=${NGINX_VERSION}'] },
      { name: 'language packages belong to lang-package-unpinned', code: ['FROM python:3.12', 'RUN pip install flask==3.0.0 requests'] },
    ],
    invalid: [
      {
        name: 'apt install pins one package literally, not the other',
        code: ['FROM debian:12', 'RUN apt-get install -y curl=7.88.1-10 git'],
        errors: [{ messageId: 'unpinned', data: { tool: 'apt-get', name: 'git', example: 'git=<version>' }, line: 2, column: 39, endLine: 2, endColumn: 42 }],
      },
      {
        name: 'apk on continuation lines',
        code: ['FROM alpine:3.20', 'RUN apk add --no-cache \\', '      tini=0.19.0-r3 \\', '      bash'],
        errors: [{ messageId: 'unpinned', data: { tool: 'apk', name: 'bash', example: 'bash=~<version>' }, line: 4, column: 7, endLine: 4, endColumn: 11 }],
      },
      {
        name: 'dnf with name-version pins',
        code: ['FROM rockylinux:9', 'run dnf install -y httpd-2.4.57 mod_ssl'],
        errors: [
          { messageId: 'unpinned', data: { tool: 'dnf', name: 'mod_ssl', example: 'mod_ssl-<version>' }, line: 2, column: 33, endLine: 2, endColumn: 40 },
        ],
      },
      {
        name: 'zypper',
        code: ['FROM opensuse/leap:15.6', 'RUN zypper -n in curl=8.0.1 vim'],
        errors: [{ messageId: 'unpinned', data: { tool: 'zypper', name: 'vim', example: 'vim=<version>' }, line: 2, column: 29, endLine: 2, endColumn: 32 }],
      },
      {
        name: 'mode all reports every unpinned package (hadolint DL3008 behaviour)',
        options: { mode: 'all' },
        code: ['FROM debian:12', 'RUN apt-get install -y curl'],
        errors: [
          { messageId: 'unpinnedAll', data: { tool: 'apt-get', name: 'curl', example: 'curl=<version>' }, line: 2, column: 24, endLine: 2, endColumn: 28 },
        ],
      },
    ],
  },
  { onbuild: true },
);
