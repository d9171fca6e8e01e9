import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/untrusted-registry';

ruleTester.run(rule, {
  valid: [
    ['FROM alpine:3.20'],
    { name: 'default list: well-known public registries', code: ['FROM mcr.microsoft.com/dotnet/aspnet:8.0', 'FROM gcr.io/distroless/static-debian12', 'FROM docker.io/library/node:20'] },
    { name: 'scratch and stage references', code: ['FROM golang:1.23 AS build', 'FROM build', 'FROM scratch'] },
    { name: 'a configured host with a path prefix', code: ['FROM registry.acme.internal/base/node:20'], options: { trustedRegistries: ['registry.acme.internal/base'] } },
    { name: 'an unresolvable ARG cannot be judged', code: ['ARG BASE', 'FROM $BASE'] },
  ],
  invalid: [
    {
      name: 'a registry not in the default list: reported on the registry',
      code: ['FROM registry.example.com/team/app:1.0'],
      errors: [{ messageId: 'untrusted', line: 1, column: 6, endLine: 1, endColumn: 26 }],
    },
    {
      name: 'Docker Hub when only a private registry is trusted',
      code: ['FROM node:20-slim'],
      options: { trustedRegistries: ['registry.acme.internal'] },
      errors: [{ messageId: 'untrusted', data: { image: 'node:20-slim', registry: 'docker.io', trusted: 'registry.acme.internal' }, line: 1, column: 6, endLine: 1, endColumn: 18 }],
    },
    {
      name: 'a path prefix does not trust its siblings',
      code: ['FROM registry.acme.internal/other/node:20'],
      options: { trustedRegistries: ['registry.acme.internal/base'] },
      errors: [{ messageId: 'untrusted', line: 1, column: 6, endLine: 1, endColumn: 28 }],
    },
    {
      name: 'through an ARG default: reported on the whole reference',
      code: ['ARG BASE=registry.example.com/app:1.0', 'FROM ${BASE} AS app'],
      errors: [{ messageId: 'untrusted', line: 2, column: 6, endLine: 2, endColumn: 13 }],
    },
  ],
});
