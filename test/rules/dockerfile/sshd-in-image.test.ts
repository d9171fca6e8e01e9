import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/sshd-in-image';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends openssh-client git'],
      { name: 'on RHEL/Fedora openssh is only the common files', code: ['FROM fedora:40', 'RUN dnf install -y openssh openssh-clients'] },
      {
        name: 'ssh client use and key scanning',
        code: ['FROM alpine:3.20', 'RUN apk add --no-cache openssh-client && ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts'],
      },
      { name: 'package names in other contexts', code: ['FROM debian:12', 'RUN apt-get remove -y openssh-server && echo sshd'] },
      { name: 'apk virtual package name', code: ['FROM alpine:3.20', 'RUN apk add --virtual openssh-server-deps gcc'] },
      { name: 'service of another daemon', code: ['FROM debian:12', 'CMD service nginx start && tail -f /dev/null'] },
    ],
    invalid: [
      {
        code: ['FROM debian:12', 'RUN apt-get update && apt-get install -y openssh-server'],
        errors: [{ messageId: 'install', data: { package: 'openssh-server' }, line: 2, column: 42, endLine: 2, endColumn: 56 }],
      },
      {
        name: 'apk openssh includes the server, continuation line',
        code: ['FROM alpine:3.20', 'RUN apk add --no-cache \\', '    git openssh'],
        errors: [{ messageId: 'install', data: { package: 'openssh' }, line: 3, column: 9, endLine: 3, endColumn: 16 }],
      },
      {
        name: 'Debian ssh metapackage and a pinned dropbear',
        code: ['FROM debian:12', 'run apt-get install -y ssh dropbear=2022.83-1'],
        errors: [
          { messageId: 'install', data: { package: 'ssh' }, line: 2, column: 24, endLine: 2, endColumn: 27 },
          { messageId: 'install', data: { package: 'dropbear' }, line: 2, column: 28, endLine: 2, endColumn: 46 },
        ],
      },
      {
        name: 'yum install in a builder stage',
        code: ['FROM rockylinux:9 AS build', 'RUN yum install -y openssh-server', 'FROM rockylinux:9'],
        errors: [{ messageId: 'install', data: { package: 'openssh-server' }, line: 2, column: 20, endLine: 2, endColumn: 34 }],
      },
      {
        name: 'sshd started by exec-form CMD',
        code: ['FROM alpine:3.20', 'CMD ["/usr/sbin/sshd", "-D", "-e"]'],
        errors: [{ messageId: 'run', data: { command: 'sshd' }, line: 2, column: 7, endLine: 2, endColumn: 21 }],
      },
      {
        name: 'service ssh start in a shell-form ENTRYPOINT',
        code: ['FROM debian:12', 'ENTRYPOINT service ssh start && exec app'],
        errors: [{ messageId: 'run', data: { command: 'service ssh' }, line: 2, column: 20, endLine: 2, endColumn: 23 }],
      },
      {
        name: 'systemctl enable sshd in RUN',
        code: ['FROM fedora:40', 'RUN systemctl enable sshd.service'],
        errors: [{ messageId: 'run', data: { command: 'systemctl sshd.service' }, line: 2, column: 22, endLine: 2, endColumn: 34 }],
      },
    ],
  },
  { onbuild: true },
);

ruleTester.run(rule, {
  valid: [],
  invalid: [
    {
      name: 'heredoc script',
      code: ['FROM debian:12', 'RUN <<EOF', 'apt-get install -y openssh-server', 'EOF'],
      errors: [{ messageId: 'install', data: { package: 'openssh-server' }, line: 3, column: 20, endLine: 3, endColumn: 34 }],
    },
  ],
});
