import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/package-upgrade-in-build';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl'],
      { name: 'upgrade of named packages only', code: ['FROM alpine:3.20', 'RUN apk upgrade --no-cache openssl'] },
      { name: 'yum update of one package', code: ['FROM rockylinux:9', 'RUN yum update -y openssl'] },
      { name: 'npm update is a language package manager', code: ['FROM node:22', 'RUN npm update'] },
      { name: 'apt-get update only refreshes the index', code: ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl'] },
    ],
    invalid: [
      {
        name: 'apt-get upgrade',
        code: ['FROM debian:12', 'RUN apt-get update && apt-get upgrade -y'],
        errors: [{ messageId: 'upgrade', data: { command: 'apt-get upgrade' }, line: 2, column: 31, endLine: 2, endColumn: 38 }],
      },
      {
        name: 'apt-get dist-upgrade on a continuation line',
        code: ['FROM ubuntu:24.04', 'RUN apt-get update \\', '  && apt-get dist-upgrade -y'],
        errors: [{ messageId: 'upgrade', data: { command: 'apt-get dist-upgrade' }, line: 3, column: 14, endLine: 3, endColumn: 26 }],
      },
      {
        name: 'apk upgrade',
        code: ['FROM alpine:3.20', 'run apk upgrade --no-cache'],
        errors: [{ messageId: 'upgrade', data: { command: 'apk upgrade' }, line: 2, column: 9, endLine: 2, endColumn: 16 }],
      },
      {
        name: 'dnf upgrade, yum update and zypper up',
        code: ['FROM fedora:40', 'RUN dnf -y upgrade && yum -y update && zypper -n up'],
        errors: [
          { messageId: 'upgrade', data: { command: 'dnf upgrade' }, line: 2, column: 12, endLine: 2, endColumn: 19 },
          { messageId: 'upgrade', data: { command: 'yum update' }, line: 2, column: 30, endLine: 2, endColumn: 36 },
          { messageId: 'upgrade', data: { command: 'zypper up' }, line: 2, column: 50, endLine: 2, endColumn: 52 },
        ],
      },
    ],
  },
  { onbuild: true },
);
