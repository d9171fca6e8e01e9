import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/workdir-system-dir';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM node:22', 'WORKDIR /app'],
      { name: 'the root directory is the default WORKDIR', code: ['FROM alpine:3.20', 'WORKDIR /'] },
      { name: 'a subdirectory of /etc is application config (nginx, ssl)', code: ['FROM nginx:1.27', 'WORKDIR /etc/nginx/conf.d'] },
      { name: '/usr/local and /usr/src are for locally built software', code: ['FROM golang:1.23', 'WORKDIR /usr/src/app', 'WORKDIR /usr/local/lib/app'] },
      { name: 'a relative WORKDIR', code: ['FROM alpine:3.20', 'WORKDIR proc'] },
      { name: 'an ARG without a default is unknown', code: ['FROM alpine:3.20', 'ARG DIR', 'WORKDIR $DIR'] },
      { name: '/var/lib/<app> is an application data directory', code: ['FROM postgres:16', 'WORKDIR /var/lib/postgresql'] },
    ],
    invalid: [
      {
        name: 'under /proc',
        code: ['FROM alpine:3.20', 'WORKDIR /proc/self'],
        errors: [{ messageId: 'kernel', data: { path: '/proc/self', dir: '/proc' }, line: 2, column: 9, endLine: 2, endColumn: 19 }],
      },
      {
        name: 'exactly /etc, lower-case keyword',
        code: ['FROM alpine:3.20', 'workdir /etc'],
        errors: [{ messageId: 'system', data: { path: '/etc', dir: '/etc' }, line: 2, column: 9, endLine: 2, endColumn: 13 }],
      },
      {
        name: 'resolved through an ARG',
        code: ['FROM alpine:3.20', 'ARG DIR=/usr/bin/', 'WORKDIR ${DIR}'],
        errors: [{ messageId: 'system', data: { path: '/usr/bin/', dir: '/usr/bin' }, line: 3, column: 9, endLine: 3, endColumn: 15 }],
      },
      {
        name: 'anything under /boot',
        code: ['FROM debian:12', 'WORKDIR /boot/efi'],
        errors: [{ messageId: 'system', data: { path: '/boot/efi', dir: '/boot' }, line: 2, column: 9, endLine: 2, endColumn: 18 }],
      },
      {
        name: 'dot segments are normalised',
        code: ['FROM debian:12', 'WORKDIR /srv/../dev/shm'],
        errors: [{ messageId: 'kernel', data: { path: '/srv/../dev/shm', dir: '/dev' }, line: 2, column: 9, endLine: 2, endColumn: 24 }],
      },
    ],
  },
  { onbuild: true },
);
