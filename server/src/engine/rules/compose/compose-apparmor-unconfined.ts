import { defineRule } from '../../rule';
import { removeSeqItem, securityOptions } from '../../model/compose';

/** `apparmor:unconfined` removes the mandatory-access-control profile Docker applies by default. */
export default defineRule({
  meta: {
    id: 'compose-apparmor-unconfined',
    kind: 'compose',
    title: 'Do not disable the AppArmor profile',
    severity: 'high',
    category: 'privilege',
    messages: {
      unconfined:
        '{option} runs the container without the docker-default AppArmor profile, which denies mounts, writes to /proc and /sys and raw access to kernel interfaces: a process that gains capabilities meets no second barrier. Remove it, or load a custom profile for the service (apparmor=<profile>).',
      fix: 'Remove {option} (check that the service works under docker-default)',
    },
    // Unsafe: a service that mounts filesystems or writes to /proc/sys stops working.
    fix: 'unsafe',
    checklist: ['security-profiles'],
    references: [{ tool: 'cis', id: '5.2', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const o of securityOptions(service).options) {
        if (o.key !== 'apparmor' || o.value !== 'unconfined') continue;
        const owner = o.owner;
        report({
          file: o.node.file,
          range: o.node.range,
          messageId: 'unconfined',
          data: { option: `apparmor${o.separator ?? ':'}unconfined` },
          fix: () => (owner ? [removeSeqItem(model, owner.seq, o.node, owner.pair)].filter((e) => e !== undefined) : []),
        });
      }
    }
  },
});
