import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/secret-in-env-arg';

// Detection, replayed under ONBUILD too; none of these has a RUN to mount the secret on.
ruleTester.run(
  rule,
  {
    valid: [
      ['FROM alpine:3.20', 'ENV APP_HOME=/app'],
      {
        name: 'GPG key fingerprints of official images',
        code: ['FROM debian:12', 'ENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305', 'ENV GPG_KEYS A1 B2', 'ENV WORDPRESS_CLI_GPG_KEY 63AF7AA1'],
      },
      {
        name: 'names pointing at a secret, not holding it',
        code: ['FROM alpine:3.20', 'ENV DB_PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://x.example/token SSH_KEY_PATH=/k', 'ARG SECRETS_DIR=/run/secrets'],
      },
      { name: 'key ids and public keys', code: ['FROM alpine:3.20', 'ENV AWS_ACCESS_KEY_ID=x RABBITMQ_PGP_KEY_ID=0x0A PUBLIC_KEY=ssh-ed25519'] },
      { name: 'switches named after a password', code: ['FROM mysql:8', 'ENV MYSQL_ALLOW_EMPTY_PASSWORD=yes MARIADB_RANDOM_ROOT_PASSWORD=1'] },
      {
        name: 'words that contain a secret word',
        code: ['FROM alpine:3.20', 'ENV KEEPASSXC_VERSION=2 OAUTH2_PROXY_VERSION=7 PGP_KEYSERVER=keys.example VALKEY_VERSION=8 DOCKER_AUTH_VERSION=1'],
      },
      { name: 'a bare key and an index key', code: ['FROM alpine:3.20', 'ENV KEY=a DefaultProcess__Filters__0__Key=ProcessId'] },
      { name: 'PWD is the working directory', code: ['FROM alpine:3.20', 'ENV PWD=/app'] },
    ],
    invalid: [
      {
        name: 'ENV password',
        code: ['FROM postgres:16', 'ENV POSTGRES_PASSWORD=postgres'],
        errors: [{ messageId: 'envLiteral', data: { name: 'POSTGRES_PASSWORD' }, line: 2, column: 5, endLine: 2, endColumn: 22 }],
        output: null,
      },
      {
        name: 'ARG token without a default',
        code: ['FROM node:22', 'ARG NPM_TOKEN'],
        errors: [{ messageId: 'arg', data: { name: 'NPM_TOKEN' }, line: 2, column: 5, endLine: 2, endColumn: 14 }],
        output: null,
      },
      {
        name: 'legacy ENV form, camelCase and lower-case keyword',
        code: ['FROM alpine:3.20', 'env apiKey abc'],
        errors: [{ messageId: 'envLiteral', line: 2, column: 5, endLine: 2, endColumn: 11 }],
        output: null,
      },
      {
        name: 'several names on continuation lines',
        code: ['FROM alpine:3.20', 'ENV APP=1 \\', '    AWS_SECRET_ACCESS_KEY=x \\', '    LICENSE_KEY=y'],
        errors: [
          { messageId: 'env', data: { name: 'AWS_SECRET_ACCESS_KEY' }, line: 3, column: 5, endLine: 3, endColumn: 26 },
          { messageId: 'envLiteral', data: { name: 'LICENSE_KEY' }, line: 4, column: 5, endLine: 4, endColumn: 16 },
        ],
        output: null,
      },
      {
        name: 'global ARG before FROM',
        code: ['ARG GITHUB_TOKEN', 'FROM alpine:3.20'],
        errors: [{ messageId: 'arg', line: 1, column: 5, endLine: 1, endColumn: 17 }],
        output: null,
      },
      {
        name: 'credentials and auth names',
        code: ['FROM alpine:3.20', 'ARG DB_CREDENTIALS', 'ARG NPM_AUTH'],
        errors: [
          { messageId: 'arg', line: 2, column: 5, endLine: 2, endColumn: 19 },
          { messageId: 'arg', line: 3, column: 5, endLine: 3, endColumn: 13 },
        ],
        output: null,
      },
    ],
  },
  { onbuild: true },
);

