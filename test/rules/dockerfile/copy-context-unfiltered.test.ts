import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/copy-context-unfiltered';

// The host reader supplies the files beside the Dockerfile (`files`, keyed by path). No ONBUILD
// replay: an ONBUILD COPY copies the child build's context, which this rule does not judge.
ruleTester.run(rule, {
  valid: [
    { name: 'no host reader: the context is unknown, nothing is guessed', code: ['FROM node:22', 'COPY . .'] },
    { name: 'a .dockerignore that excludes .git and .env', code: ['FROM node:22', 'COPY . .'], path: 'app/Dockerfile', files: { 'app/.dockerignore': ['# vcs', '.git', 'node_modules', '.env*'] } },
    { name: 'an allow-list .dockerignore (exclude everything, re-include sources)', code: ['FROM node:22', 'COPY . /app'], path: 'Dockerfile', files: { '.dockerignore': ['*', '!src', '!package*.json'] } },
    { name: 'a Dockerfile-specific ignore file takes precedence', code: ['FROM node:22', 'COPY . .'], path: 'build/app.Dockerfile', files: { 'build/app.Dockerfile.dockerignore': ['**/.git', '**/.env'], 'build/.dockerignore': [] } },
    { name: 'selected sources only', code: ['FROM node:22', 'COPY package.json package-lock.json ./', 'COPY src ./src'], path: 'Dockerfile', files: {} },
    { name: 'a builder stage: only selected files reach the final image', code: ['FROM golang:1.23 AS build', 'COPY . .', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static', 'COPY --from=build /app /app'], path: 'Dockerfile', files: {} },
    { name: 'ONBUILD COPY copies the child build context', code: ['FROM node:22', 'ONBUILD COPY . /usr/src/app'], path: 'Dockerfile', files: {} },
  ],
  invalid: [
    {
      name: 'no .dockerignore beside the Dockerfile',
      code: ['FROM node:22', 'COPY . .'],
      path: 'Dockerfile',
      files: {},
      errors: [{ messageId: 'noIgnore', data: { keyword: 'COPY' }, line: 2, column: 6, endLine: 2, endColumn: 7 }],
    },
    {
      name: 'a .dockerignore that lets .env through, in a subdirectory; lower-case keyword; ./ source',
      code: ['FROM python:3.12', 'copy ./ /app'],
      path: 'services/api/Dockerfile',
      files: { 'services/api/.dockerignore': ['.git', '__pycache__', '!.env'] },
      errors: [{ messageId: 'notExcluded', data: { keyword: 'COPY', ignore: '.dockerignore', paths: '.env' }, line: 2, column: 6, endLine: 2, endColumn: 8 }],
    },
    {
      name: 'ADD in JSON form, a stage built on another, configured paths',
      code: ['FROM node:22 AS base', 'ADD [".", "/app"]', 'FROM base', 'CMD ["node", "/app/server.js"]'],
      path: 'Dockerfile',
      files: { '.dockerignore': ['.git', '.env'] },
      options: { mustExclude: ['.git', '.env', 'id_rsa', '.npmrc'] },
      errors: [{ messageId: 'notExcluded', data: { keyword: 'ADD', ignore: '.dockerignore', paths: 'id_rsa, .npmrc' }, line: 2, column: 7, endLine: 2, endColumn: 8 }],
    },
    {
      name: 'COPY with flags over a continuation line',
      code: ['FROM node:22', 'COPY --chown=10001:10001 --link \\', '    . /app'],
      path: 'Dockerfile',
      files: { '.dockerignore': ['node_modules'] },
      errors: [{ messageId: 'notExcluded', data: { keyword: 'COPY', ignore: '.dockerignore', paths: '.git, .env' }, line: 3, column: 5, endLine: 3, endColumn: 6 }],
    },
  ],
});
