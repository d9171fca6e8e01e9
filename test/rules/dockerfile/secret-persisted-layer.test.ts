import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/secret-persisted-layer';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM node:22', 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci'],
      { name: 'the copy is deleted in the same RUN', code: ['FROM node:22', 'RUN --mount=type=secret,id=npm cp /run/secrets/npm /root/.npmrc && npm ci && rm -f /root/.npmrc'] },
      { name: 'the secret is read where it is needed', code: ['FROM alpine:3.20', 'RUN --mount=type=secret,id=token TOKEN=$(cat /run/secrets/token) ./fetch.sh'] },
      { name: 'credential config removed at the end of the RUN', code: ['FROM amazon/aws-cli:2', 'RUN --mount=type=secret,id=aws,env=AWS_SECRET aws configure set aws_secret_access_key "$AWS_SECRET" && aws s3 cp s3://b/x . && rm -rf ~/.aws'] },
      { name: 'docker logout after the pull', code: ['FROM docker:27-cli', 'RUN --mount=type=secret,id=pw docker login -u ci --password-stdin r.example.com < /run/secrets/pw && docker pull r.example.com/x && docker logout r.example.com'] },
      { name: 'without a secret mount, copying files is not this rule\'s business', code: ['FROM alpine:3.20', 'RUN cp /etc/hosts /tmp/hosts'] },
      { name: 'deleting a file no earlier instruction created', code: ['FROM node:22', 'RUN rm -f /root/.npmrc'] },
      { name: 'a secret file created and deleted in the same RUN', code: ['FROM node:22', 'RUN --mount=type=secret,id=t,env=T echo "//r/:_authToken=$T" > .npmrc && npm ci && rm .npmrc', 'RUN rm -f .npmrc'] },
    ],
    invalid: [
      {
        name: 'secret copied out of the mount',
        code: ['FROM node:22', 'RUN --mount=type=secret,id=npm cp /run/secrets/npm /root/.npmrc && npm ci'],
        errors: [{ messageId: 'copied', data: { source: '/run/secrets/npm', dest: '/root/.npmrc' }, line: 2, column: 35, endLine: 2, endColumn: 51 }],
      },
      {
        name: 'cat of a custom target into a file, lower-case keyword',
        code: ['FROM alpine:3.20', 'run --mount=type=secret,id=k,target=/secrets/key cat /secrets/key > /app/key'],
        errors: [{ messageId: 'copied', data: { source: '/secrets/key', dest: '/app/key' }, line: 2, column: 54, endLine: 2, endColumn: 66 }],
      },
      {
        name: 'echo of a substituted secret into a file',
        code: ['FROM alpine:3.20', 'RUN --mount=type=secret,id=t echo "token=$(cat /run/secrets/t)" > /etc/app.conf'],
        errors: [{ messageId: 'copied', data: { source: '/run/secrets/t', dest: '/etc/app.conf' }, line: 2, column: 48, endLine: 2, endColumn: 62 }],
      },
      {
        name: 'a credential CLI writes the mounted secret into its config',
        code: ['FROM amazon/aws-cli:2', 'RUN --mount=type=secret,id=aws,env=AWS_SECRET \\', '    aws configure set aws_secret_access_key "$AWS_SECRET"'],
        errors: [{ messageId: 'configured', data: { tool: 'aws' }, line: 3, column: 5, endLine: 3, endColumn: 44 }],
      },
      {
        name: 'a token from an env secret written into .npmrc and left there',
        code: ['FROM node:22', 'RUN --mount=type=secret,id=t,env=NPM_TOKEN echo "//r/:_authToken=$NPM_TOKEN" > .npmrc && npm ci'],
        errors: [{ messageId: 'written', data: { file: '.npmrc', dest: '.npmrc' }, line: 2, column: 80, endLine: 2, endColumn: 86 }],
      },
    ],
  },
  { onbuild: true },
);

// A later RUN deleting a file: the message names the earlier line, so no escape/ONBUILD replay with `data`.
ruleTester.run(rule, {
  valid: [],
  invalid: [
    {
      name: 'a copied .npmrc deleted in a later RUN',
      code: ['FROM node:22', 'COPY .npmrc package.json ./', 'RUN npm ci', 'RUN rm -f .npmrc'],
      errors: [{ messageId: 'deletedLater', data: { file: '.npmrc', line: '2' }, line: 4, column: 11, endLine: 4, endColumn: 17 }],
    },
    {
      name: 'a key written in one RUN and deleted in the next, in a stage built on the first',
      code: ['FROM alpine:3.20 AS base', 'ARG T', 'RUN echo "machine x login u password $T" > /root/.netrc', 'FROM base', 'RUN rm /root/.netrc'],
      errors: [{ messageId: 'deletedLater', data: { file: '.netrc', line: '3' }, line: 5, column: 8, endLine: 5, endColumn: 20 }],
    },
    {
      name: 'a private key copied and removed later',
      code: ['FROM alpine:3.20', 'COPY id_rsa /root/.ssh/id_rsa', 'RUN git clone git@github.com:acme/app.git', 'RUN rm -rf /root/.ssh/id_rsa'],
      errors: [{ messageId: 'deletedLater', data: { file: 'id_rsa', line: '2' }, line: 4, column: 12, endLine: 4, endColumn: 29 }],
    },
  ],
});
