import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/copy-secret-file';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'COPY app.py /app/'],
      { name: 'public keys and certificates', code: ['FROM alpine:3.20', 'COPY id_rsa.pub /root/.ssh/authorized_keys', 'COPY ./.pki/ca.pem /usr/local/share/ca-certificates/ca.crt', 'COPY ffdhe4096.pem /etc/dh.pem'] },
      { name: 'GPG signing keys named .key', code: ['FROM debian:12', 'ADD nodesource-repo.gpg.key /usr/share/keyrings/nodesource.asc', 'COPY jenkins.io-2026.key /war/jenkins-key.pub'] },
      { name: 'example env files', code: ['FROM node:22', 'COPY .env.example .env.sample .env.template /app/'] },
      { name: 'env scripts are not .env files', code: ['FROM nginx:1.27', 'COPY 15-local-resolvers.envsh library-scripts/*.env /docker-entrypoint.d/'] },
      { name: 'COPY --from takes files from another stage, not the build context', code: ['FROM alpine:3.20 AS keys', 'RUN mkdir /k && openssl genrsa -out /k/server.key 2048', 'FROM alpine:3.20', 'COPY --from=keys /k/server.key /etc/ssl/private/'] },
      { name: 'remote sources', code: ['FROM alpine:3.20', 'ADD https://x.example/server.key /tmp/'] },
    ],
    invalid: [
      {
        name: 'SSH private key',
        code: ['FROM alpine:3.20', 'COPY id_rsa /root/.ssh/id_rsa'],
        errors: [{ messageId: 'secretFile', data: { path: 'id_rsa', kind: 'credential file' }, line: 2, column: 6, endLine: 2, endColumn: 12 }],
      },
      {
        name: '.env and .env.production',
        code: ['FROM node:22', 'COPY .env .env.production /app/'],
        errors: [
          { messageId: 'secretFile', line: 2, column: 6, endLine: 2, endColumn: 10 },
          { messageId: 'secretFile', line: 2, column: 11, endLine: 2, endColumn: 26 },
        ],
      },
      {
        name: 'package-manager credentials, lower-case keyword',
        code: ['FROM node:22', 'copy .npmrc package.json /app/'],
        errors: [{ messageId: 'secretFile', line: 2, column: 6, endLine: 2, endColumn: 12 }],
      },
      {
        name: 'private key .pem and keystores',
        code: ['FROM eclipse-temurin:21', 'COPY certs/server-key.pem certs/app.p12 keystore.jks /opt/app/'],
        errors: [
          { messageId: 'secretFile', data: { path: 'certs/server-key.pem', kind: 'private key' }, line: 2, column: 6, endLine: 2, endColumn: 26 },
          { messageId: 'secretFile', data: { path: 'certs/app.p12', kind: 'private key or keystore' }, line: 2, column: 27, endLine: 2, endColumn: 40 },
          { messageId: 'secretFile', data: { path: 'keystore.jks', kind: 'private key or keystore' }, line: 2, column: 41, endLine: 2, endColumn: 53 },
        ],
      },
      {
        name: 'credential directories and cloud configs',
        code: ['FROM alpine:3.20', 'COPY .aws/ /root/.aws/', 'COPY .docker/config.json /root/.docker/', 'COPY kubeconfig credentials.json /cfg/'],
        errors: [
          { messageId: 'secretFile', line: 2, column: 6, endLine: 2, endColumn: 11 },
          { messageId: 'secretFile', line: 3, column: 6, endLine: 3, endColumn: 25 },
          { messageId: 'secretFile', line: 4, column: 6, endLine: 4, endColumn: 16 },
          { messageId: 'secretFile', line: 4, column: 17, endLine: 4, endColumn: 33 },
        ],
      },
      {
        name: 'exec form, ADD and a continuation',
        code: ['FROM alpine:3.20', 'ADD --chown=app \\', '    ["tls/server.key", "/etc/tls/"]'],
        errors: [{ messageId: 'secretFile', line: 3, column: 7, endLine: 3, endColumn: 21 }],
      },
      {
        name: 'source given by an ARG',
        code: ['FROM alpine:3.20', 'ARG KEY=deploy/id_ed25519', 'COPY ${KEY} /root/.ssh/'],
        errors: [{ messageId: 'secretFile', data: { path: '${KEY}', kind: 'credential file' }, line: 3, column: 6, endLine: 3, endColumn: 12 }],
      },
    ],
  },
  { onbuild: true },
);
