import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-sensitive-mount';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - ./html:/usr/share/nginx/html:ro'],
    {
      name: 'single host files commonly shared read-only',
      code: [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    volumes:',
        '      - /etc/localtime:/etc/localtime:ro',
        '      - /etc/timezone:/etc/timezone:ro',
      ],
    },
    {
      name: 'named volumes mounted at system paths',
      code: [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    volumes:',
        '      - etc:/etc',
        '      - type: volume',
        '        source: varlib',
        '        target: /var/lib/postgresql/data',
        'volumes:',
        '  etc: {}',
        '  varlib: {}',
      ],
    },
    { name: 'an unknown host path', code: ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - ${HOST_DIR}:/data'] },
    {
      name: 'known_hosts and public keys are not secrets',
      code: [
        'services:',
        '  git:',
        '    image: alpine/git:2.45',
        '    volumes:',
        '      - ~/.ssh/known_hosts:/root/.ssh/known_hosts:ro',
        '      - ~/.ssh/id_ed25519.pub:/keys/id.pub:ro',
      ],
    },
    {
      name: 'the Docker socket belongs to compose-docker-socket',
      code: [
        'services:',
        '  agent:',
        '    image: example/agent:1',
        '    volumes:',
        '      - /var/run/docker.sock:/var/run/docker.sock',
        '      - ~/.docker/run/docker.sock:/var/run/docker.sock',
      ],
    },
    {
      name: 'host subdirectories of /var and /srv',
      code: ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - /var/www/html:/usr/share/nginx/html:ro', '      - /srv/data:/data'],
    },
  ],
  invalid: [
    {
      code: ['services:', '  exporter:', '    image: prom/node-exporter:v1.8.2', '    volumes:', '      - /:/host:ro,rslave'],
      errors: [{ messageId: 'system', data: { path: '/' }, line: 5, column: 9, endLine: 5, endColumn: 26 }],
    },
    {
      name: 'kernel interfaces',
      code: [
        'services:',
        '  exporter:',
        '    image: prom/node-exporter:v1.8.2',
        '    volumes:',
        '      - /proc:/host/proc:ro',
        '      - /sys/fs/cgroup:/sys/fs/cgroup:ro',
      ],
      errors: [
        { messageId: 'system', data: { path: '/proc' }, line: 5, column: 9, endLine: 5, endColumn: 28 },
        { messageId: 'system', data: { path: '/sys/fs/cgroup' }, line: 6, column: 9, endLine: 6, endColumn: 41 },
      ],
    },
    {
      name: 'trailing slash and long syntax',
      code: [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    volumes:',
        '      - type: bind',
        '        source: /etc/',
        '        target: /host/etc',
        '        read_only: true',
      ],
      errors: [{ messageId: 'system', data: { path: '/etc' }, line: 6, column: 9, endLine: 6, endColumn: 22 }],
    },
    {
      name: 'kernel modules, writable',
      code: ['services:', '  wireguard:', '    image: linuxserver/wireguard:1.0', '    volumes:', '      - /lib/modules:/lib/modules'],
      errors: [{ messageId: 'system', data: { path: '/lib/modules' }, line: 5, column: 9, endLine: 5, endColumn: 34 }],
    },
    {
      name: 'host secrets under /etc',
      code: ['services:', '  app:', '    image: example/app:1', '    volumes:', '      - /etc/shadow:/etc/shadow:ro'],
      errors: [{ messageId: 'system', data: { path: '/etc/shadow' }, line: 5, column: 9, endLine: 5, endColumn: 35 }],
    },
    {
      name: 'SSH keys from the home directory',
      code: ['services:', '  deploy:', '    image: example/deploy:1', '    volumes:', '      - ~/.ssh:/root/.ssh:ro'],
      errors: [{ messageId: 'credentials', data: { path: '~/.ssh' }, line: 5, column: 9, endLine: 5, endColumn: 29 }],
    },
    {
      name: 'Docker client config (registry credentials) under an unset HOME',
      code: ['services:', '  ci:', '    image: example/ci:1', '    volumes:', '      - ${HOME}/.docker:/root/.docker'],
      errors: [{ messageId: 'credentials', data: { path: '${HOME}/.docker' }, line: 5, column: 9, endLine: 5, endColumn: 38 }],
    },
    {
      name: 'cloud credentials file',
      code: ['services:', '  app:', '    image: example/app:1', '    volumes:', '      - /home/me/.aws/credentials:/root/.aws/credentials:ro'],
      errors: [{ messageId: 'credentials', data: { path: '/home/me/.aws/credentials' }, line: 5, column: 9, endLine: 5, endColumn: 60 }],
    },
    {
      name: 'interpolation default',
      code: ['services:', '  app:', '    image: example/app:1', '    volumes:', '      - ${HOST_ROOT:-/}:/host'],
      errors: [{ messageId: 'system', data: { path: '/' }, line: 5, column: 9, endLine: 5, endColumn: 30 }],
    },
    {
      name: 'set in the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  app:', '    volumes:', '      - /var/lib/docker:/var/lib/docker'],
      files: { 'compose.yaml': ['services:', '  app:', '    image: example/app:1'] },
      errors: [{ messageId: 'system', data: { path: '/var/lib/docker' }, line: 4, column: 9, endLine: 4, endColumn: 40 }],
    },
  ],
});
