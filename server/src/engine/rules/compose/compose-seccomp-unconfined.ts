import { defineRule } from '../../rule';
import { removeSeqItem, securityOptions } from '../../model/compose';

/** `seccomp:unconfined` removes the syscall filter that blocks most kernel attack surface. */
export default defineRule({
  meta: {
    id: 'compose-seccomp-unconfined',
    kind: 'compose',
    title: 'Do not disable the seccomp profile',
    severity: 'high',
    category: 'privilege',
    messages: {
      unconfined:
        "{option} turns off Docker's default seccomp profile: every system call (bpf, keyctl, userfaultfd, unshare, kexec_load, …) reaches the kernel, so a kernel bug is one call away from a container escape. Remove it; if the service needs a specific call, use a custom profile (seccomp=./profile.json) that allows only that one.",
      fix: 'Remove {option} (check that the service starts under the default profile)',
    },
    // Unsafe: a service that really makes a blocked call fails at run time.
    fix: 'unsafe',
    checklist: ['security-profiles'],
    references: [
      { tool: 'kics', id: '404fde2c', match: 'same' },
      { tool: 'semgrep', id: 'seccomp-confinement-disabled', match: 'same' },
      { tool: 'cis', id: '5.22', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const o of securityOptions(service).options) {
        // `privileged: true` also drops seccomp; compose-privileged reports that pair itself.
        if (o.key !== 'seccomp' || o.value !== 'unconfined') continue;
        const owner = o.owner;
        report({
          file: o.node.file,
          range: o.node.range,
          messageId: 'unconfined',
          data: { option: `seccomp${o.separator ?? ':'}unconfined` },
          fix: () => (owner ? [removeSeqItem(model, owner.seq, o.node, owner.pair)].filter((e) => e !== undefined) : []),
        });
      }
    }
  },
});
