import { defineRule } from '../../rule';

/**
 * `network_mode: bridge` puts the service on Docker's default bridge (docker0), shared with
 * every container started without a network. The network Compose creates when a file names
 * none (`<project>_default`) is a user-defined bridge per project and is not reported.
 */
export default defineRule({
  meta: {
    id: 'compose-default-network',
    kind: 'compose',
    title: 'Do not attach services to the default bridge network',
    severity: 'low',
    category: 'network',
    messages: {
      defaultBridge:
        "network_mode: {mode} attaches the service to Docker's default bridge (docker0), which every container started without a network joins: they can all reach this one, and there is no service-name DNS. Remove network_mode so the service joins the project's own network, or list user-defined networks under networks:.",
    },
    checklist: ['network-segmentation'],
    references: [
      { tool: 'kics', id: 'ce14a68b', match: 'partial' },
      { tool: 'cis', id: '5.30', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const seen = new Set<string>();
    for (const service of model.services) {
      const pair = service.get('network_mode');
      const mode = service.string('network_mode');
      // `default` is the daemon's default network mode, the default bridge on Linux.
      if (!pair || (mode !== 'bridge' && mode !== 'default')) continue;
      const key = `${pair.file}:${pair.range.start.line}:${pair.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({ file: pair.file, range: pair.range, messageId: 'defaultBridge', data: { mode } });
    }
  },
});
