import { defineRule } from '../../rule';
import { serviceKeyEdit, text } from '../../model/compose';

/** Without a pids limit one process can fork until the host's process table is full (a fork bomb). */
export default defineRule({
  meta: {
    id: 'compose-pids-limit',
    kind: 'compose',
    title: 'Set a pids limit on every service',
    severity: 'medium',
    category: 'runtime',
    messages: {
      missing:
        'Service "{service}" has no pids limit: a fork bomb or a runaway worker pool in this container can exhaust the host\'s process table and stop every other container from starting processes. Set deploy.resources.limits.pids (or pids_limit).',
      unlimited: 'A pids limit of {value} means no limit: set the number of processes the service needs (e.g. 200).',
      addLimit: 'Add deploy.resources.limits.pids: 200 (adjust to the service)',
      addPidsLimit: 'Add pids_limit: 200 (adjust to the service)',
    },
    // Same choice as compose-memory-limit: a limit below what the service forks (worker pools,
    // JVM threads count as pids) breaks it, so a suggestion inserts a starting value to review.
    suggestions: true,
    checklist: ['resource-limits'],
    references: [
      { tool: 'kics', id: '221e0658', match: 'same' },
      { tool: 'cis', id: '5.29', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // Legacy `version: "2.x"` files predate `deploy:`; docker-compose v1 ignored it there.
    const legacyV2 = /^2(\.|$)/.test(text(model.topLevel('version')?.value) ?? '');
    for (const service of model.services) {
      const pids = service.resources().pids;
      if (pids) {
        // Docker: 0 and -1 both mean unlimited.
        if (pids.value !== undefined && Number(pids.value) <= 0)
          report({ file: pids.pair.file, range: pids.pair.range, messageId: 'unlimited', data: { value: pids.value } });
        continue;
      }
      const def = service.definitionIn(model.file);
      const suggestion = legacyV2
        ? { messageId: 'addPidsLimit' as const, path: ['pids_limit'], value: '200' }
        : { messageId: 'addLimit' as const, path: ['deploy', 'resources', 'limits', 'pids'], value: '200' };
      // Decided per service, built only when the suggestion is applied.
      const edit = def && serviceKeyEdit(model, def, suggestion.path, suggestion.value);
      report({
        ...service.key,
        messageId: 'missing',
        data: { service: service.name },
        suggest: edit ? [{ messageId: suggestion.messageId, fix: () => [edit()] }] : [],
      });
    }
  },
});
