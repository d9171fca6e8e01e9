import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/pkg-manager-tls-off';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM python:3.12', 'RUN pip install --no-cache-dir --index-url https://pypi.example/simple flask==3.0.0'],
      { name: 'strict-ssl true', code: ['FROM node:22', 'RUN npm config set strict-ssl true'] },
      { name: 'a CA bundle instead', code: ['FROM node:22', 'RUN npm config set cafile /etc/ssl/certs/corp.pem'] },
      { name: 'sslverify=1 in a repo file', code: ['FROM rockylinux:9', "RUN echo 'sslverify=1' >> /etc/yum.repos.d/x.repo"] },
      { name: 'git config sslVerify true', code: ['FROM alpine/git:2.45.2', 'RUN git config --global http.sslVerify true'] },
    ],
    invalid: [
      {
        name: 'pip --trusted-host with its host',
        code: ['FROM python:3.12', 'RUN pip install --trusted-host pypi.example -r requirements.txt'],
        errors: [{ messageId: 'option', data: { setting: '--trusted-host pypi.example' }, line: 2, column: 17, endLine: 2, endColumn: 44 }],
      },
      {
        name: 'pip config set global.trusted-host, lower-case keyword',
        code: ['FROM python:3.12', 'run pip config set global.trusted-host pypi.example'],
        errors: [{ messageId: 'option', data: { setting: 'global.trusted-host pypi.example' }, line: 2, column: 20, endLine: 2, endColumn: 52 }],
      },
      {
        name: 'npm config set strict-ssl false',
        code: ['FROM node:22', 'RUN npm config set strict-ssl false && npm ci'],
        errors: [{ messageId: 'option', data: { setting: 'strict-ssl false' }, line: 2, column: 20, endLine: 2, endColumn: 36 }],
      },
      {
        name: 'yarn --strict-ssl=false on a continuation line',
        code: ['FROM node:22', 'RUN yarn install \\', '    --strict-ssl=false'],
        errors: [{ messageId: 'option', data: { setting: '--strict-ssl=false' }, line: 3, column: 5, endLine: 3, endColumn: 23 }],
      },
      {
        name: 'dnf --setopt=sslverify=false',
        code: ['FROM rockylinux:9', 'RUN dnf install -y --setopt=sslverify=false curl'],
        errors: [{ messageId: 'option', data: { setting: '--setopt=sslverify=false' }, line: 2, column: 20, endLine: 2, endColumn: 44 }],
      },
      {
        name: 'git -c http.sslVerify=false',
        code: ['FROM alpine/git:2.45.2', 'RUN git -c http.sslVerify=false clone https://git.example/r.git'],
        errors: [{ messageId: 'option', data: { setting: 'http.sslVerify=false' }, line: 2, column: 9, endLine: 2, endColumn: 32 }],
      },
      {
        name: 'sslverify=0 written into yum.conf',
        code: ['FROM centos:7', "RUN echo 'sslverify=0' >> /etc/yum.conf"],
        errors: [{ messageId: 'repoSetting', data: { setting: 'sslverify=0' }, line: 2, column: 11, endLine: 2, endColumn: 22 }],
      },
      {
        name: 'sslverify=0 in a heredoc repo file',
        code: ['FROM rockylinux:9', 'COPY <<EOF /etc/yum.repos.d/x.repo', '[x]', 'baseurl=https://x.example/', 'sslverify=0', 'EOF'],
        errors: [{ messageId: 'repoSetting', data: { setting: 'sslverify=0' }, line: 5, column: 1, endLine: 5, endColumn: 12 }],
      },
    ],
  },
  { onbuild: true },
);
