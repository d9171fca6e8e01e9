import { defineRule } from '../../rule';
import { serviceKeyEdit, text } from '../../model/compose';

/** The other CPU controls Docker enforces as a ceiling (cpu_shares is only a weight). */
const OTHER_CEILINGS = ['cpu_quota', 'cpu_count', 'cpu_percent', 'cpuset'];

/** A service without a CPU limit can take every core of the host and starve its neighbours. */
export default defineRule({
  meta: {
    id: 'compose-cpu-limit',
    kind: 'compose',
    title: 'Set a CPU limit on every service',
    severity: 'low',
    category: 'runtime',
    messages: {
      missing:
        'Service "{service}" has no CPU limit: a busy loop, a traffic spike or a hostile input can use every core and slow down every other container on the host. Set deploy.resources.limits.cpus (or cpus) to what the service needs.',
      unlimited: 'A CPU limit of {value} means no limit: set the number of CPUs the service needs (e.g. "1.0").',
      addLimit: 'Add deploy.resources.limits.cpus: "1.0" (adjust to the service)',
      addCpus: 'Add cpus: 1.0 (adjust to the service)',
    },
    // Same choice as compose-memory-limit: no value is right for every service and a too-small
    // limit throttles it, so a suggestion inserts a starting value the user must review.
    suggestions: true,
    checklist: ['resource-limits'],
    references: [
      { tool: 'kics', id: '6b610c50', match: 'same' },
      { tool: 'cis', id: '5.12', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // Legacy `version: "2.x"` files predate `deploy:`; docker-compose v1 ignored it there.
    const legacyV2 = /^2(\.|$)/.test(text(model.topLevel('version')?.value) ?? '');
    for (const service of model.services) {
      const cpus = service.resources().cpus;
      if (cpus) {
        if (cpus.value !== undefined && Number(cpus.value) === 0)
          report({ file: cpus.pair.file, range: cpus.pair.range, messageId: 'unlimited', data: { value: cpus.value } });
        continue;
      }
      if (OTHER_CEILINGS.some((k) => service.get(k))) continue;
      const def = service.definitionIn(model.file);
      const suggestion = legacyV2
        ? { messageId: 'addCpus' as const, path: ['cpus'], value: '1.0' }
        : { messageId: 'addLimit' as const, path: ['deploy', 'resources', 'limits', 'cpus'], value: '"1.0"' };
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
