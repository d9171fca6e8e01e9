import { defineRule } from '../../rule';
import { replaceScalar, scalarQuote, setServiceKey, text } from '../../model/compose';
import type { TextEdit } from '../../types';

/** An unbounded restart policy hides a crash loop and keeps re-running whatever makes the service crash. */
export default defineRule({
  meta: {
    id: 'compose-restart-policy',
    kind: 'compose',
    title: 'Bound the number of restarts',
    severity: 'low',
    category: 'reliability',
    messages: {
      unbounded:
        'restart: {policy} restarts the container forever: a crash loop (or an attacker repeatedly crashing it) goes unnoticed and keeps consuming resources. Use on-failure with a maximum, e.g. on-failure:5.',
      deployUnbounded: 'deploy.restart_policy has no max_attempts: the container is restarted forever. Set max_attempts (e.g. 5).',
      fix: 'Bound the restarts to 5 (check that the service still comes back after a daemon restart or reboot)',
    },
    // Unsafe: `always`/`unless-stopped` also restart the container when the daemon starts;
    // `on-failure` does not restart a container that exited cleanly, and gives up after 5 tries.
    fix: 'unsafe',
    checklist: ['restart-policy'],
    references: [
      { tool: 'kics', id: '2fc99041', match: 'same' },
      { tool: 'cis', id: '5.15', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const r = service.restart();
      if (!r || r.policy === undefined) continue;
      if (r.source === 'restart') {
        // Docker treats a maximum of 0 as "no maximum".
        if (
          !['always', 'unless-stopped', 'on-failure'].includes(r.policy) ||
          (r.maxAttempts !== undefined && r.maxAttempts !== '' && Number(r.maxAttempts) > 0)
        )
          continue;
        const v = r.pair.value;
        report({
          file: v.file,
          range: v.range,
          messageId: 'unbounded',
          data: { policy: text(v) ?? r.policy },
          fix: () => edits(replaceScalar(model, v, `${scalarQuote(model, v)}on-failure:5${scalarQuote(model, v)}`)),
        });
        continue;
      }
      if (r.policy === 'none' || (r.maxAttempts !== undefined && Number(r.maxAttempts) > 0)) continue;
      const map = r.pair.value;
      if (map.kind !== 'map') continue;
      const max = map.get('max_attempts');
      // An unset variable as max_attempts is unknown, never a violation.
      if (max && text(max.value) === undefined) continue;
      report({
        file: r.pair.file,
        range: r.pair.keyRange,
        messageId: 'deployUnbounded',
        fix: () => edits(max ? replaceScalar(model, max.value, '5') : setServiceKey(model, { map, keyRange: r.pair.keyRange }, ['max_attempts'], '5')),
      });
    }
  },
});

const edits = (e: TextEdit | undefined): TextEdit[] => (e ? [e] : []);
