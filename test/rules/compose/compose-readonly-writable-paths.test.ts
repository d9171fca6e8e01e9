import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-readonly-writable-paths';

ruleTester.run(rule, {
  valid: [
    { name: 'not read-only', code: ['services:', '  db:', '    build: .'], files: { Dockerfile: ['FROM postgres:16', 'VOLUME /var/lib/postgresql/data'] } },
    {
      name: 'the VOLUME is covered by a named volume',
      code: [
        'services:',
        '  db:',
        '    build: .',
        '    read_only: true',
        '    volumes:',
        '      - pgdata:/var/lib/postgresql/data',
        'volumes:',
        '  pgdata: {}',
      ],
      files: { Dockerfile: ['FROM postgres:16', 'VOLUME /var/lib/postgresql/data'] },
    },
    {
      name: 'a tmpfs over a parent directory covers it',
      code: ['services:', '  web:', '    build: .', '    read_only: true', '    tmpfs:', '      - /var/cache:noexec,nosuid'],
      files: { Dockerfile: ['FROM nginx:1.27', 'VOLUME /var/cache/nginx'] },
    },
    { name: 'no Dockerfile to read', code: ['services:', '  web:', '    image: nginx:1.27', '    read_only: true'] },
    {
      name: 'a directory chowned to the runtime user but filled by COPY is application code, not scratch',
      code: ['services:', '  api:', '    build: .', '    read_only: true'],
      files: { Dockerfile: ['FROM node:22-slim', 'RUN mkdir -p /app && chown 10001 /app', 'COPY . /app', 'USER 10001'] },
    },
  ],
  invalid: [
    {
      name: 'a data VOLUME: reported, no tmpfs fix (it needs a named volume)',
      code: ['services:', '  db:', '    build: .', '    read_only: true'],
      files: { Dockerfile: ['FROM postgres:16', 'VOLUME /var/lib/postgresql/data'] },
      errors: [
        {
          messageId: 'volume',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 20,
          related: [{ file: 'Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 32 }],
        },
      ],
      output: null,
    },
    {
      name: 'a cache VOLUME: the fix adds a tmpfs list',
      code: ['services:', '  web:', '    build: ./web', '    read_only: true'],
      files: { 'web/Dockerfile': ['FROM nginx:1.27', 'VOLUME ["/var/cache/nginx"]'] },
      errors: [
        {
          messageId: 'volume',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 20,
          related: [{ file: 'web/Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 28 }],
        },
      ],
      output: ['services:', '  web:', '    build: ./web', '    read_only: true', '    tmpfs:', '      - /var/cache/nginx:noexec,nosuid'],
    },
    {
      name: 'a run-time directory created for the non-root user: added to the existing tmpfs list',
      code: ['services:', '  api:', '    build: .', '    read_only: true', '    tmpfs:', '      - /tmp:noexec,nosuid'],
      files: { Dockerfile: ['FROM python:3.12-slim', 'RUN mkdir -p /srv/uploads && chown -R 10001:10001 /srv/uploads', 'USER 10001:10001'] },
      errors: [
        {
          messageId: 'writablePath',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 20,
          related: [{ file: 'Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 63 }],
        },
      ],
      output: ['services:', '  api:', '    build: .', '    read_only: true', '    tmpfs:', '      - /srv/uploads:noexec,nosuid', '      - /tmp:noexec,nosuid'],
    },
  ],
});
