import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/volume-sensitive-path';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM postgres:16', 'VOLUME /var/lib/postgresql/data'],
      { name: 'several data directories in JSON form', code: ['FROM alpine:3.20', 'VOLUME ["/data", "/var/log/app"]'] },
      { name: 'a socket path of the application itself', code: ['FROM alpine:3.20', 'VOLUME /run/app/app.sock'] },
      { name: 'an unknown ARG is not guessed', code: ['FROM alpine:3.20', 'ARG DIR', 'VOLUME $DIR'] },
      { name: 'relative paths are not system paths', code: ['FROM alpine:3.20', 'VOLUME dev'] },
    ],
    invalid: [
      {
        name: 'the Docker socket',
        code: ['FROM docker:27-cli', 'VOLUME /var/run/docker.sock'],
        errors: [{ messageId: 'socket', data: { path: '/var/run/docker.sock' }, line: 2, column: 8, endLine: 2, endColumn: 28 }],
      },
      {
        name: 'JSON form: only the sensitive entry is reported',
        code: ['FROM alpine:3.20', 'VOLUME ["/data", "/proc"]'],
        errors: [{ messageId: 'kernel', data: { path: '/proc', dir: '/proc' }, line: 2, column: 19, endLine: 2, endColumn: 24 }],
      },
      {
        name: 'the root filesystem, lower-case keyword',
        code: ['FROM alpine:3.20', 'volume /'],
        errors: [{ messageId: 'root', line: 2, column: 8, endLine: 2, endColumn: 9 }],
      },
      {
        name: 'the host cgroup tree (systemd images) and /dev, resolved through an ARG',
        code: ['FROM centos:7', 'ARG DEV=/dev', 'VOLUME /sys/fs/cgroup $DEV'],
        errors: [
          { messageId: 'kernel', data: { path: '/sys/fs/cgroup', dir: '/sys' }, line: 3, column: 8, endLine: 3, endColumn: 22 },
          { messageId: 'kernel', data: { path: '/dev', dir: '/dev' }, line: 3, column: 23, endLine: 3, endColumn: 27 },
        ],
      },
      {
        name: 'the containerd socket over a continuation line',
        code: ['FROM alpine:3.20', 'VOLUME /data \\', '  /run/containerd/containerd.sock'],
        errors: [{ messageId: 'socket', data: { path: '/run/containerd/containerd.sock' }, line: 3, column: 3, endLine: 3, endColumn: 34 }],
      },
    ],
  },
  { onbuild: true },
);
