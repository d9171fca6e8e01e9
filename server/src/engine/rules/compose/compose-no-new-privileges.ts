import { defineRule } from '../../rule';
import { prependSeqItem, securityOptions, setServiceKey } from '../../model/compose';

/** Values the daemon's `strconv.ParseBool` reads for `no-new-privileges=<value>`. */
const TRUE = new Set(['1', 't', 'true']);
const FALSE = new Set(['0', 'f', 'false']);

/** Without no-new-privileges a setuid binary or file capability raises a process's privileges. */
export default defineRule({
  meta: {
    id: 'compose-no-new-privileges',
    kind: 'compose',
    title: 'Set no-new-privileges on every service',
    severity: 'medium',
    category: 'privilege',
    messages: {
      missing:
        'Service "{service}" does not set no-new-privileges: a setuid-root binary (su, sudo, mount, a planted one) or a file capability lets a process in the container gain privileges it was not started with. Add no-new-privileges=true to security_opt.',
      disabled: '{option} explicitly allows privilege escalation through setuid binaries and file capabilities. Set it to true.',
      fix: 'Set no-new-privileges=true (check that the service does not rely on sudo, su or other setuid/file-capability binaries)',
    },
    // Unsafe: an entrypoint that switches user with sudo or su (not gosu/su-exec) stops working.
    fix: 'unsafe',
    checklist: ['no-new-privileges'],
    references: [
      { tool: 'kics', id: '27fcc7d6', match: 'same' },
      { tool: 'kics', id: '610e266e', match: 'partial' },
      { tool: 'semgrep', id: 'no-new-privileges', match: 'same' },
      { tool: 'cis', id: '5.26', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // A security_opt list shared through an anchor is reported (and fixed) once, not per service.
    const seen = new Set<string>();
    for (const service of model.services) {
      const { options, unknown, pair } = securityOptions(service);
      const nnp = options.filter((o) => o.key === 'no-new-privileges');
      // The daemon applies the entries in order: the last one decides.
      const last = nnp.at(-1);
      if (last) {
        const value = last.value?.toLowerCase();
        if (value === undefined || TRUE.has(value)) continue;
        if (!FALSE.has(value)) continue;
        const written = last.node.kind === 'scalar' && last.node.source === last.node.value ? last.node : undefined;
        const fixed =
          written && model.isLocal(written) ? model.text.slice(model.index.offsetAt(written.range.start), model.index.offsetAt(written.range.end)) : undefined;
        // Only the value after the separator changes; quotes and spelling stay.
        const at = fixed?.search(/[=:]\s*[^=:]*$/) ?? -1;
        const newText = fixed !== undefined && at >= 0 ? fixed.slice(0, at + 1) + fixed.slice(at + 1).replace(/[A-Za-z0-9]+/, 'true') : undefined;
        report({
          file: last.node.file,
          range: last.node.range,
          messageId: 'disabled',
          data: { option: `no-new-privileges${last.separator ?? ''}${last.value ?? ''}` },
          fix: () => (written && newText !== undefined ? [{ range: written.range, newText }] : []),
        });
        continue;
      }
      // An entry we cannot read (unset variable) might be no-new-privileges.
      if (unknown > 0) continue;
      if (pair) {
        const at = `${pair.file}:${pair.keyRange.start.line}:${pair.keyRange.start.character}`;
        if (seen.has(at)) continue;
        seen.add(at);
        report({
          file: pair.file,
          range: pair.keyRange,
          messageId: 'missing',
          data: { service: service.name },
          fix: () => [prependSeqItem(model, pair.value, 'no-new-privileges=true')].filter((e) => e !== undefined),
        });
        continue;
      }
      const def = service.definitionIn(model.file);
      report({
        ...service.key,
        messageId: 'missing',
        data: { service: service.name },
        fix: () => (def ? [setServiceKey(model, def, ['security_opt'], '[no-new-privileges=true]')].filter((e) => e !== undefined) : []),
      });
    }
  },
});