// The fix: ENV/ARG secret → `RUN --mount=type=secret,id=NAME,env=NAME`. Not replayed under ONBUILD:
// triggers run in child builds and are never rewritten.
ruleTester.run(rule, {
  valid: [],
  invalid: [
    {
      name: 'Node app: an ARG no RUN names is read from the environment (npm expands ${NPM_TOKEN} in .npmrc), so every later RUN gets it',
      code: [
        'FROM node:20-slim',
        'ARG NPM_TOKEN',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
        'COPY . .',
        'RUN npm run build',
        'CMD ["node", "dist/server.js"]',
      ],
      errors: [{ messageId: 'arg', data: { name: 'NPM_TOKEN' }, line: 2, column: 5, endLine: 2, endColumn: 14 }],
      output: [
        '# syntax=docker/dockerfile:1',
        'FROM node:20-slim',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN npm ci',
        'COPY . .',
        'RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN npm run build',
        'CMD ["node", "dist/server.js"]',
      ],
    },
    {
      name: 'ARG re-exported by ENV of the same name: both go, one secret',
      code: ['FROM node:20-slim', 'ARG NPM_TOKEN', 'ENV NPM_TOKEN=$NPM_TOKEN', 'RUN npm ci', 'CMD ["node", "server.js"]'],
      errors: [
        { messageId: 'arg', line: 2, column: 5, endLine: 2, endColumn: 14 },
        { messageId: 'env', line: 3, column: 5, endLine: 3, endColumn: 14 },
      ],
      output: ['# syntax=docker/dockerfile:1', 'FROM node:20-slim', 'RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN npm ci', 'CMD ["node", "server.js"]'],
    },
    {
      name: 'Python app with compiled wheels: a literal ENV key of a multi-key ENV, read in a heredoc, under escape=`',
      code: [
        '# escape=`',
        'FROM python:3.12 AS build',
        'ENV PIP_INDEX_TOKEN=s3cr3tvalue PIP_NO_CACHE_DIR=1',
        'RUN <<EOF',
        'pip wheel --wheel-dir /wheels `',
        '  --index-url https://__token__:${PIP_INDEX_TOKEN}@pypi.example.com/simple -r requirements.txt',
        'EOF',
        'FROM python:3.12-slim',
        'COPY --from=build /wheels /wheels',
      ],
      errors: [{ messageId: 'envLiteral', data: { name: 'PIP_INDEX_TOKEN' }, line: 3, column: 5, endLine: 3, endColumn: 20 }],
      output: [
        '# escape=`',
        '# syntax=docker/dockerfile:1',
        'FROM python:3.12 AS build',
        'ENV PIP_NO_CACHE_DIR=1',
        'RUN --mount=type=secret,id=PIP_INDEX_TOKEN,env=PIP_INDEX_TOKEN <<EOF',
        'pip wheel --wheel-dir /wheels `',
        '  --index-url https://__token__:${PIP_INDEX_TOKEN}@pypi.example.com/simple -r requirements.txt',
        'EOF',
        'FROM python:3.12-slim',
        'COPY --from=build /wheels /wheels',
      ],
    },
    {
      name: 'Go service: .netrc written and removed in the same RUN; only the RUN that names the token gets it',
      code: [
        'FROM golang:1.22 AS build',
        'ARG GITHUB_TOKEN',
        'WORKDIR /src',
        'COPY go.mod go.sum ./',
        'RUN echo "machine github.com login x password ${GITHUB_TOKEN}" > /root/.netrc && \\',
        '    go mod download && \\',
        '    rm /root/.netrc',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -o /out/svc ./cmd/svc',
      ],
      errors: [{ messageId: 'arg', line: 2, column: 5, endLine: 2, endColumn: 17 }],
      output: [
        '# syntax=docker/dockerfile:1',
        'FROM golang:1.22 AS build',
        'WORKDIR /src',
        'COPY go.mod go.sum ./',
        'RUN --mount=type=secret,id=GITHUB_TOKEN,env=GITHUB_TOKEN echo "machine github.com login x password ${GITHUB_TOKEN}" > /root/.netrc && \\',
        '    go mod download && \\',
        '    rm /root/.netrc',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -o /out/svc ./cmd/svc',
      ],
    },
    {
      name: 'Java/Maven service: an existing syntax directive is kept, other RUN flags and continuations too',
      code: [
        '# syntax=docker/dockerfile:1',
        'FROM maven:3.9-eclipse-temurin-21 AS build',
        'ARG MAVEN_REPO_PASSWORD',
        'COPY pom.xml settings.xml ./',
        'RUN --mount=type=cache,target=/root/.m2 \\',
        '    mvn -B -s settings.xml -Drepo.password=${MAVEN_REPO_PASSWORD} package',
      ],
      errors: [{ messageId: 'arg', line: 3, column: 5, endLine: 3, endColumn: 24 }],
      output: [
        '# syntax=docker/dockerfile:1',
        'FROM maven:3.9-eclipse-temurin-21 AS build',
        'COPY pom.xml settings.xml ./',
        'RUN --mount=type=secret,id=MAVEN_REPO_PASSWORD,env=MAVEN_REPO_PASSWORD --mount=type=cache,target=/root/.m2 \\',
        '    mvn -B -s settings.xml -Drepo.password=${MAVEN_REPO_PASSWORD} package',
      ],
    },
    {
      name: 'two secrets read by one RUN: one insertion with both mounts; exec form kept',
      code: ['FROM alpine:3.20', 'ARG DB_PASSWORD', 'ARG API_TOKEN', 'RUN ["sh", "-c", "./seed.sh \\"$DB_PASSWORD\\" \\"$API_TOKEN\\""]'],
      errors: [
        { messageId: 'arg', line: 2, column: 5, endLine: 2, endColumn: 16 },
        { messageId: 'arg', line: 3, column: 5, endLine: 3, endColumn: 14 },
      ],
      output: [
        '# syntax=docker/dockerfile:1',
        'FROM alpine:3.20',
        'RUN --mount=type=secret,id=DB_PASSWORD,env=DB_PASSWORD --mount=type=secret,id=API_TOKEN,env=API_TOKEN ["sh", "-c", "./seed.sh \\"$DB_PASSWORD\\" \\"$API_TOKEN\\""]',
      ],
    },
    {
      name: 'a syntax pin older than 1.10 has no env= on secret mounts: no fix',
      code: ['# syntax=docker/dockerfile:1.4', 'FROM alpine:3.20', 'ARG API_TOKEN', 'RUN ./fetch.sh "$API_TOKEN"'],
      errors: [{ messageId: 'arg', line: 3, column: 5, endLine: 3, endColumn: 14 }],
      output: null,
    },
    {
      name: 'read by an instruction other than RUN: no fix',
      code: ['FROM alpine:3.20', 'ARG API_TOKEN', 'LABEL token=$API_TOKEN', 'RUN ./fetch.sh "$API_TOKEN"'],
      errors: [{ messageId: 'arg', line: 2, column: 5, endLine: 2, endColumn: 14 }],
      output: null,
    },
    {
      name: 'a RUN that stores the credential in a config file it leaves behind: mounting would only move the leak',
      code: [
        'FROM amazon/aws-cli:2.17.0',
        'ARG AWS_SECRET_ACCESS_KEY',
        'RUN aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY" && aws s3 cp s3://bucket/model.bin /models/',
      ],
      errors: [{ messageId: 'arg', line: 2, column: 5, endLine: 2, endColumn: 26 }],
      output: null,
    },
    {
      name: 'an ENV with a value no RUN reads is a run-time setting: no fix',
      code: ['FROM node:20-slim', 'ENV SESSION_SECRET=abc123def', 'RUN npm ci', 'CMD ["node", "server.js"]'],
      errors: [{ messageId: 'envLiteral', line: 2, column: 5, endLine: 2, endColumn: 19 }],
      output: null,
    },
    {
      name: 'a literal ARG default: the message says rotate; the global ARG stays (no stage to mount in)',
      code: ['ARG GITHUB_TOKEN', 'FROM alpine:3.20', 'ARG GITHUB_TOKEN=ghx0123456789', 'RUN ./fetch.sh "$GITHUB_TOKEN"'],
      errors: [
        { messageId: 'arg', line: 1, column: 5, endLine: 1, endColumn: 17 },
        { messageId: 'argLiteral', line: 3, column: 5, endLine: 3, endColumn: 17 },
      ],
      output: [
        '# syntax=docker/dockerfile:1',
        'ARG GITHUB_TOKEN',
        'FROM alpine:3.20',
        'RUN --mount=type=secret,id=GITHUB_TOKEN,env=GITHUB_TOKEN ./fetch.sh "$GITHUB_TOKEN"',
      ],
    },
    {
      name: 'a byte-order mark stays first: the syntax directive goes after it',
      code: ['\uFEFFFROM alpine:3.20', 'ARG API_TOKEN', 'RUN ./fetch.sh "$API_TOKEN"'],
      errors: [{ messageId: 'arg', line: 2, column: 5, endLine: 2, endColumn: 14 }],
      output: ['\uFEFF# syntax=docker/dockerfile:1', 'FROM alpine:3.20', 'RUN --mount=type=secret,id=API_TOKEN,env=API_TOKEN ./fetch.sh "$API_TOKEN"'],
    },
  ],
});
