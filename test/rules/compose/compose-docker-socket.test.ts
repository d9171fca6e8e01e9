import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-docker-socket';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - ./html:/usr/share/nginx/html:ro'],
    {
      name: 'a named volume called docker_sock is not the socket',
      code: ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - docker_sock:/data', 'volumes:', '  docker_sock: {}'],
    },
    {
      name: 'the socket path as a container target only',
      code: ['services:', '  dind:', '    image: docker:27-dind', '    volumes:', '      - certs:/var/run/docker.sock.d', 'volumes:', '  certs: {}'],
    },
    {
      name: 'an unset variable as the whole host path is unknown',
      code: ['services:', '  agent:', '    image: portainer/agent:2.21', '    volumes:', '      - ${DOCKER_SOCKET}:/var/run/docker.sock'],
    },
    {
      name: 'a subdirectory of /var/run is not the socket',
      code: ['services:', '  db:', '    image: postgres:16', '    volumes:', '      - /var/run/postgresql:/var/run/postgresql'],
    },
    {
      name: 'runtime sockets belong to compose-runtime-socket',
      code: ['services:', '  agent:', '    image: example/agent:1', '    volumes:', '      - /run/containerd/containerd.sock:/run/containerd/containerd.sock'],
    },
  ],
  invalid: [
    {
      code: ['services:', '  traefik:', '    image: traefik:v3.1', '    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock:ro'],
      errors: [{ messageId: 'socket', data: { path: '/var/run/docker.sock' }, line: 5, column: 9, endLine: 5, endColumn: 53 }],
    },
    {
      name: '/run/docker.sock, quoted',
      code: ['services:', '  watchtower:', '    image: containrrr/watchtower:1.7.1', '    volumes:', '      - "/run/docker.sock:/var/run/docker.sock"'],
      errors: [{ messageId: 'socket', data: { path: '/run/docker.sock' }, line: 5, column: 9, endLine: 5, endColumn: 48 }],
    },
    {
      name: 'long syntax: reported on source',
      code: [
        'services:',
        '  agent:',
        '    image: portainer/agent:2.21',
        '    volumes:',
        '      - type: bind',
        '        source: /var/run/docker.sock',
        '        target: /var/run/docker.sock',
      ],
      errors: [{ messageId: 'socket', data: { path: '/var/run/docker.sock' }, line: 6, column: 9, endLine: 6, endColumn: 37 }],
    },
    {
      name: 'Windows named pipe',
      code: [
        'services:',
        '  agent:',
        '    image: portainer/agent:2.21',
        '    volumes:',
        '      - type: npipe',
        '        source: \\\\.\\pipe\\docker_engine',
        '        target: \\\\.\\pipe\\docker_engine',
      ],
      errors: [{ messageId: 'socket', data: { path: '//./pipe/docker_engine' }, line: 6, column: 9, endLine: 6, endColumn: 39 }],
    },
    {
      name: 'Windows named pipe, short syntax',
      code: ['services:', '  agent:', '    image: portainer/agent:2.21', '    volumes:', '      - //./pipe/docker_engine://./pipe/docker_engine'],
      errors: [{ messageId: 'socket', data: { path: '//./pipe/docker_engine' }, line: 5, column: 9, endLine: 5, endColumn: 54 }],
    },
    {
      name: 'rootless socket under an unset variable: the literal file name decides',
      code: ['services:', '  ci:', '    image: example/runner:1', '    volumes:', '      - ${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock'],
      errors: [{ messageId: 'socket', data: { path: '${XDG_RUNTIME_DIR}/docker.sock' }, line: 5, column: 9, endLine: 5, endColumn: 60 }],
    },
    {
      name: 'interpolation default is used',
      code: ['services:', '  ci:', '    image: example/runner:1', '    volumes:', '      - ${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock'],
      errors: [{ messageId: 'socket', data: { path: '/var/run/docker.sock' }, line: 5, column: 9, endLine: 5, endColumn: 66 }],
    },
    {
      name: 'a variable supplied by the host (.env) is known',
      code: ['services:', '  ci:', '    image: example/runner:1', '    volumes:', '      - ${DOCKER_SOCK}:/var/run/docker.sock:ro'],
      env: { DOCKER_SOCK: '/var/run/docker.sock' },
      errors: [{ messageId: 'socket', data: { path: '/var/run/docker.sock' }, line: 5, column: 9, endLine: 5, endColumn: 47 }],
    },
    {
      name: 'Docker Desktop socket in the home directory',
      code: ['services:', '  ci:', '    image: example/runner:1', '    volumes:', '      - ~/.docker/run/docker.sock:/var/run/docker.sock'],
      errors: [{ messageId: 'socket', data: { path: '~/.docker/run/docker.sock' }, line: 5, column: 9, endLine: 5, endColumn: 55 }],
    },
    {
      name: 'the directory holding the socket',
      code: ['services:', '  agent:', '    image: example/agent:1', '    volumes:', '      - /var/run:/host/var/run:ro'],
      errors: [{ messageId: 'directory', data: { path: '/var/run' }, line: 5, column: 9, endLine: 5, endColumn: 34 }],
    },
    {
      name: 'merged from an anchor: reported once, in the anchor',
      code: [
        'x-sock: &sock',
        '  volumes:',
        '    - /var/run/docker.sock:/var/run/docker.sock',
        'services:',
        '  a:',
        '    <<: *sock',
        '    image: example/a:1',
        '  b:',
        '    <<: *sock',
        '    image: example/b:1',
      ],
      errors: [{ messageId: 'socket', data: { path: '/var/run/docker.sock' }, line: 3, column: 7, endLine: 3, endColumn: 48 }],
    },
    {
      name: 'added by the override file: reported there',
      path: 'compose.override.yaml',
      code: ['services:', '  web:', '    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock'],
      files: { 'compose.yaml': ['services:', '  web:', '    image: nginx:1.27'] },
      errors: [{ messageId: 'socket', data: { path: '/var/run/docker.sock' }, line: 4, column: 9, endLine: 4, endColumn: 50 }],
    },
  ],
});
