import { defineRule } from '../../rule';
import { namespaceMode } from '../../model/compose';

/** `pid: host` shows the container every host process and lets it signal or trace them. */
export default defineRule({
  meta: {
    id: 'compose-host-pid',
    kind: 'compose',
    title: 'Do not share the host PID namespace',
    severity: 'high',
    category: 'privilege',
    messages: {
      host: "pid: host puts the container in the host's PID namespace: it sees every host process with its command line and environment (/proc/<pid>/environ often holds secrets), can signal processes of the same UID and, with SYS_PTRACE, attach to them and reach the host filesystem through /proc/<pid>/root. Remove it; monitoring agents that need it belong on the host.",
    },
    // No fix: a service with pid: host was usually written to inspect the host (monitoring).
    // No checklist item covers namespaces: least-privilege is about capabilities and privileged.
    checklist: [],
    references: [
      { tool: 'kics', id: '4f31dd9f', match: 'same' },
      { tool: 'cis', id: '5.16', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const ns = namespaceMode(service, 'pid');
      if (ns?.mode === 'host') report({ file: ns.pair.file, range: ns.pair.range, messageId: 'host' });
    }
  },
});
