import { defineRule } from '../../rule';
import { namespaceMode } from '../../model/compose';

/** `userns_mode: host` opts a service out of the daemon's user-namespace remapping. */
export default defineRule({
  meta: {
    id: 'compose-host-userns',
    kind: 'compose',
    title: 'Do not opt out of user-namespace remapping',
    severity: 'medium',
    category: 'privilege',
    messages: {
      host: 'userns_mode: host turns off user-namespace remapping for this service: on a daemon running with userns-remap, root in this container is root on the host again (UID 0, not an unprivileged subordinate UID). Remove it; if the service needs host UIDs on a bind mount, fix the ownership of the mounted files instead.',
    },
    // Without userns-remap on the daemon the key changes nothing; the finding is about intent,
    // hence medium. It is still written for a reason: to undo a host-level protection.
    // No checklist item covers namespaces: least-privilege is about capabilities and privileged.
    checklist: [],
    references: [
      { tool: 'kics', id: '8af7162d', match: 'same' },
      { tool: 'cis', id: '5.31', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const ns = namespaceMode(service, 'userns_mode');
      if (ns?.mode === 'host') report({ file: ns.pair.file, range: ns.pair.range, messageId: 'host' });
    }
  },
});
