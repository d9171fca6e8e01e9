import { defineRule } from '../../rule';
import { bool, replaceScalar } from '../../model/compose';

/** `privileged: true` turns off every isolation layer between the container and the host. */
export default defineRule({
  meta: {
    id: 'compose-privileged',
    kind: 'compose',
    title: 'Do not run services privileged',
    severity: 'critical',
    category: 'privilege',
    messages: {
      privileged:
        'privileged: true gives the container every capability, all host devices and no seccomp, AppArmor or SELinux confinement: root in it is root on the host. Grant only what it needs (cap_add, devices) and remove privileged.',
      fix: 'Set privileged: false',
    },
    // Unsafe: a container that really needs the privileges (Docker-in-Docker, device access)
    // stops working, so the user must choose it. `false` rather than deleting the key: in an
    // override file a deleted key would inherit the base file's `true` again.
    fix: 'unsafe',
    checklist: ['least-privilege'],
    references: [
      { tool: 'kics', id: 'ae5b6871', match: 'same' },
      { tool: 'semgrep', id: 'privileged-service', match: 'same' },
      { tool: 'cis', id: '5.5', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const pair = service.get('privileged');
      if (!pair || bool(pair.value) !== true) continue;
      // A value inherited from an anchor is reported (and fixed) where the anchor wrote it.
      report({ file: pair.file, range: pair.range, messageId: 'privileged', fix: () => [replaceScalar(model, pair.value, 'false')].filter((e) => e !== undefined) });
    }
  },
});
