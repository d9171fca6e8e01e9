import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-writable-rootfs';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    read_only: true'],
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    read_only: ${READ_ONLY}'] },
    { name: 'variable default true', code: ['services:', '  web:', '    image: nginx:1.27', '    read_only: ${READ_ONLY:-true}'] },
    { name: 'from an anchor', code: ['x-hardened: &hardened', '  read_only: true', 'services:', '  web:', '    <<: *hardened', '    image: nginx:1.27'] },
    {
      name: 'from the override file',
      code: ['services:', '  web:', '    image: nginx:1.27'],
      files: { 'compose.override.yaml': ['services:', '  web:', '    read_only: true'] },
    },
    {
      name: 'a Dev Container is a development machine',
      path: '.devcontainer/docker-compose.yml',
      code: ['services:', '  app:', '    image: mcr.microsoft.com/devcontainers/base:bookworm'],
    },
  ],
  invalid: [
    {
      code: ['services:', '  app:', '    image: example/app:1'],
      errors: [{ messageId: 'missing', data: { service: 'app', paths: '/tmp' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: ['services:', '  app:', '    image: example/app:1', '    read_only: true', '    tmpfs:', '      - /tmp'],
    },
    {
      name: 'nginx gets its cache and pid directories',
      code: ['services:', '  web:', '    image: nginx:1.27-alpine', '    ports:', '      - "8080:80"'],
      errors: [{ messageId: 'missing', data: { service: 'web', paths: '/tmp, /var/cache/nginx, /var/run' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: [
        'services:',
        '  web:',
        '    image: nginx:1.27-alpine',
        '    ports:',
        '      - "8080:80"',
        '    read_only: true',
        '    tmpfs:',
        '      - /tmp',
        '      - /var/cache/nginx',
        '      - /var/run',
      ],
    },
    {
      name: 'postgres: the data volume stays, the socket directory becomes a tmpfs',
      code: ['services:', '  db:', '    image: postgres:16', '    volumes:', '      - pgdata:/var/lib/postgresql/data', 'volumes:', '  pgdata: {}'],
      errors: [{ messageId: 'missing', data: { service: 'db', paths: '/tmp, /var/run/postgresql' }, line: 2, column: 3, endLine: 2, endColumn: 5 }],
      output: [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    volumes:',
        '      - pgdata:/var/lib/postgresql/data',
        '    read_only: true',
        '    tmpfs:',
        '      - /tmp',
        '      - /var/run/postgresql',
        'volumes:',
        '  pgdata: {}',
      ],
    },
    {
      name: 'an existing tmpfs list is kept as it is',
      code: ['services:', '  app:', '    image: example/app:1', '    tmpfs:', '      - /tmp', '      - /cache'],
      errors: [{ messageId: 'missing', data: { service: 'app', paths: '/tmp' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: ['services:', '  app:', '    image: example/app:1', '    tmpfs:', '      - /tmp', '      - /cache', '    read_only: true'],
    },
    {
      name: 'read_only: false is flipped and /tmp added',
      code: ['services:', '  app:', '    image: example/app:1', '    read_only: false # TODO'],
      errors: [{ messageId: 'writable', data: { service: 'app', paths: '/tmp' }, line: 4, column: 5, endLine: 4, endColumn: 21 }],
      output: ['services:', '  app:', '    image: example/app:1', '    read_only: true # TODO', '    tmpfs:', '      - /tmp'],
    },
    {
      name: 'CRLF-neutral: four-space indentation is kept',
      code: ['services:', '    app:', '        image: example/app:1'],
      errors: [{ messageId: 'missing', data: { service: 'app', paths: '/tmp' }, line: 2, column: 5, endLine: 2, endColumn: 8 }],
      output: ['services:', '    app:', '        image: example/app:1', '        read_only: true', '        tmpfs:', '            - /tmp'],
    },
    {
      name: 'a service only in the override file is reported and fixed there',
      path: 'compose.override.yaml',
      code: ['services:', '  debug:', '    image: busybox:1.36'],
      files: { 'compose.yaml': ['services:', '  app:', '    image: example/app:1', '    read_only: true'] },
      errors: [{ messageId: 'missing', data: { service: 'debug', paths: '/tmp' }, line: 2, column: 3, endLine: 2, endColumn: 8 }],
      output: ['services:', '  debug:', '    image: busybox:1.36', '    read_only: true', '    tmpfs:', '      - /tmp'],
    },
    {
      name: 'a base service is reported on its key in the base file; the fix goes there',
      code: ['services:', '  app:', '    image: example/app:1'],
      files: { 'compose.override.yaml': ['services:', '  app:', '    environment:', '      DEBUG: "1"'] },
      errors: [{ messageId: 'missing', data: { service: 'app', paths: '/tmp' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: ['services:', '  app:', '    image: example/app:1', '    read_only: true', '    tmpfs:', '      - /tmp'],
    },
  ],
});
