import { defineRule } from '../../rule';
import { sensitiveVolume } from '../../model/paths';

/** VOLUME of a runtime socket, `/` or a kernel filesystem: an invitation to bind-mount the host's control plane into the container. */
export default defineRule({
  meta: {
    id: 'volume-sensitive-path',
    kind: 'dockerfile',
    title: 'Do not declare the Docker socket, /, /dev, /proc or /sys as a VOLUME',
    severity: 'high',
    category: 'privilege',
    messages: {
      socket:
        'VOLUME {path} declares a container-runtime socket: the image expects the host socket mounted there, and whoever can talk to it controls every container on the host (root on the host). Remove it and give the container a narrower API (a socket proxy with an allow-list) if it really needs one.',
      root: 'VOLUME / makes the whole root filesystem a volume: the image expects host data mounted over its OS, and every container writes outside the image. Declare only the data directories the application writes.',
      kernel:
        "VOLUME {path} declares a path in the kernel filesystem {dir}: the image expects the host's files mounted there, which exposes host devices or kernel settings to the container. Remove it; grant the specific device or setting at run time if it is really needed.",
    },
    checklist: ['minimal-attack-surface'],
    references: [
      { tool: 'semgrep', id: 'dockerfile-dockerd-socket-mount', match: 'partial' },
      { tool: 'cis', id: '5.6', match: 'inspired' },
      { tool: 'cis', id: '5.32', match: 'inspired' },
      { tool: 'dockle', id: 'DKL-DI-0002', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'VOLUME') continue;
      for (const arg of ins.jsonForm ? ins.jsonArgs : ins.args) {
        const path = model.resolve(arg.value, ins);
        const hit = path === undefined ? undefined : sensitiveVolume(path);
        if (hit)
          report({
            range: arg.range,
            messageId: hit.kind,
            data: hit.kind === 'root' ? {} : hit.kind === 'socket' ? { path: path as string } : { path: path as string, dir: hit.dir },
          });
      }
    }
  },
});
