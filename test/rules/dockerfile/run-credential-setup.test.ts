import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/run-credential-setup';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM amazon/aws-cli:2', 'RUN aws --version'],
      {
        name: 'a secret mount supplies the credential (secret-persisted-layer checks what is left behind)',
        code: [
          'FROM amazon/aws-cli:2',
          'RUN --mount=type=secret,id=aws,env=AWS_SECRET aws configure set aws_secret_access_key "$AWS_SECRET" && aws s3 cp s3://b/x . && rm -rf ~/.aws',
        ],
      },
      { name: 'non-secret aws settings', code: ['FROM amazon/aws-cli:2', 'RUN aws configure set region eu-west-1 && aws configure set output json'] },
      { name: 'a literal placeholder for a local emulator', code: ['FROM amazon/aws-cli:2', 'RUN aws configure set aws_secret_access_key test'] },
      { name: 'docker login without a password on the command line', code: ['FROM docker:27-cli', 'RUN docker login --help'] },
      { name: 'non-auth npm settings', code: ['FROM node:22', 'RUN npm config set registry https://registry.example.com/ && npm config set fund false'] },
      { name: 'an .npmrc without credentials', code: ['FROM node:22', 'RUN echo "registry=https://registry.example.com/" > .npmrc'] },
      { name: 'a git URL without credentials', code: ['FROM alpine:3.20', 'RUN git config --global url."https://github.com/".insteadOf git@github.com:'] },
    ],
    invalid: [
      {
        name: 'aws configure set aws_secret_access_key from a build arg',
        code: ['FROM amazon/aws-cli:2', 'ARG AWS_SECRET_ACCESS_KEY', 'RUN aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY"'],
        errors: [{ messageId: 'cli', data: { tool: 'aws' }, line: 3, column: 5, endLine: 3, endColumn: 44 }],
        output: null,
      },
      {
        name: 'gcloud service-account key, lower-case keyword, after &&',
        code: ['FROM google/cloud-sdk:480.0.0', 'run apt-get update && gcloud auth activate-service-account --key-file=/tmp/key.json'],
        errors: [{ messageId: 'cli', data: { tool: 'gcloud' }, line: 2, column: 23, endLine: 2, endColumn: 59 }],
        output: null,
      },
      {
        name: 'az login -p over a continuation line',
        code: ['FROM mcr.microsoft.com/azure-cli:2.61.0', 'RUN az login --service-principal -u "$APP_ID" \\', '    -p "$APP_SECRET" --tenant "$TENANT"'],
        errors: [{ messageId: 'cli', data: { tool: 'az' }, line: 2, column: 5, endLine: 3, endColumn: 7 }],
        output: null,
      },
      {
        name: 'doctl and docker login, docker behind sudo',
        code: ['FROM alpine:3.20', 'RUN doctl auth init -t "$DO_TOKEN" && sudo docker login -u ci --password-stdin registry.example.com < /tmp/pw'],
        errors: [
          { messageId: 'cli', data: { tool: 'doctl' }, line: 2, column: 5, endLine: 2, endColumn: 23 },
          { messageId: 'cli', data: { tool: 'docker' }, line: 2, column: 44, endLine: 2, endColumn: 79 },
        ],
        output: null,
      },
      {
        name: 'npm config set of an auth token',
        code: ['FROM node:22', 'ARG NPM_TOKEN', 'RUN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" && npm ci'],
        errors: [{ messageId: 'cli', data: { tool: 'npm' }, line: 3, column: 5, endLine: 3, endColumn: 52 }],
        output: null,
      },
      {
        name: 'echo of a token into ~/.npmrc',
        code: ['FROM node:22', 'ARG NPM_TOKEN', 'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci'],
        errors: [{ messageId: 'file', data: { file: '.npmrc' }, line: 3, column: 60, endLine: 3, endColumn: 68 }],
        output: null,
      },
      {
        name: 'a token in a git insteadOf URL',
        code: ['FROM golang:1.23', 'ARG GH_TOKEN', 'RUN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/"'],
        errors: [{ messageId: 'gitUrl', line: 3, column: 25, endLine: 3, endColumn: 72 }],
        output: null,
      },
    ],
  },
  { onbuild: true },
);

// Heredocs: kept apart because the ONBUILD replay wraps lines, and a heredoc body line is not an instruction.
ruleTester.run(rule, {
  valid: [{ name: 'a heredoc .npmrc without credentials', code: ['FROM node:22', 'RUN cat > .npmrc <<EOF', 'registry=https://registry.example.com/', 'EOF'] }],
  invalid: [
    {
      name: 'a heredoc writes the token into .npmrc',
      code: ['FROM node:22', 'ARG NPM_TOKEN', 'RUN cat > .npmrc <<EOF', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}', 'EOF'],
      errors: [{ messageId: 'file', data: { file: '.npmrc' }, line: 3, column: 11, endLine: 3, endColumn: 17 }],
      output: null,
    },
  ],
});

// The fix (the secret-in-env-arg plan): offered when the build arg can become a secret mount
// without moving the leak, i.e. the RUN removes the file it writes. Not replayed under ONBUILD.
ruleTester.run(rule, {
  valid: [],
  invalid: [
    {
      name: 'an .npmrc written from a build arg and removed in the same RUN: the arg becomes a secret mount',
      code: ['FROM node:22', 'ARG NPM_TOKEN', 'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc'],
      errors: [{ messageId: 'file', data: { file: '.npmrc' }, line: 3, column: 60, endLine: 3, endColumn: 66 }],
      output: [
        '# syntax=docker/dockerfile:1',
        'FROM node:22',
        'RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
      ],
    },
    {
      name: 'aws configure set, then ~/.aws removed in the same RUN',
      code: [
        'FROM amazon/aws-cli:2.17.0',
        'ARG AWS_SECRET_ACCESS_KEY',
        'RUN aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY" && \\',
        '    aws s3 cp s3://models/model.bin /models/ && \\',
        '    rm -rf ~/.aws',
      ],
      errors: [{ messageId: 'cli', data: { tool: 'aws' }, line: 3, column: 5, endLine: 3, endColumn: 44 }],
      output: [
        '# syntax=docker/dockerfile:1',
        'FROM amazon/aws-cli:2.17.0',
        'RUN --mount=type=secret,id=AWS_SECRET_ACCESS_KEY,env=AWS_SECRET_ACCESS_KEY aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY" && \\',
        '    aws s3 cp s3://models/model.bin /models/ && \\',
        '    rm -rf ~/.aws',
      ],
    },
    {
      name: 'a token in a git URL, with ~/.gitconfig removed in the same RUN (Go modules from a private repository)',
      code: [
        'FROM golang:1.23 AS build',
        'ARG GH_TOKEN',
        'RUN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/" && go mod download && rm ~/.gitconfig',
      ],
      errors: [{ messageId: 'gitUrl', line: 3, column: 25, endLine: 3, endColumn: 72 }],
      output: [
        '# syntax=docker/dockerfile:1',
        'FROM golang:1.23 AS build',
        'RUN --mount=type=secret,id=GH_TOKEN,env=GH_TOKEN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/" && go mod download && rm ~/.gitconfig',
      ],
    },
    {
      name: 'a literal token in a git URL: nothing to mount, no fix',
      code: ['FROM golang:1.23', 'RUN git config --global url."https://ghp_abc:x-oauth@github.com/".insteadOf "https://github.com/" && rm ~/.gitconfig'],
      errors: [{ messageId: 'gitUrl', line: 2, column: 25, endLine: 2, endColumn: 76 }],
      output: null,
    },
  ],
});
