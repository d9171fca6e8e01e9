import { defineRule } from '../../rule';
import { hostSocket, mountHostPath, mountSourceRange } from '../../model/compose';

/** The Docker API socket is root on the host: any process in the container can start a privileged container. */
export default defineRule({
  meta: {
    id: 'compose-docker-socket',
    kind: 'compose',
    title: 'Do not mount the Docker socket into a container',
    severity: 'critical',
    category: 'privilege',
    messages: {
      socket:
        'The Docker API socket ({path}) is mounted: anyone who gets code execution in this container controls the Docker daemon and so root on the host, read-only or not. Remove the mount; if the service must see containers, put a filtering proxy (e.g. a docker-socket-proxy allowing only the calls it needs) in front of the socket.',
      directory:
        '{path} holds the Docker API socket (docker.sock): mounting the directory hands the container control of the Docker daemon and so root on the host. Mount only the files the service needs.',
    },
    checklist: ['no-host-mounts'],
    references: [
      { tool: 'kics', id: 'd6355c88', match: 'same' },
      { tool: 'semgrep', id: 'exposing-docker-socket-volume', match: 'same' },
      { tool: 'cis', id: '5.32', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const m of service.volumes()) {
        const host = mountHostPath(m);
        const socket = host && hostSocket(host.path, host.known);
        if (socket?.runtime !== 'docker') continue;
        report({ ...mountSourceRange(m), messageId: socket.directory ? 'directory' : 'socket', data: { path: host?.path ?? '' } });
      }
    }
  },
});
