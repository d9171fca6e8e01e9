// Host paths of Compose mounts (mountHostPath, normaliseHostPath, hostSocket): what the socket,
// sensitive-mount and bind-mount rules read. The rules' tables cover the findings; this pins the
// model answers, including the unknown cases.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeModel, hostSocket, mountHostPath, normaliseHostPath } from '../../server/src/engine/model/compose';

const hostPaths = (volumes: readonly string[], env?: Record<string, string>) =>
  buildComposeModel(['services:', '  web:', '    volumes:', ...volumes].join('\n') + '\n', env ? { env } : {})
    .service('web')!
    .volumes()
    .map((m) => mountHostPath(m) ?? null);

describe('compose model: mount host paths', () => {
  it('short and long syntax, npipe, normalised', () => {
    assert.deepEqual(
      hostPaths([
        '      - /var/run/docker.sock:/var/run/docker.sock:ro',
        '      - /etc//ssh/:/x',
        '      - data:/data',
        '      - /anonymous',
        '      - type: bind',
        '        source: ./conf/',
        '        target: /conf',
        '      - type: npipe',
        '        source: \\\\.\\pipe\\docker_engine',
        '        target: \\\\.\\pipe\\docker_engine',
        '      - type: volume',
        '        source: db',
        '        target: /db',
      ]),
      [
        { path: '/var/run/docker.sock', known: true },
        { path: '/etc/ssh', known: true },
        null,
        null,
        { path: './conf', known: true },
        { path: '//./pipe/docker_engine', known: true },
        null,
      ],
    );
  });

  it('interpolation: defaults and env are known; an unset variable keeps the raw text as unknown', () => {
    assert.deepEqual(
      hostPaths(
        [
          '      - ${SOCK:-/run/docker.sock}:/var/run/docker.sock',
          '      - ${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock',
          '      - ${DATA}:/data',
          '      - ${HOME}/.ssh:/root/.ssh',
        ],
        { HOME: '/home/me' },
      ),
      [
        { path: '/run/docker.sock', known: true },
        { path: '${XDG_RUNTIME_DIR}/docker.sock', known: false },
        { path: '${DATA}', known: false },
        { path: '/home/me/.ssh', known: true },
      ],
    );
  });

  it('normaliseHostPath keeps roots and drive letters', () => {
    assert.deepEqual(['/', '//./pipe/x', 'C:\\', 'C:\\data\\', '/a//b/'].map(normaliseHostPath), ['/', '//./pipe/x', 'C:/', 'C:/data', '/a/b']);
  });

  it('hostSocket: socket files by literal name, pipes, socket directories only when known', () => {
    assert.deepEqual(
      [
        hostSocket('/var/run/docker.sock', true),
        hostSocket('${X}/docker.sock', false),
        hostSocket('${SOCK}', false),
        hostSocket('//./pipe/docker_engine', true),
        hostSocket('/run/containerd/containerd.sock', true),
        hostSocket('/var/run', true),
        hostSocket('/var/run', false),
        hostSocket('/var/run/postgresql', true),
      ],
      [
        { runtime: 'docker', directory: false },
        { runtime: 'docker', directory: false },
        undefined,
        { runtime: 'docker', directory: false },
        { runtime: 'containerd', directory: false },
        { runtime: 'docker', directory: true },
        undefined,
        undefined,
      ],
    );
  });
});
