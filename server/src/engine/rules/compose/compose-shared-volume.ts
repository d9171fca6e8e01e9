import { defineRule } from '../../rule';
import { items, mountSourceRange, text, type CNode, type Mount } from '../../model/compose';

/** A volume written by one service and read by another carries a compromise (or a bug) from one to the other. */
export default defineRule({
  meta: {
    id: 'compose-shared-volume',
    kind: 'compose',
    title: 'Share volumes between services only on purpose',
    severity: 'info',
    category: 'filesystem',
    messages: {
      shared:
        'The volume "{volume}" is mounted writable by {services}: a compromised service can change what the others read (or run). Keep one writer and mount it read-only in the others, or give each service its own volume.',
      volumesFrom:
        'volumes_from gives this service every volume of {source}, with the same write access: name the volumes it needs instead, read-only where possible.',
    },
    checklist: [],
    references: [{ tool: 'kics', id: '8c978947', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const users = new Map<string, Set<string>>();
    const mounts: { volume: string; mount: Mount }[] = [];
    for (const service of model.services) {
      for (const m of service.volumes()) {
        // Read-only mounts cannot change what the others read: only writers count.
        if (m.type !== 'volume' || !m.source || m.readOnly !== false) continue;
        mounts.push({ volume: m.source, mount: m });
        users.set(m.source, (users.get(m.source) ?? new Set()).add(service.name));
      }
      const from = service.get('volumes_from');
      if (from) {
        const sources = items(from?.value).flatMap((n) => text(n) ?? []);
        if (sources.length > 0) report({ file: from.file, range: from.keyRange, messageId: 'volumesFrom', data: { source: sources.join(', ') } });
      }
    }
    // One finding per written mount: an anchored mount used by several services is reported once.
    const seen = new Set<CNode>();
    for (const { volume, mount } of mounts) {
      const writers = [...(users.get(volume) ?? [])];
      if (writers.length < 2 || seen.has(mount.node)) continue;
      seen.add(mount.node);
      report({ ...mountSourceRange(mount), messageId: 'shared', data: { volume, services: writers.map((o) => `"${o}"`).join(', ') } });
    }
  },
});
