import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/lang-package-unpinned';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM python:3.12', 'RUN pip install --no-cache-dir flask==3.0.0'],
      { name: 'requirements and constraints files', code: ['FROM python:3.12', 'RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt'] },
      { name: 'local project and wheels', code: ['FROM python:3.12', 'RUN pip install --no-cache-dir . ./dist/app-1.0-py3-none-any.whl'] },
      { name: 'a version range names a version', code: ['FROM python:3.12', 'RUN pip install --no-cache-dir "django>=4.2,<5"'] },
      { name: 'version through a variable', code: ['FROM python:3.12', 'ARG POETRY_VERSION=1.8.3', 'RUN pip install --no-cache-dir poetry==$POETRY_VERSION'] },
      { name: 'npm ci and npm install from the lockfile', code: ['FROM node:22', 'RUN npm ci && npm install'] },
      { name: 'npm global install with a version', code: ['FROM node:22', 'RUN npm install -g npm@10.8.1 @angular/cli@18.0.0'] },
      { name: 'yarn and pnpm from the lockfile', code: ['FROM node:22', 'RUN yarn install --frozen-lockfile && pnpm install --frozen-lockfile'] },
      { name: 'gem with -v', code: ['FROM ruby:3.3', 'RUN gem install bundler -v 2.5.6'] },
      { name: 'gem name:version', code: ['FROM ruby:3.3', 'RUN gem install rails:7.1.3'] },
      {
        name: 'go install with a version, and of the current module',
        code: ['FROM golang:1.22', 'RUN go install golang.org/x/tools/gopls@v0.15.3 && go install ./cmd/app'],
      },
      { name: 'cargo with --version, and of a local path', code: ['FROM rust:1.79', 'RUN cargo install ripgrep --version 14.1.0 && cargo install --path .'] },
      { name: 'OS packages belong to os-package-unpinned', code: ['FROM debian:12', 'RUN apt-get install -y curl'] },
    ],
    invalid: [
      {
        name: 'pip install by name',
        code: ['FROM python:3.12', 'RUN pip install --no-cache-dir flask'],
        errors: [{ messageId: 'unpinned', data: { tool: 'pip', name: 'flask', example: 'flask==<version>' }, line: 2, column: 32, endLine: 2, endColumn: 37 }],
      },
      {
        name: 'python -m pip, lower-case keyword, on a continuation line',
        code: ['FROM python:3.12', 'run python3 -m pip install --no-cache-dir \\', '    requests==2.32.3 \\', '    httpx'],
        errors: [{ messageId: 'unpinned', data: { tool: 'pip', name: 'httpx', example: 'httpx==<version>' }, line: 4, column: 5, endLine: 4, endColumn: 10 }],
      },
      {
        name: 'npm install -g without a version',
        code: ['FROM node:22', 'RUN npm install -g yarn'],
        errors: [{ messageId: 'unpinned', data: { tool: 'npm', name: 'yarn', example: 'yarn@<version>' }, line: 2, column: 20, endLine: 2, endColumn: 24 }],
      },
      {
        name: 'npm @latest is a moving tag',
        code: ['FROM node:22', 'RUN npm install -g @vue/cli@latest'],
        errors: [
          {
            messageId: 'floating',
            data: { tool: 'npm', name: '@vue/cli', version: 'latest', example: '@vue/cli@<version>' },
            line: 2,
            column: 20,
            endLine: 2,
            endColumn: 35,
          },
        ],
      },
      {
        name: 'yarn global add',
        code: ['FROM node:22', 'RUN yarn global add @vue/cli'],
        errors: [
          { messageId: 'unpinned', data: { tool: 'yarn', name: '@vue/cli', example: '@vue/cli@<version>' }, line: 2, column: 21, endLine: 2, endColumn: 29 },
        ],
      },
      {
        name: 'gem install',
        code: ['FROM ruby:3.3', 'RUN gem install bundler'],
        errors: [
          { messageId: 'unpinned', data: { tool: 'gem', name: 'bundler', example: 'bundler -v <version>' }, line: 2, column: 17, endLine: 2, endColumn: 24 },
        ],
      },
      {
        name: 'go install @latest',
        code: ['FROM golang:1.22', 'RUN go install github.com/cloudflare/cfssl/cmd/cfssl@latest'],
        errors: [
          {
            messageId: 'floating',
            data: { tool: 'go', name: 'github.com/cloudflare/cfssl/cmd/cfssl', version: 'latest', example: 'github.com/cloudflare/cfssl/cmd/cfssl@v<version>' },
            line: 2,
            column: 16,
            endLine: 2,
            endColumn: 60,
          },
        ],
      },
      {
        name: 'cargo install by name',
        code: ['FROM rust:1.79', 'RUN cargo install --locked cargo-watch'],
        errors: [
          {
            messageId: 'unpinned',
            data: { tool: 'cargo', name: 'cargo-watch', example: 'cargo-watch@<version>' },
            line: 2,
            column: 28,
            endLine: 2,
            endColumn: 39,
          },
        ],
      },
    ],
  },
  { onbuild: true },
);
