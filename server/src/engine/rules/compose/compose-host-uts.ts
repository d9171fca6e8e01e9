import { defineRule } from '../../rule';
import { namespaceMode } from '../../model/compose';

/** `uts: host` shares the host's hostname and NIS domain name with the container. */
export default defineRule({
  meta: {
    id: 'compose-host-uts',
    kind: 'compose',
    title: 'Do not share the host UTS namespace',
    severity: 'medium',
    category: 'privilege',
    messages: {
      host: "uts: host puts the container in the host's UTS namespace: it sees the host's hostname and, with SYS_ADMIN, can change the hostname and domain name of the host itself. Remove it; set hostname: on the service if it needs a particular name.",
    },
    // No checklist item covers namespaces: least-privilege is about capabilities and privileged.
    checklist: [],
    references: [{ tool: 'cis', id: '5.21', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const ns = namespaceMode(service, 'uts');
      if (ns?.mode === 'host') report({ file: ns.pair.file, range: ns.pair.range, messageId: 'host' });
    }
  },
});
