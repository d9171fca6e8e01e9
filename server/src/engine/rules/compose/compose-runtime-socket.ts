import { defineRule } from '../../rule';
import { hostSocket, mountHostPath, mountSourceRange } from '../../model/compose';

/** containerd, Podman, CRI-O and BuildKit sockets (and Compose's `use_api_socket`) give the same host control as docker.sock. */
export default defineRule({
  meta: {
    id: 'compose-runtime-socket',
    kind: 'compose',
    title: 'Do not expose a container runtime API to a container',
    severity: 'critical',
    category: 'privilege',
    messages: {
      socket:
        'The {runtime} API socket ({path}) is mounted: a process in this container can start privileged containers and so take over the host. Remove the mount.',
      directory:
        '{path} holds the {runtime} API socket: mounting the directory hands the container control of the runtime and so root on the host. Mount only the files the service needs.',
      apiSocket:
        'use_api_socket: true gives the container the Docker Engine API socket (and your registry credentials): code in it can start privileged containers on the host. Remove it unless the service is a trusted Docker tool.',
    },
    checklist: ['no-host-mounts'],
    references: [{ tool: 'cis', id: '5.32', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const api = service.get('use_api_socket');
      if (api && service.bool('use_api_socket') === true) report({ file: api.file, range: api.range, messageId: 'apiSocket' });
      for (const m of service.volumes()) {
        const host = mountHostPath(m);
        const socket = host && hostSocket(host.path, host.known);
        if (!host || !socket || socket.runtime === 'docker') continue;
        report({ ...mountSourceRange(m), messageId: socket.directory ? 'directory' : 'socket', data: { runtime: socket.runtime, path: host.path } });
      }
    }
  },
});
