import { defineRule } from '../../rule';
import { replaceScalar, scalarQuote } from '../../model/compose';

/**
 * Docker mounts a service's `tmpfs:` entries noexec,nosuid,nodev by default (moby
 * daemon/oci_linux.go merges the user's options over those defaults), so only an explicit
 * `exec` or `suid` weakens them; a bare `tmpfs: /tmp` is already safe and is not reported.
 */
export default defineRule({
  meta: {
    id: 'compose-tmpfs-exec',
    kind: 'compose',
    title: 'Keep tmpfs mounts noexec and nosuid',
    severity: 'low',
    category: 'filesystem',
    messages: {
      exec: 'The tmpfs at {target} is mounted with "{options}", turning off Docker\'s default noexec/nosuid: an attacker can write a binary (or a setuid one) there and run it, even with a read-only root filesystem. Use noexec,nosuid unless the service must execute files from it.',
      fix: 'Use noexec,nosuid on {target} (check that the service never runs files from it)',
    },
    // Unsafe: some programs unpack and run helpers from /tmp (JIT caches, native modules).
    fix: 'unsafe',
    checklist: ['read-only-rootfs'],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const t of service.tmpfs()) {
        const weak = t.options.filter((o) => o === 'exec' || o === 'suid');
        if (t.target === undefined || weak.length === 0) continue;
        const n = t.node;
        report({
          file: n.file,
          range: n.range,
          messageId: 'exec',
          data: { target: t.target, options: weak.join(',') },
          fix: () => {
            // Rewrite only text without variables, so the replacement says exactly what was written.
            if (n.kind !== 'scalar' || typeof n.source !== 'string' || n.source.includes('$')) return [];
            const options = t.options.map((o) => (o === 'exec' ? 'noexec' : o === 'suid' ? 'nosuid' : o));
            const q = scalarQuote(model, n);
            const e = replaceScalar(model, n, `${q}${t.target}:${[...new Set(options)].join(',')}${q}`);
            return e ? [e] : [];
          },
        });
      }
    }
  },
});
