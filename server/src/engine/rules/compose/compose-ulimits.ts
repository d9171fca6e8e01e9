import { defineRule } from '../../rule';
import { text } from '../../model/compose';

const UNLIMITED = new Set(['-1', 'unlimited', 'infinity']);

/** Without ulimits a service inherits the daemon's limits: often a huge nofile and no nproc ceiling. */
export default defineRule({
  meta: {
    id: 'compose-ulimits',
    kind: 'compose',
    title: 'Set ulimits for open files and processes',
    severity: 'info',
    category: 'runtime',
    messages: {
      missing:
        'Service "{service}" sets no ulimits: it inherits the Docker daemon\'s limits (often a very high nofile and no nproc limit per container). Consider ulimits for nofile and nproc sized to the service.',
      unlimited: 'ulimit {name} is set to {value} (no limit): set a finite value sized to the service.',
    },
    checklist: ['resource-limits'],
    references: [{ tool: 'cis', id: '5.19', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const pair = service.get('ulimits');
      if (!pair) {
        report({ ...service.key, messageId: 'missing', data: { service: service.name } });
        continue;
      }
      for (const u of service.ulimits()) {
        const value = [u.soft, u.hard].find((v) => v !== undefined && UNLIMITED.has(v.toLowerCase()));
        if (value === undefined) continue;
        // `nofile: {soft, hard}`: the soft/hard pair that lifts the limit; `nproc: -1`: the pair.
        const v = u.pair.value;
        const inner = v.kind === 'map' ? v.pairs.find((p) => UNLIMITED.has((text(p.value) ?? '').toLowerCase())) : undefined;
        const at = inner ?? u.pair;
        report({ file: at.file, range: at.range, messageId: 'unlimited', data: { name: u.name, value } });
      }
    }
  },
});
