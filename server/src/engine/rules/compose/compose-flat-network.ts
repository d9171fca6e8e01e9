import { defineRule } from '../../rule';
import { publishedPorts, type ComposeService } from '../../model/compose';

/**
 * Every service of the project on the same network(s), none of them `internal: true`: a
 * compromised front end reaches every back end, and every back end reaches the internet.
 * Decided once per project, on the `services:` key of the file that defines the first service.
 */
export default defineRule({
  meta: {
    id: 'compose-flat-network',
    kind: 'compose',
    title: 'Put back-end services on an internal network',
    severity: 'info',
    category: 'network',
    messages: {
      flat: 'All {count} services share the network {networks} and no network is internal: a compromised service can reach every other one, and back ends ({backends}) can reach the internet. Put back ends on a network with internal: true that only their clients join.',
    },
    checklist: ['network-segmentation'],
    references: [{ tool: 'cis', id: '5.30', match: 'partial' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // A service with neither image nor build is a fragment of a file merged with others (`-f base -f this`):
    // the project seen here is incomplete, so no project-wide verdict.
    if (model.services.some((s) => !s.get('image') && !s.get('build'))) return;
    const sets: { service: ComposeService; networks: string[] }[] = [];
    for (const service of model.services) {
      const mode = service.get('network_mode');
      if (mode) continue; // host, none, bridge or another service's namespace: not on a project network
      const names = service.networks().map((n) => n.name);
      if (service.get('networks') && names.length === 0) return; // unknown (a variable) or an odd shape
      sets.push({ service, networks: names.length > 0 ? [...new Set(names)].sort() : ['default'] });
    }
    if (sets.length < 2) return;
    const first = sets[0]!.networks.join(',');
    if (!sets.every((s) => s.networks.join(',') === first)) return;
    const internal = new Set(model.networks.filter((n) => n.internal === true || n.internal === undefined).map((n) => n.name));
    if (sets[0]!.networks.some((n) => internal.has(n))) return;
    // Back ends: services that publish no port. A project of front ends only has nothing to hide.
    const backends = sets.filter((s) => publishedPorts(s.service).length === 0).map((s) => s.service.name);
    if (backends.length === 0 || backends.length === sets.length) return;
    const base = model.files[0];
    const services = base?.root?.get('services');
    if (!base || !services) return;
    report({
      file: base.path,
      range: services.keyRange,
      messageId: 'flat',
      data: {
        count: String(sets.length),
        networks: sets[0]!.networks.map((n) => `"${n}"`).join(', '),
        backends: backends.length > 3 ? `${backends.slice(0, 3).join(', ')}, …` : backends.join(', '),
      },
    });
  },
});
