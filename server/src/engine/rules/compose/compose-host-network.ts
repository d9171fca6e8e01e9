import { defineRule } from '../../rule';
import { namespaceMode } from '../../model/compose';

/** `network_mode: host` shares the host's network stack with the container. */
export default defineRule({
  meta: {
    id: 'compose-host-network',
    kind: 'compose',
    title: 'Do not use the host network',
    severity: 'high',
    category: 'network',
    messages: {
      host: "network_mode: host puts the container in the host's network namespace: it can bind any host port, reach services listening on the host's localhost (databases, the Docker API on tcp://127.0.0.1, cloud metadata proxies) and, with NET_RAW or NET_ADMIN, sniff or reconfigure host traffic. Use a user-defined network and publish only the ports the service needs.",
    },
    // No fix: the replacement (networks and ports) depends on what the service listens on.
    checklist: ['network-segmentation'],
    references: [
      { tool: 'kics', id: '071a71ff', match: 'same' },
      { tool: 'cis', id: '5.10', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const ns = namespaceMode(service, 'network_mode');
      if (ns?.mode === 'host') report({ file: ns.pair.file, range: ns.pair.range, messageId: 'host' });
    }
  },
});
