import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/secret-in-env-arg';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'ENV APP_HOME=/app'],
      { name: 'GPG key fingerprints of official images', code: ['FROM debian:12', 'ENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305', 'ENV GPG_KEYS A1 B2', 'ENV WORDPRESS_CLI_GPG_KEY 63AF7AA1'] },
      { name: 'names pointing at a secret, not holding it', code: ['FROM alpine:3.20', 'ENV DB_PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://x.example/token SSH_KEY_PATH=/k', 'ARG SECRETS_DIR=/run/secrets'] },
      { name: 'key ids and public keys', code: ['FROM alpine:3.20', 'ENV AWS_ACCESS_KEY_ID=x RABBITMQ_PGP_KEY_ID=0x0A PUBLIC_KEY=ssh-ed25519'] },
      { name: 'switches named after a password', code: ['FROM mysql:8', 'ENV MYSQL_ALLOW_EMPTY_PASSWORD=yes MARIADB_RANDOM_ROOT_PASSWORD=1'] },
      { name: 'words that contain a secret word', code: ['FROM alpine:3.20', 'ENV KEEPASSXC_VERSION=2 OAUTH2_PROXY_VERSION=7 PGP_KEYSERVER=keys.example VALKEY_VERSION=8 DOCKER_AUTH_VERSION=1'] },
      { name: 'a bare key and an index key', code: ['FROM alpine:3.20', 'ENV KEY=a DefaultProcess__Filters__0__Key=ProcessId'] },
      { name: 'PWD is the working directory', code: ['FROM alpine:3.20', 'ENV PWD=/app'] },
    ],
    invalid: [
      {
        name: 'ENV password',
        code: ['FROM postgres:16', 'ENV POSTGRES_PASSWORD=postgres'],
        errors: [{ messageId: 'env', data: { name: 'POSTGRES_PASSWORD' }, line: 2, column: 5, endLine: 2, endColumn: 22 }],
      },
      {
        name: 'ARG token without a default',
        code: ['FROM node:22', 'ARG NPM_TOKEN'],
        errors: [{ messageId: 'arg', data: { name: 'NPM_TOKEN' }, line: 2, column: 5, endLine: 2, endColumn: 14 }],
      },
      {
        name: 'legacy ENV form, camelCase and lower-case keyword',
        code: ['FROM alpine:3.20', 'env apiKey abc'],
        errors: [{ messageId: 'env', line: 2, column: 5, endLine: 2, endColumn: 11 }],
      },
      {
        name: 'several names on continuation lines',
        code: ['FROM alpine:3.20', 'ENV APP=1 \\', '    AWS_SECRET_ACCESS_KEY=x \\', '    LICENSE_KEY=y'],
        errors: [
          { messageId: 'env', data: { name: 'AWS_SECRET_ACCESS_KEY' }, line: 3, column: 5, endLine: 3, endColumn: 26 },
          { messageId: 'env', data: { name: 'LICENSE_KEY' }, line: 4, column: 5, endLine: 4, endColumn: 16 },
        ],
      },
      {
        name: 'global ARG before FROM',
        code: ['ARG GITHUB_TOKEN', 'FROM alpine:3.20'],
        errors: [{ messageId: 'arg', line: 1, column: 5, endLine: 1, endColumn: 17 }],
      },
      {
        name: 'credentials and auth names',
        code: ['FROM alpine:3.20', 'ARG DB_CREDENTIALS', 'ARG NPM_AUTH'],
        errors: [
          { messageId: 'arg', line: 2, column: 5, endLine: 2, endColumn: 19 },
          { messageId: 'arg', line: 3, column: 5, endLine: 3, endColumn: 13 },
        ],
      },
    ],
  },
  { onbuild: true },
);
