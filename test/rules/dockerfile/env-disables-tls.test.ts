import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/env-disables-tls';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM node:22', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=1'],
      { name: 'an extra CA instead', code: ['FROM node:22', 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/corp.pem'] },
      { name: 'a CA bundle path', code: ['FROM python:3.12', 'ENV REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt'] },
      { name: 'ARG without a default', code: ['FROM node:22', 'ARG NODE_TLS_REJECT_UNAUTHORIZED'] },
      { name: 'GIT_SSL_NO_VERIFY empty or false', code: ['FROM alpine/git:2.45.2', 'ENV GIT_SSL_NO_VERIFY=false'] },
      { name: 'strict-ssl true', code: ['FROM node:22', 'ENV NPM_CONFIG_STRICT_SSL=true'] },
    ],
    invalid: [
      {
        name: 'the only pair: the whole ENV goes',
        code: ['FROM node:22', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0', 'CMD ["node", "app.js"]'],
        errors: [
          {
            messageId: 'env',
            data: { keyword: 'ENV', name: 'NODE_TLS_REJECT_UNAUTHORIZED', value: '0', tool: 'Node.js' },
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 35,
          },
        ],
        output: ['FROM node:22', 'CMD ["node", "app.js"]'],
      },
      {
        name: 'first of two pairs',
        code: ['FROM python:3.12', 'ENV PYTHONHTTPSVERIFY=0 PYTHONUNBUFFERED=1'],
        errors: [
          { messageId: 'env', data: { keyword: 'ENV', name: 'PYTHONHTTPSVERIFY', value: '0', tool: 'Python' }, line: 2, column: 5, endLine: 2, endColumn: 24 },
        ],
        output: ['FROM python:3.12', 'ENV PYTHONUNBUFFERED=1'],
      },
      {
        name: 'last pair on a continuation line',
        code: ['FROM alpine/git:2.45.2', 'ENV LANG=C.UTF-8 \\', '    GIT_SSL_NO_VERIFY=1'],
        errors: [
          { messageId: 'env', data: { keyword: 'ENV', name: 'GIT_SSL_NO_VERIFY', value: '1', tool: 'git' }, line: 3, column: 5, endLine: 3, endColumn: 24 },
        ],
        output: ['FROM alpine/git:2.45.2', 'ENV LANG=C.UTF-8'],
      },
      {
        name: 'legacy ENV form, lower-case keyword',
        code: ['FROM node:22', 'env NPM_CONFIG_STRICT_SSL false'],
        errors: [
          {
            messageId: 'env',
            data: { keyword: 'ENV', name: 'NPM_CONFIG_STRICT_SSL', value: 'false', tool: 'npm/yarn' },
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 32,
          },
        ],
        output: ['FROM node:22'],
      },
      {
        name: 'ARG default',
        code: ['FROM python:3.12', 'ARG PIP_TRUSTED_HOST=pypi.example'],
        errors: [
          {
            messageId: 'env',
            data: { keyword: 'ARG', name: 'PIP_TRUSTED_HOST', value: 'pypi.example', tool: 'pip' },
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 34,
          },
        ],
        output: ['FROM python:3.12'],
      },
      {
        name: 'empty CURL_CA_BUNDLE',
        code: ['FROM python:3.12', 'ENV CURL_CA_BUNDLE=""'],
        errors: [
          {
            messageId: 'env',
            data: { keyword: 'ENV', name: 'CURL_CA_BUNDLE', value: '""', tool: 'Python requests' },
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 22,
          },
        ],
        output: ['FROM python:3.12'],
      },
      {
        name: 'value resolved from an ARG',
        code: ['FROM node:22', 'ARG REJECT=0', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=$REJECT'],
        errors: [
          {
            messageId: 'env',
            data: { keyword: 'ENV', name: 'NODE_TLS_REJECT_UNAUTHORIZED', value: '0', tool: 'Node.js' },
            line: 3,
            column: 5,
            endLine: 3,
            endColumn: 41,
          },
        ],
        output: ['FROM node:22', 'ARG REJECT=0'],
      },
      {
        name: 'assignment in RUN: reported, no fix',
        code: ['FROM node:22', 'RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci'],
        errors: [
          { messageId: 'run', data: { name: 'NODE_TLS_REJECT_UNAUTHORIZED', value: '0', tool: 'Node.js' }, line: 2, column: 5, endLine: 2, endColumn: 35 },
        ],
        output: null,
      },
    ],
  },
  { onbuild: true },
);
