import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/from-untagged';

ruleTester.run(rule, {
  valid: [
    ['FROM alpine:3.20'],
    ['FROM alpine:latest'],
    { name: 'a digest pins the image without a tag', code: ['FROM alpine@sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a'] },
    { name: 'registry with a port is not a tag', code: ['FROM localhost:5000/team/app:1.4.2'] },
    { name: 'scratch has no tag', code: ['FROM scratch', 'COPY app /app'] },
    { name: 'a reference to an earlier stage is not an image', code: ['FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM build', 'CMD ["/app"]'] },
    { name: 'stage references are case-insensitive', code: ['FROM golang:1.22 AS Build', 'FROM build'] },
    { name: 'an ARG without a default cannot be judged', code: ['ARG BASE', 'FROM $BASE'] },
    { name: 'ARG default with a tag', code: ['ARG BASE=debian:bookworm-slim', 'FROM ${BASE}'] },
    { name: 'tag from an ARG default', code: ['ARG TAG=3.20', 'FROM alpine:${TAG}'] },
    { name: 'ARG naming an earlier stage', code: ['ARG FINAL=build', 'FROM alpine:3.20 AS build', 'FROM ${FINAL}'] },
    { name: 'a template placeholder is not an image reference (corpus: devcontainers build assets)', code: ['FROM REPLACE-ME'] },
    {
      name: 'nested global ARG defaults with a tag',
      code: ['ARG REGISTRY=quay.io', 'ARG BASE_IMAGE=$REGISTRY/jupyter/base-notebook:2024-10-07', 'FROM $BASE_IMAGE'],
    },
    { name: 'lower-case keyword with platform flag and stage name', code: ['from --platform=$BUILDPLATFORM golang:1.22-alpine as build'] },
  ],
  invalid: [
    {
      code: ['FROM alpine'],
      errors: [{ messageId: 'untagged', data: { image: 'alpine' }, line: 1, column: 6, endLine: 1, endColumn: 12 }],
      output: null,
    },
    {
      name: 'registry, path and stage name: only the image reference is reported',
      code: ['FROM ghcr.io/acme/base AS runtime'],
      errors: [{ messageId: 'untagged', data: { image: 'ghcr.io/acme/base' }, line: 1, column: 6, endLine: 1, endColumn: 23 }],
      output: null,
    },
    {
      name: 'registry with a port and no tag',
      code: ['FROM localhost:5000/app'],
      errors: [{ messageId: 'untagged', data: { image: 'localhost:5000/app' }, line: 1, column: 6, endLine: 1, endColumn: 24 }],
      output: null,
    },
    {
      name: 'image from an ARG default says so',
      code: ['ARG BASE=ubuntu', 'FROM $BASE'],
      errors: [{ messageId: 'untaggedFromArg', data: { raw: '$BASE', image: 'ubuntu' }, line: 2, column: 6, endLine: 2, endColumn: 11 }],
      output: null,
    },
    {
      name: 'registry from an ARG, repository literal',
      code: ['ARG REGISTRY=docker.io', 'FROM ${REGISTRY}/library/node AS app'],
      errors: [
        {
          messageId: 'untaggedFromArg',
          data: { raw: '${REGISTRY}/library/node', image: 'docker.io/library/node' },
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 30,
        },
      ],
      output: null,
    },
    {
      name: 'nested global ARG defaults are expanded in order (corpus: jupyter/docker-stacks)',
      code: ['ARG REGISTRY=quay.io', 'ARG OWNER=jupyter', 'ARG BASE_IMAGE=$REGISTRY/$OWNER/base-notebook', 'FROM $BASE_IMAGE'],
      errors: [
        { messageId: 'untaggedFromArg', data: { raw: '$BASE_IMAGE', image: 'quay.io/jupyter/base-notebook' }, line: 4, column: 6, endLine: 4, endColumn: 17 },
      ],
      output: null,
    },
    {
      name: 'every stage is checked, not only the final one',
      code: ['FROM golang AS build', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /app /app'],
      errors: [{ messageId: 'untagged', line: 1, column: 6, endLine: 1, endColumn: 12 }],
      output: null,
    },
    {
      name: 'lower-case keyword and platform flag',
      code: ['from --platform=linux/amd64 node'],
      errors: [{ messageId: 'untagged', line: 1, column: 29, endLine: 1, endColumn: 33 }],
      output: null,
    },
    {
      name: 'a stage name that is defined only later is an image',
      code: ['FROM build', 'FROM alpine:3.20 AS build'],
      errors: [{ messageId: 'untagged', line: 1, column: 6, endLine: 1, endColumn: 11 }],
      output: null,
    },
    {
      name: 'image on a continuation line',
      code: ['FROM \\', '    debian'],
      errors: [{ messageId: 'untagged', line: 2, column: 5, endLine: 2, endColumn: 11 }],
      output: null,
    },
    {
      name: 'fix: the version tag another stage gives the same image is appended',
      code: ['FROM golang:1.22-bookworm AS build', 'RUN go build -o /app .', 'FROM golang AS test', 'RUN go test ./...'],
      errors: [{ messageId: 'untagged', data: { image: 'golang' }, line: 3, column: 6, endLine: 3, endColumn: 12 }],
      output: ['FROM golang:1.22-bookworm AS build', 'RUN go build -o /app .', 'FROM golang:1.22-bookworm AS test', 'RUN go test ./...'],
    },
    {
      name: 'fix: a registry with a port is kept before the tag',
      code: ['FROM localhost:5000/app:1.4.2 AS base', 'FROM localhost:5000/app'],
      errors: [{ messageId: 'untagged', data: { image: 'localhost:5000/app' }, line: 2, column: 6, endLine: 2, endColumn: 24 }],
      output: ['FROM localhost:5000/app:1.4.2 AS base', 'FROM localhost:5000/app:1.4.2'],
    },
    {
      name: 'no fix from a latest or a digest-only reference, or from another registry',
      code: ['FROM debian:latest AS a', 'FROM ghcr.io/acme/debian:12 AS b', 'FROM debian'],
      errors: [{ messageId: 'untagged', line: 3, column: 6, endLine: 3, endColumn: 12 }],
      output: null,
    },
  ],
});
