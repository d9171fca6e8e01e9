import { defineRule } from '../../rule';
import { namespaceMode } from '../../model/compose';

/** Keys whose value can name another container whose namespace this one joins. */
const KEYS = [
  ['network_mode', 'network'],
  ['pid', 'pid'],
  ['ipc', 'ipc'],
] as const;

/** Joining another container's namespace removes the isolation between the two containers. */
export default defineRule({
  meta: {
    id: 'compose-shared-namespace',
    kind: 'compose',
    title: "Join another container's namespace only when the pair is meant to be one unit",
    severity: 'low',
    category: 'network',
    messages: {
      network:
        "network_mode: {value} puts this service in the network namespace of {target}: the two share interfaces, ports and localhost, so each can reach the other's local-only listeners and a compromise of one is on the other's network. Keep it for a deliberate sidecar (VPN, proxy); otherwise use a shared user-defined network.",
      pid: "pid: {value} puts this service in the PID namespace of {target}: each sees and can signal the other's processes and, with SYS_PTRACE, read their memory and environment. Keep it only for a debugging or sidecar pair.",
      ipc: "ipc: {value} shares the IPC namespace of {target}: both can read and write each other's shared memory and message queues. Keep it only when the two exchange data through shared memory.",
    },
    checklist: ['network-segmentation'],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const [key, messageId] of KEYS) {
        const ns = namespaceMode(service, key);
        if (ns?.mode !== 'service' && ns?.mode !== 'container') continue;
        const target = ns.mode === 'service' ? `service "${ns.target ?? ''}"` : `container "${ns.target ?? ''}"`;
        report({ file: ns.pair.file, range: ns.pair.range, messageId, data: { value: ns.value, target } });
      }
    }
  },
});
