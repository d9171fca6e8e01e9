import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/expose-sensitive-port';

ruleTester.run(
  rule,
  {
    valid: [
      ['FROM nginx:1.27', 'EXPOSE 80 443 8080'],
      { name: 'SSH belongs to expose-ssh', code: ['FROM alpine:3.20', 'EXPOSE 22'] },
      { name: 'ports that contain the digits of a sensitive port', code: ['FROM alpine:3.20', 'EXPOSE 23750 5433 63790'] },
      { name: 'the image is the database itself (exec-form CMD)', code: ['FROM debian:12-slim', 'EXPOSE 6379', 'CMD ["redis-server"]'] },
      { name: 'the image is the database itself (entrypoint script + CMD)', code: ['FROM debian:12-slim', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'EXPOSE 5432', 'CMD ["postgres"]'] },
      { name: 'the daemon in a shell-form CMD', code: ['FROM debian:12-slim', 'EXPOSE 27017', 'CMD exec /usr/bin/mongod --bind_ip_all'] },
      { name: 'the daemon in a base stage CMD', code: ['FROM debian:12-slim AS db', 'CMD ["mysqld"]', 'FROM db', 'EXPOSE 3306'] },
      { name: 'a wide port pool that happens to include a sensitive port', code: ['FROM alpine:3.20', 'EXPOSE 10000-20000/udp'] },
      { name: 'an unresolvable variable', code: ['FROM alpine:3.20', 'ARG PORT', 'EXPOSE $PORT'] },
      { name: 'configured list replaces the defaults', code: ['FROM alpine:3.20', 'EXPOSE 5432'], options: { ports: [8081] } },
    ],
    invalid: [
      {
        name: 'Docker API',
        code: ['FROM alpine:3.20', 'EXPOSE 2375'],
        errors: [{ messageId: 'sensitive', data: { port: '2375', number: '2375', service: 'the unencrypted Docker API (root on the host)' }, line: 2, column: 8, endLine: 2, endColumn: 12 }],
      },
      {
        name: 'a database port in an application image',
        code: ['FROM node:20-slim', 'EXPOSE 3000 5432/tcp', 'CMD ["node", "server.js"]'],
        errors: [{ messageId: 'sensitive', data: { port: '5432/tcp', number: '5432', service: 'PostgreSQL' }, line: 2, column: 13, endLine: 2, endColumn: 21 }],
      },
      {
        name: 'remote desktop in a small range',
        code: ['FROM ubuntu:24.04', 'expose 5900-5901'],
        errors: [{ messageId: 'sensitive', data: { port: '5900-5901', number: '5900', service: 'VNC remote desktop' }, line: 2, column: 8, endLine: 2, endColumn: 17 }],
      },
      {
        name: 'another daemon does not exempt the port',
        code: ['FROM debian:12-slim', 'EXPOSE 6379', 'CMD ["memcached"]'],
        errors: [{ messageId: 'sensitive', data: { port: '6379', number: '6379', service: 'Redis' }, line: 2, column: 8, endLine: 2, endColumn: 12 }],
      },
      {
        name: 'ARG default resolved',
        code: ['FROM alpine:3.20', 'ARG DOCKER_PORT=2376', 'EXPOSE ${DOCKER_PORT}'],
        errors: [{ messageId: 'sensitive', data: { port: '${DOCKER_PORT}', number: '2376', service: 'the Docker API (root on the host)' }, line: 3, column: 8, endLine: 3, endColumn: 22 }],
      },
      {
        name: 'continuation lines',
        code: ['FROM alpine:3.20', 'EXPOSE 80 \\', '       3389'],
        errors: [{ messageId: 'sensitive', data: { port: '3389', number: '3389', service: 'RDP remote desktop' }, line: 3, column: 8, endLine: 3, endColumn: 12 }],
      },
      {
        name: 'a port added in the configuration',
        code: ['FROM alpine:3.20', 'EXPOSE 8081'],
        options: { ports: [8081] },
        errors: [{ messageId: 'configured', data: { port: '8081', number: '8081' }, line: 2, column: 8, endLine: 2, endColumn: 12 }],
      },
    ],
  },
  { onbuild: true },
);
