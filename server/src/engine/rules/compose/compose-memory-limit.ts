import { defineRule } from '../../rule';
import { serviceKeyEdit, text } from '../../model/compose';

/** A service without a memory limit can exhaust the host's memory and take its neighbours down. */
export default defineRule({
  meta: {
    id: 'compose-memory-limit',
    kind: 'compose',
    title: 'Set a memory limit on every service',
    severity: 'medium',
    category: 'runtime',
    messages: {
      missing:
        'Service "{service}" has no memory limit: a leak or a hostile input can use all of the host\'s memory and get other containers OOM-killed. Set deploy.resources.limits.memory (or mem_limit) to what the service needs.',
      unlimited: 'A memory limit of {value} means no limit: set the amount the service needs (e.g. 512M).',
      addLimit: 'Add deploy.resources.limits.memory: 512M (adjust to the service)',
      addMemLimit: 'Add mem_limit: 512m (adjust to the service)',
    },
    // No automatic fix: no value is right for every service and a too-small limit kills it.
    // A suggestion inserts a starting value the user must review.
    suggestions: true,
    checklist: ['resource-limits'],
    references: [
      { tool: 'kics', id: 'bb9ac4f7', match: 'same' },
      { tool: 'cis', id: '5.11', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // Legacy `version: "2.x"` files predate `deploy:`; docker-compose v1 ignored it there.
    const legacyV2 = /^2(\.|$)/.test(text(model.topLevel('version')?.value) ?? '');
    for (const service of model.services) {
      const memory = service.resources().memory;
      if (memory) {
        if (memory.value === '0' || memory.value === '-1')
          report({ file: memory.pair.file, range: memory.pair.range, messageId: 'unlimited', data: { value: memory.value } });
        continue;
      }
      const def = service.definitionIn(model.file);
      const suggestion = legacyV2
        ? { messageId: 'addMemLimit' as const, path: ['mem_limit'], value: '512m' }
        : { messageId: 'addLimit' as const, path: ['deploy', 'resources', 'limits', 'memory'], value: '512M' };
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
