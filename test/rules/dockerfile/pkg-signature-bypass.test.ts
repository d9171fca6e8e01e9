import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/pkg-signature-bypass';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'RUN apk add --no-cache curl'],
      { name: 'apk index of packages built in this RUN', code: ['FROM alpine:3.20', 'RUN apk index --allow-untrusted -o /tmp/APKINDEX.tar.gz /tmp/pkgs/*.apk'] },
      { name: 'apk add of local package files built in the build', code: ['FROM alpine:3.20', 'RUN apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-*.apk'] },
      { name: 'trusted=yes on a local file:// repository (official postgres/nginx images)', code: ['FROM debian:12', 'RUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list'] },
      { name: 'gpgcheck=1 and repo_gpgcheck=0', code: ['FROM oraclelinux:9', "RUN echo 'gpgcheck=1' >> /etc/yum.repos.d/x.repo && echo 'repo_gpgcheck=0' >> /etc/yum.repos.d/x.repo"] },
      { name: 'signed-by sources line', code: ['FROM debian:12', 'RUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://x.example/apt stable main" > /etc/apt/sources.list.d/x.list'] },
      { name: 'the flag of another tool', code: ['FROM debian:12', 'RUN helm install --force-yes x'] },
    ],
    invalid: [
      {
        name: 'apk --allow-untrusted from the network',
        code: ['FROM alpine:3.20', 'RUN apk add --allow-untrusted --no-cache nginx'],
        errors: [{ messageId: 'bypass', data: { flag: '--allow-untrusted' }, line: 2, column: 13, endLine: 2, endColumn: 30 }],
        output: ['FROM alpine:3.20', 'RUN apk add --no-cache nginx'],
      },
      {
        name: 'apt-get --allow-unauthenticated and --force-yes, on continuation lines',
        code: ['FROM debian:12', 'RUN apt-get install -y \\', '      --allow-unauthenticated \\', '      --force-yes \\', '      curl'],
        errors: [
          { messageId: 'bypass', data: { flag: '--allow-unauthenticated' }, line: 3, column: 7, endLine: 3, endColumn: 30 },
          { messageId: 'bypass', data: { flag: '--force-yes' }, line: 4, column: 7, endLine: 4, endColumn: 18 },
        ],
        output: ['FROM debian:12', 'RUN apt-get install -y \\', '      curl'],
      },
      {
        name: 'apt-get -o APT::Get::AllowUnauthenticated=true: both words removed',
        code: ['FROM debian:12', 'RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y curl'],
        errors: [{ messageId: 'bypass', data: { flag: 'APT::Get::AllowUnauthenticated' }, line: 2, column: 13, endLine: 2, endColumn: 51 }],
        output: ['FROM debian:12', 'RUN apt-get install -y curl'],
      },
      {
        name: 'apt update --allow-insecure-repositories behind sudo',
        code: ['FROM ubuntu:24.04', 'run sudo apt update --allow-insecure-repositories'],
        errors: [{ messageId: 'bypass', line: 2, column: 21, endLine: 2, endColumn: 50 }],
        output: ['FROM ubuntu:24.04', 'run sudo apt update'],
      },
      {
        name: 'rpm --nosignature',
        code: ['FROM fedora:40', 'RUN rpm -ivh --nosignature https://x.example/x.rpm'],
        errors: [{ messageId: 'bypass', line: 2, column: 14, endLine: 2, endColumn: 27 }],
        output: ['FROM fedora:40', 'RUN rpm -ivh https://x.example/x.rpm'],
      },
      {
        name: 'dnf --nogpgcheck and microdnf --setopt=gpgcheck=0',
        code: ['FROM fedora:40', 'RUN dnf install -y --nogpgcheck x && microdnf install --setopt=gpgcheck=0 y'],
        errors: [
          { messageId: 'bypass', data: { flag: '--nogpgcheck' }, line: 2, column: 20, endLine: 2, endColumn: 32 },
          { messageId: 'bypass', data: { flag: '--setopt' }, line: 2, column: 55, endLine: 2, endColumn: 74 },
        ],
        output: ['FROM fedora:40', 'RUN dnf install -y x && microdnf install y'],
      },
      {
        name: 'zypper --no-gpg-checks',
        code: ['FROM opensuse/leap:15.6', 'RUN zypper --no-gpg-checks -n install curl'],
        errors: [{ messageId: 'bypass', line: 2, column: 12, endLine: 2, endColumn: 27 }],
        output: ['FROM opensuse/leap:15.6', 'RUN zypper -n install curl'],
      },
      {
        name: 'zypper --gpg-auto-import-keys: reported, no fix (the build would stop at the key prompt)',
        code: ['FROM opensuse/leap:15.6', 'RUN zypper --gpg-auto-import-keys refresh'],
        errors: [{ messageId: 'autoImport', line: 2, column: 12, endLine: 2, endColumn: 34 }],
        output: null,
      },
      {
        name: 'gpgcheck=0 written into a repo file',
        code: ['FROM centos:7', "RUN echo 'gpgcheck=0' >> /etc/yum.repos.d/x.repo"],
        errors: [{ messageId: 'repoSetting', data: { setting: 'gpgcheck=0' }, line: 2, column: 11, endLine: 2, endColumn: 21 }],
        output: null,
      },
      {
        name: 'trusted=yes on a network repository',
        code: ['FROM debian:12', 'RUN echo "deb [trusted=yes] https://x.example/apt ./" > /etc/apt/sources.list.d/x.list'],
        errors: [{ messageId: 'repoSetting', data: { setting: 'trusted=yes' }, line: 2, column: 16, endLine: 2, endColumn: 27 }],
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
      name: 'gpgcheck=0 in a repo file written from a heredoc',
      code: ['FROM rockylinux:9', 'RUN cat > /etc/yum.repos.d/x.repo <<EOF', '[x]', 'baseurl=https://x.example/el9', 'gpgcheck=0', 'EOF'],
      errors: [{ messageId: 'repoSetting', line: 5, column: 1, endLine: 5, endColumn: 11 }],
      output: null,
    },
  ],
});
