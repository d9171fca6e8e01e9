import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/from-no-digest';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

ruleTester.run(rule, {
  valid: [
    [`FROM alpine:3.20@${DIGEST}`],
    { name: 'scratch has no digest', code: ['FROM scratch', 'COPY app /app'] },
    { name: 'a builder stage not copied into the final stage', code: ['FROM golang:1.23 AS lint', 'RUN go vet ./...', `FROM alpine:3.20@${DIGEST}`] },
    {
      name: 'builder pinned too',
      code: [`FROM golang:1.23@${DIGEST} AS build`, `FROM gcr.io/distroless/static-debian12@${DIGEST}`, 'COPY --from=build /out /app'],
    },
    { name: 'an unresolvable ARG cannot be judged', code: ['ARG BASE', 'FROM $BASE'] },
    { name: 'a template placeholder is no image', code: ['FROM REPLACE-ME'] },
  ],
  invalid: [
    {
      code: ['FROM node:20-slim'],
      errors: [{ messageId: 'noDigest', data: { image: 'node:20-slim' }, line: 1, column: 6, endLine: 1, endColumn: 18 }],
      output: null,
    },
    {
      name: 'the final stage built on an earlier stage: reported on that stage image',
      code: ['from debian:12-slim AS base', 'FROM base'],
      errors: [{ messageId: 'noDigest', data: { image: 'debian:12-slim' }, line: 1, column: 6, endLine: 1, endColumn: 20 }],
      output: null,
    },
    {
      name: 'a builder copied into the final stage',
      code: ['FROM golang:1.23 AS build', `FROM gcr.io/distroless/static-debian12@${DIGEST}`, 'COPY --from=build /out /app'],
      errors: [{ messageId: 'copiedNoDigest', data: { image: 'golang:1.23' }, line: 1, column: 6, endLine: 1, endColumn: 17 }],
      output: null,
    },
    {
      name: 'COPY --from an image',
      code: [`FROM alpine:3.20@${DIGEST}`, 'COPY --from=docker:27-cli /usr/local/bin/docker /usr/local/bin/'],
      errors: [{ messageId: 'copiedNoDigest', data: { image: 'docker:27-cli' }, line: 2, column: 13, endLine: 2, endColumn: 26 }],
      output: null,
    },
    {
      name: 'ARG default resolved',
      code: ['ARG BASE=python:3.12-slim', 'FROM ${BASE}'],
      errors: [{ messageId: 'noDigest', data: { image: 'python:3.12-slim' }, line: 2, column: 6, endLine: 2, endColumn: 13 }],
      output: null,
    },
    {
      name: 'fix: the digest another stage pins the same image and tag to',
      code: [`FROM node:20-slim@${DIGEST} AS deps`, 'RUN npm ci', 'FROM node:20-slim', 'COPY --from=deps /node_modules /app/node_modules'],
      errors: [{ messageId: 'noDigest', data: { image: 'node:20-slim' }, line: 3, column: 6, endLine: 3, endColumn: 18 }],
      output: [`FROM node:20-slim@${DIGEST} AS deps`, 'RUN npm ci', `FROM node:20-slim@${DIGEST}`, 'COPY --from=deps /node_modules /app/node_modules'],
    },
    {
      name: 'no fix from a pin of another tag of the image',
      code: [`FROM node:22-slim@${DIGEST} AS deps`, 'FROM node:20-slim', 'COPY --from=deps /node_modules /app/node_modules'],
      errors: [{ messageId: 'noDigest', data: { image: 'node:20-slim' }, line: 2, column: 6, endLine: 2, endColumn: 18 }],
      output: null,
    },
  ],
});
