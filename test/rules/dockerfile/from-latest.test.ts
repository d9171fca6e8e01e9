import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/from-latest';

ruleTester.run(rule, {
  valid: [
    ['FROM alpine:3.20'],
    { name: 'untagged images belong to from-untagged', code: ['FROM alpine'] },
    {
      name: 'a digest pins the content whatever the tag says',
      code: ['FROM alpine:latest@sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a'],
    },
    { name: 'tags are case-sensitive: LATEST is some other tag', code: ['FROM alpine:LATEST'] },
    { name: 'a tag that merely contains latest', code: ['FROM node:latest-alpine3.20'] },
    { name: 'an ARG without a default cannot be judged', code: ['ARG TAG', 'FROM alpine:$TAG'] },
    { name: 'an ARG default with a version', code: ['ARG TAG=3.20', 'FROM alpine:${TAG}'] },
    { name: 'scratch', code: ['FROM scratch'] },
  ],
  invalid: [
    {
      code: ['FROM alpine:latest'],
      errors: [{ messageId: 'latest', data: { image: 'alpine:latest' }, line: 1, column: 12, endLine: 1, endColumn: 19 }],
      output: null,
    },
    {
      name: 'registry with a port, stage name, lower-case keyword',
      code: ['from localhost:5000/team/app:latest as base'],
      errors: [{ messageId: 'latest', data: { image: 'localhost:5000/team/app:latest' }, line: 1, column: 29, endLine: 1, endColumn: 36 }],
      output: null,
    },
    {
      name: 'tag from an ARG default is reported on the image reference',
      code: ['ARG TAG=latest', 'FROM node:${TAG}'],
      errors: [{ messageId: 'latestFromArg', data: { raw: 'node:${TAG}', image: 'node:latest' }, line: 2, column: 6, endLine: 2, endColumn: 17 }],
      output: null,
    },
    {
      name: 'whole image from an ARG default',
      code: ['ARG BASE=python:latest', 'FROM $BASE AS app'],
      errors: [{ messageId: 'latestFromArg', data: { raw: '$BASE', image: 'python:latest' }, line: 2, column: 6, endLine: 2, endColumn: 11 }],
      output: null,
    },
    {
      name: 'literal :latest after an ARG registry is reported on the :latest span',
      code: ['ARG REGISTRY=ghcr.io', 'FROM ${REGISTRY}/acme/app:latest'],
      errors: [{ messageId: 'latest', data: { image: 'ghcr.io/acme/app:latest' }, line: 2, column: 26, endLine: 2, endColumn: 33 }],
      output: null,
    },
    {
      name: 'builder stages count too',
      code: ['FROM golang:latest AS build', 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /app /app'],
      errors: [{ messageId: 'latest', line: 1, column: 12, endLine: 1, endColumn: 19 }],
      output: null,
    },
    {
      name: 'image on a continuation line',
      code: ['FROM --platform=linux/arm64 \\', '  ubuntu:latest'],
      errors: [{ messageId: 'latest', line: 2, column: 9, endLine: 2, endColumn: 16 }],
      output: null,
    },
    {
      name: 'fix: the version tag another stage gives the same image',
      code: ['FROM node:20.18-alpine AS deps', 'RUN npm ci', 'FROM node:latest', 'COPY --from=deps /node_modules /app/node_modules'],
      errors: [{ messageId: 'latest', data: { image: 'node:latest' }, line: 3, column: 10, endLine: 3, endColumn: 17 }],
      output: ['FROM node:20.18-alpine AS deps', 'RUN npm ci', 'FROM node:20.18-alpine', 'COPY --from=deps /node_modules /app/node_modules'],
    },
    {
      name: 'fix: docker.io/library/ spellings are the same image; the registry and stage name are kept',
      code: ['FROM docker.io/library/python:latest AS build', 'FROM python:3.12-slim'],
      errors: [{ messageId: 'latest', data: { image: 'docker.io/library/python:latest' }, line: 1, column: 30, endLine: 1, endColumn: 37 }],
      output: ['FROM docker.io/library/python:3.12-slim AS build', 'FROM python:3.12-slim'],
    },
    {
      name: 'no fix when the other stages disagree on the version',
      code: ['FROM node:20 AS a', 'FROM node:22 AS b', 'FROM node:latest'],
      errors: [{ messageId: 'latest', line: 3, column: 10, endLine: 3, endColumn: 17 }],
      output: null,
    },
    {
      name: 'no fix from another image, from a tag built from an ARG, or from a stage alias',
      code: ['ARG V=20', 'FROM node:${V} AS a', 'FROM nodejs/node:18 AS b', 'FROM node:latest'],
      errors: [{ messageId: 'latest', line: 4, column: 10, endLine: 4, endColumn: 17 }],
      output: null,
    },
  ],
});
