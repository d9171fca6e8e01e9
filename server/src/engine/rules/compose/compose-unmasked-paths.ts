import { defineRule } from '../../rule';
import { securityOptions } from '../../model/compose';

/** `systempaths=unconfined` removes the masks and read-only mounts Docker puts over /proc and /sys. */
export default defineRule({
  meta: {
    id: 'compose-unmasked-paths',
    kind: 'compose',
    title: 'Keep /proc and /sys paths masked',
    severity: 'high',
    category: 'privilege',
    messages: {
      unmasked:
        'systempaths=unconfined removes the masks over /proc/kcore, /proc/keys, /proc/timer_list, /sys/firmware and the read-only mounts of /proc/sys, /proc/sysrq-trigger and /proc/irq: the container can read kernel memory and keys and, with root, change host kernel settings. Remove it; rootless nested sandboxes (BuildKit, bubblewrap) are the only usual need, and there it should be paired with a non-root user.',
    },
    // No fix: the option is chosen for nested sandboxes that stop working without it.
    checklist: ['security-profiles'],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const o of securityOptions(service).options) {
        // Compose recognises only this exact spelling (compose pkg/compose/create.go parseSecurityOpts).
        if (o.key === 'systempaths' && o.separator === '=' && o.value === 'unconfined')
          report({ file: o.node.file, range: o.node.range, messageId: 'unmasked' });
      }
    }
  },
});
