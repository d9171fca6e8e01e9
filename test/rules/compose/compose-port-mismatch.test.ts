import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-port-mismatch';

ruleTester.run(rule, {
  valid: [
    { name: 'image-only: the EXPOSEs are unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80"'] },
    {
      name: 'the published port is EXPOSEd',
      code: ['services:', '  api:', '    build: .', '    ports:', '      - "8080:3000"'],
      files: { Dockerfile: ['FROM node:22-slim', 'EXPOSE 3000'] },
    },
    {
      name: 'no EXPOSE at all: the base image may expose it',
      code: ['services:', '  web:', '    build: .', '    ports:', '      - "8080:80"'],
      files: { Dockerfile: ['FROM nginx:1.27', 'COPY site /usr/share/nginx/html'] },
    },
    {
      name: 'within an EXPOSEd range',
      code: ['services:', '  rtp:', '    build: .', '    ports:', '      - "10000-10010:10000-10010/udp"'],
      files: { Dockerfile: ['FROM alpine:3.20', 'EXPOSE 10000-20000/udp'] },
    },
    {
      name: 'an EXPOSE from an ARG without a default: unknown',
      code: ['services:', '  api:', '    build: .', '    ports:', '      - "8080:8080"'],
      files: { Dockerfile: ['FROM alpine:3.20', 'ARG PORT', 'EXPOSE $PORT'] },
    },
    {
      name: 'a sensitive port bound to 127.0.0.1',
      code: ['services:', '  db:', '    build: .', '    ports:', '      - "127.0.0.1:5432:5432"'],
      files: { Dockerfile: ['FROM postgres:16', 'EXPOSE 5432'] },
    },
  ],
  invalid: [
    {
      name: 'published port the Dockerfile never EXPOSEs',
      code: ['services:', '  api:', '    build: .', '    ports:', '      - "8080:8080"'],
      files: { Dockerfile: ['FROM node:22-slim', 'EXPOSE 3000', 'CMD ["node", "server.js"]'] },
      errors: [
        {
          messageId: 'notExposed',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 20,
          related: [{ file: 'Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 12 }],
        },
      ],
    },
    {
      name: 'protocol differs: 53/udp EXPOSEd, 53/tcp published',
      code: ['services:', '  dns:', '    build: .', '    ports:', '      - target: 53', '        published: 5353'],
      files: { Dockerfile: ['FROM alpine:3.20', 'EXPOSE 53/udp'] },
      errors: [{ messageId: 'notExposed', line: 5, column: 9, endLine: 5, endColumn: 19 }],
    },
    {
      name: 'a database port EXPOSEd and published on all interfaces',
      code: ['services:', '  db:', '    build: ./db', '    ports:', '      - "5432:5432"'],
      files: { 'db/Dockerfile': ['FROM postgres:16', 'EXPOSE 5432'] },
      errors: [
        {
          messageId: 'sensitiveAllInterfaces',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 20,
          related: [{ file: 'db/Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 12 }],
        },
      ],
    },
    {
      name: 'container port only: a random host port on every interface',
      code: ['services:', '  cache:', '    build: .', '    ports:', '      - "6379"'],
      files: { Dockerfile: ['FROM redis:7.4', 'EXPOSE 6379'] },
      errors: [{ messageId: 'sensitiveAllInterfaces', line: 5, column: 9, endLine: 5, endColumn: 15 }],
    },
  ],
});
