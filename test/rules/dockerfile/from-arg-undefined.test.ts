import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/from-arg-undefined';

ruleTester.run(rule, {
  valid: [
    ['ARG TAG=3.20', 'FROM alpine:$TAG'],
    { name: 'a fallback in the reference', code: ['FROM alpine:${TAG:-3.20}'] },
    {
      name: 'an opt-in suffix ${VAR:+word} is empty on purpose when unset (moby/buildkit, issue #4)',
      code: [
        'ARG BUILDKIT_DEBUG',
        'FROM alpine:3.20 AS buildkit-linux',
        'FROM alpine:3.20 AS buildkit-linux-debug',
        'FROM buildkit-$TARGETOS${BUILDKIT_DEBUG:+-debug} AS buildkit',
      ],
    },
    { name: 'predefined platform ARGs', code: ['FROM --platform=$BUILDPLATFORM golang:1.23 AS build', 'FROM alpine:3.20-$TARGETARCH'] },
    { name: 'no variables', code: ['FROM alpine:3.20'] },
    { name: 'an ARG default built from another ARG', code: ['ARG REGISTRY=ghcr.io/acme', 'ARG IMAGE=$REGISTRY/app:1.0', 'FROM ${IMAGE}'] },
  ],
  invalid: [
    {
      name: 'never declared',
      code: ['FROM alpine:$TAG'],
      errors: [{ messageId: 'undeclared', data: { name: 'TAG' }, line: 1, column: 13, endLine: 1, endColumn: 17 }],
    },
    {
      name: 'declared inside a stage only, which FROM does not see',
      code: ['FROM alpine:3.20 AS a', 'ARG VERSION=1.0', 'FROM node:${VERSION}'],
      errors: [{ messageId: 'undeclared', data: { name: 'VERSION' }, line: 3, column: 11, endLine: 3, endColumn: 21 }],
    },
    {
      name: 'declared without a default',
      code: ['ARG BASE_IMAGE', 'FROM ${BASE_IMAGE}'],
      errors: [{ messageId: 'noDefault', data: { name: 'BASE_IMAGE', image: '(empty)' }, line: 2, column: 6, endLine: 2, endColumn: 19 }],
    },
    {
      name: 'empty default leaves an untagged image',
      code: ['ARG TAG=', 'from python$TAG AS build'],
      errors: [{ messageId: 'noDefault', data: { name: 'TAG', image: 'python' }, line: 2, column: 12, endLine: 2, endColumn: 16 }],
    },
  ],
});
