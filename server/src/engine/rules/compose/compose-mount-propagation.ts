import { defineRule } from '../../rule';
import type { Origin } from '../../model/compose';

/** Shared and slave propagation let mounts cross between the host and the container. */
export default defineRule({
  meta: {
    id: 'compose-mount-propagation',
    kind: 'compose',
    title: 'Keep bind mount propagation private',
    severity: 'medium',
    category: 'filesystem',
    messages: {
      shared:
        'Mount propagation "{mode}" makes mounts created inside the container appear on the host (and the reverse): a compromised container can mount over host paths. Remove the option (Docker\'s default is rprivate) unless the service manages host mounts.',
      slave:
        "Mount propagation \"{mode}\" makes the host's later mounts (other containers' volumes, removable media, network shares) visible in the container. Remove the option (Docker's default is rprivate) unless the service must see them.",
    },
    checklist: ['no-host-mounts'],
    references: [
      { tool: 'kics', id: 'baa452f0', match: 'same' },
      { tool: 'cis', id: '5.20', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      for (const m of service.volumes()) {
        const mode = m.propagation;
        if (!mode || !/^r?(shared|slave)$/.test(mode)) continue;
        // Long syntax: the `propagation:` pair; short syntax: the whole item.
        const bind = m.node.kind === 'map' ? m.node.get('bind')?.value : undefined;
        const pair = bind?.kind === 'map' ? bind.get('propagation') : undefined;
        const at: Origin = pair ? { file: pair.file, range: pair.range } : { file: m.node.file, range: m.node.range };
        report({ ...at, messageId: mode.endsWith('shared') ? 'shared' : 'slave', data: { mode } });
      }
    }
  },
});
