import { defineRule } from '../../rule';
import { namespaceMode } from '../../model/compose';

/** `ipc: host` shares the host's System V IPC objects and POSIX message queues with the container. */
export default defineRule({
  meta: {
    id: 'compose-host-ipc',
    kind: 'compose',
    title: 'Do not share the host IPC namespace',
    severity: 'high',
    category: 'privilege',
    messages: {
      host: "ipc: host puts the container in the host's IPC namespace: it can read and write the shared-memory segments, semaphores and message queues of host processes (databases, X servers, other containers with ipc: host) and exhaust the host's IPC limits. Remove it; containers that share memory with each other can use ipc: shareable and ipc: service:<name>.",
    },
    // No checklist item covers namespaces: least-privilege is about capabilities and privileged.
    checklist: [],
    references: [
      { tool: 'kics', id: 'baa3890f', match: 'same' },
      { tool: 'cis', id: '5.17', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const ns = namespaceMode(service, 'ipc');
      if (ns?.mode === 'host') report({ file: ns.pair.file, range: ns.pair.range, messageId: 'host' });
    }
  },
});
