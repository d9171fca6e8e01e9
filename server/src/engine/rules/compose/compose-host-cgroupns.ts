import { defineRule } from '../../rule';
import { namespaceMode } from '../../model/compose';

/** `cgroup: host` shows the container the host's whole cgroup hierarchy. */
export default defineRule({
  meta: {
    id: 'compose-host-cgroupns',
    kind: 'compose',
    title: 'Do not share the host cgroup namespace',
    severity: 'medium',
    category: 'privilege',
    messages: {
      host: "cgroup: host puts the container in the host's cgroup namespace: /proc/self/cgroup and /sys/fs/cgroup show the host's full hierarchy (every container's and service's cgroup paths), and a writable cgroup mount lets it move processes or change other cgroups' limits. Remove it (or set cgroup: private); systemd-in-container images work with a private cgroup namespace on cgroup v2.",
    },
    // No checklist item covers namespaces: least-privilege is about capabilities and privileged.
    checklist: [],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const ns = namespaceMode(service, 'cgroup');
      if (ns?.mode === 'host') report({ file: ns.pair.file, range: ns.pair.range, messageId: 'host' });
    }
  },
});
