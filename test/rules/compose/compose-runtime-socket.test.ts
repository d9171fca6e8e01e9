import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/compose/compose-runtime-socket';

ruleTester.run(rule, {
  valid: [
    ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - ./html:/usr/share/nginx/html:ro'],
    {
      name: 'docker.sock belongs to compose-docker-socket',
      code: ['services:', '  agent:', '    image: example/agent:1', '    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock'],
    },
    { name: 'use_api_socket: false', code: ['services:', '  web:', '    image: nginx:1.27', '    use_api_socket: false'] },
    { name: 'an unset variable is unknown', code: ['services:', '  web:', '    image: nginx:1.27', '    use_api_socket: ${API_SOCKET}'] },
    {
      name: 'a named volume called containerd',
      code: ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - containerd:/run/containerd', 'volumes:', '  containerd: {}'],
    },
  ],
  invalid: [
    {
      code: ['services:', '  agent:', '    image: example/agent:1', '    volumes:', '      - /run/containerd/containerd.sock:/run/containerd/containerd.sock'],
      errors: [
        { messageId: 'socket', data: { runtime: 'containerd', path: '/run/containerd/containerd.sock' }, line: 5, column: 9, endLine: 5, endColumn: 72 },
      ],
    },
    {
      name: 'rootless Podman socket under an unset variable',
      code: ['services:', '  ci:', '    image: example/runner:1', '    volumes:', '      - ${XDG_RUNTIME_DIR}/podman/podman.sock:/var/run/docker.sock'],
      errors: [
        { messageId: 'socket', data: { runtime: 'podman', path: '${XDG_RUNTIME_DIR}/podman/podman.sock' }, line: 5, column: 9, endLine: 5, endColumn: 67 },
      ],
    },
    {
      name: 'CRI-O socket, long syntax',
      code: [
        'services:',
        '  agent:',
        '    image: example/agent:1',
        '    volumes:',
        '      - type: bind',
        '        source: /var/run/crio/crio.sock',
        '        target: /var/run/crio/crio.sock',
        '        read_only: true',
      ],
      errors: [{ messageId: 'socket', data: { runtime: 'cri-o', path: '/var/run/crio/crio.sock' }, line: 6, column: 9, endLine: 6, endColumn: 40 }],
    },
    {
      name: 'the containerd state directory',
      code: ['services:', '  agent:', '    image: example/agent:1', '    volumes:', '      - /run/containerd:/run/containerd'],
      errors: [{ messageId: 'directory', data: { runtime: 'containerd', path: '/run/containerd' }, line: 5, column: 9, endLine: 5, endColumn: 40 }],
    },
    {
      name: 'use_api_socket',
      code: ['services:', '  builder:', '    image: docker:27-cli', '    use_api_socket: true'],
      errors: [{ messageId: 'apiSocket', line: 4, column: 5, endLine: 4, endColumn: 25 }],
    },
    {
      name: 'use_api_socket set in the override file',
      path: 'compose.override.yaml',
      code: ['services:', '  builder:', '    use_api_socket: true'],
      files: { 'compose.yaml': ['services:', '  builder:', '    image: docker:27-cli'] },
      errors: [{ messageId: 'apiSocket', line: 3, column: 5, endLine: 3, endColumn: 25 }],
    },
  ],
});
