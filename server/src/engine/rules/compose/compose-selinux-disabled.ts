import { defineRule } from '../../rule';
import { removeSeqItem, securityOptions } from '../../model/compose';

/** `label:disable` (or the unconfined `spc_t` type) turns off SELinux separation between containers. */
export default defineRule({
  meta: {
    id: 'compose-selinux-disabled',
    kind: 'compose',
    title: 'Do not disable SELinux separation',
    severity: 'high',
    category: 'privilege',
    messages: {
      disabled:
        '{option} turns off SELinux labelling for the container: on an SELinux host its processes are no longer confined to container_t and can read and write whatever the host policy lets an unconfined process touch. Remove it; to share host files relabel the mount (:z / :Z) instead.',
      superPrivileged:
        '{option} runs the container as spc_t, the unconfined "super privileged container" type: SELinux no longer separates it from the host. Remove it, or use a custom type written for this service.',
      fix: 'Remove {option} (check that volumes are relabelled with :z or :Z if the service reads host files)',
    },
    // Unsafe: bind mounts that were readable only because labelling was off need :z/:Z first.
    fix: 'unsafe',
    checklist: ['security-profiles'],
    references: [
      { tool: 'semgrep', id: 'selinux-separation-disabled', match: 'same' },
      { tool: 'cis', id: '5.3', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const o of securityOptions(service).options) {
        if (o.key !== 'label') continue;
        const value = o.value?.replace(/\s+/g, '');
        // The daemon reads `label=type:spc_t` as the SELinux type of the process.
        const messageId = value === 'disable' ? 'disabled' : value === 'type:spc_t' ? 'superPrivileged' : undefined;
        if (!messageId) continue;
        const owner = o.owner;
        report({
          file: o.node.file,
          range: o.node.range,
          messageId,
          data: { option: `label${o.separator ?? ':'}${o.value ?? ''}` },
          fix: () => (owner ? [removeSeqItem(model, owner.seq, o.node, owner.pair)].filter((e) => e !== undefined) : []),
        });
      }
    }
  },
});
