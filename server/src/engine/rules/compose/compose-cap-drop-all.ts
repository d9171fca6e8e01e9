import { defineRule } from '../../rule';
import { items, prependSeqItem, setServiceKey } from '../../model/compose';

/** Containers start with a default set of ~14 capabilities; most services need none of them. */
export default defineRule({
  meta: {
    id: 'compose-cap-drop-all',
    kind: 'compose',
    title: 'Drop all capabilities and add back only the ones needed',
    severity: 'medium',
    category: 'privilege',
    messages: {
      missing: 'Service "{service}" keeps Docker\'s default capabilities (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID, …), which an attacker in the container can use. Add cap_drop: [ALL] and cap_add only what the service needs.',
      partial: 'cap_drop does not include ALL: the capabilities not listed are kept. Drop ALL and add back only what the service needs with cap_add.',
      fix: 'Add ALL to cap_drop',
    },
    // Unsafe: images whose entrypoint chowns files or switches user (CHOWN, SETUID, SETGID)
    // or binds a port below 1024 need cap_add entries first; cap_add is kept by the fix.
    fix: 'unsafe',
    checklist: ['least-privilege'],
    references: [
      { tool: 'kics', id: 'ce76b7d0', match: 'partial' },
      { tool: 'cis', id: '5.4', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const pair = service.get('cap_drop');
      const entries = items(pair?.value);
      const names = service.capDrop();
      // An entry we cannot read (an unset variable) might be ALL: unknown is never a violation.
      if (names.length < entries.length || names.some((c) => c.name === 'ALL')) continue;
      const def = service.definitionIn(model.file);
      if (!pair) {
        report({ ...service.key, messageId: 'missing', data: { service: service.name }, fix: () => (def ? [setServiceKey(model, def, ['cap_drop'], '[ALL]')].filter((e) => e !== undefined) : []) });
      } else {
        report({ file: pair.file, range: pair.keyRange, messageId: 'partial', fix: () => [prependSeqItem(model, pair.value, 'ALL')].filter((e) => e !== undefined) });
      }
    }
  },
});
