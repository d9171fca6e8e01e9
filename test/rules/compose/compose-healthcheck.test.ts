import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-healthcheck';

ruleTester.run(rule, {
  valid: [
    { name: 'image-only service without ports: the image may define a HEALTHCHECK', code: ['services:', '  worker:', '    image: example/worker:1.4'] },
    {
      name: 'healthcheck defined in Compose',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    ports:',
        '      - "127.0.0.1:8080:80"',
        '    healthcheck:',
        '      test: ["CMD", "curl", "-f", "http://localhost/"]',
      ],
    },
    {
      name: 'the built Dockerfile defines a HEALTHCHECK',
      code: ['services:', '  api:', '    build: .'],
      files: { Dockerfile: ['FROM node:22-slim', 'HEALTHCHECK CMD ["node", "healthcheck.js"]', 'CMD ["node", "server.js"]'] },
    },
    {
      name: 'a HEALTHCHECK in the stage the runtime stage is built FROM',
      code: ['services:', '  api:', '    build: .'],
      files: { Dockerfile: ['FROM node:22-slim AS base', 'HEALTHCHECK CMD ["node", "healthcheck.js"]', 'FROM base', 'COPY . /app'] },
    },
    {
      name: 'a one-shot job others wait to complete',
      code: [
        'services:',
        '  migrate:',
        '    build: .',
        '  api:',
        '    image: example/api:1.0',
        '    healthcheck:',
        '      test: ["CMD", "/healthz"]',
        '    depends_on:',
        '      migrate:',
        '        condition: service_completed_successfully',
      ],
      files: { Dockerfile: ['FROM alpine:3.20', 'CMD ["/migrate"]'] },
    },
    {
      name: 'restart: "no" and nothing published: a task',
      code: ['services:', '  seed:', '    build: .', '    restart: "no"'],
      files: { Dockerfile: ['FROM alpine:3.20', 'CMD ["/seed"]'] },
    },
    { name: 'the Dockerfile cannot be read', code: ['services:', '  api:', '    build: ./api'], files: {} },
    {
      name: 'opt-in tooling profile and no network: a one-off task (deviantony/docker-elk setup)',
      code: ['services:', '  setup:', '    profiles:', '      - setup', '    build: setup/', '  genkeys:', '    build: kibana/', '    network_mode: none'],
      files: { 'setup/Dockerfile': ['FROM alpine:3.20', 'ENTRYPOINT ["/entrypoint.sh"]'], 'kibana/Dockerfile': ['FROM alpine:3.20'] },
    },
  ],
  invalid: [
    {
      name: 'disable: true over a Dockerfile HEALTHCHECK: the fix removes the override',
      code: ['services:', '  api:', '    build: .', '    healthcheck:', '      disable: true', '    restart: unless-stopped'],
      files: { Dockerfile: ['FROM node:22-slim', 'HEALTHCHECK CMD ["node", "healthcheck.js"]'] },
      errors: [
        {
          messageId: 'disabledOverridesDockerfile',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 20,
          related: [{ file: 'Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 43 }],
        },
      ],
      output: ['services:', '  api:', '    build: .', '    restart: unless-stopped'],
    },
    {
      name: 'test: ["NONE"] without a Dockerfile HEALTHCHECK: no fix',
      code: ['services:', '  web:', '    image: nginx:1.27', '    healthcheck:', '      test: ["NONE"]'],
      errors: [{ messageId: 'disabled', line: 5, column: 7, endLine: 5, endColumn: 21 }],
      output: null,
    },
    {
      name: 'defined in neither file',
      code: ['services:', '  api:', '    build:', '      context: ./api'],
      files: { 'api/Dockerfile': ['FROM python:3.12-slim', 'CMD ["gunicorn", "app:app"]'] },
      errors: [
        {
          messageId: 'missingBuilt',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          related: [{ file: 'api/Dockerfile', line: 1, column: 1, endLine: 1, endColumn: 22 }],
        },
      ],
      output: null,
    },
    {
      name: 'HEALTHCHECK NONE in the Dockerfile and nothing in Compose',
      code: ['services:', '  api:', '    build: .'],
      files: { Dockerfile: ['FROM example/base:2.1', 'HEALTHCHECK NONE'] },
      errors: [
        {
          messageId: 'missingBuilt',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          related: [{ file: 'Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 17 }],
        },
      ],
      output: null,
    },
    {
      name: 'image-only service publishing ports',
      code: ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "127.0.0.1:8080:80"'],
      errors: [{ messageId: 'missingImage', line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: null,
    },
  ],
});
