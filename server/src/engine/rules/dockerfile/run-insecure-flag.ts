import { defineRule } from '../../rule';

/** BuildKit RUN flags that lift the build sandbox: full privileges or the host's network stack. */
export default defineRule({
  meta: {
    id: 'run-insecure-flag',
    kind: 'dockerfile',
    title: 'Do not lift the build sandbox with RUN --security=insecure or --network=host',
    severity: 'high',
    category: 'privilege',
    messages: {
      insecure:
        'RUN --security=insecure runs this step as a privileged container (all capabilities, host devices, no seccomp/AppArmor): a compromised dependency in this step owns the build host. Rework the step so it does not need privileges.',
      hostNetwork:
        "RUN --network=host gives this step the build host's network stack: it can reach services bound to the host's localhost and the host's internal networks. Use the default network, or --network=none for steps that need no network.",
    },
    checklist: ['minimal-attack-surface'],
    references: [],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const flag of ins.flags) {
        const value = flag.value === undefined ? undefined : (model.resolve(flag.value, ins) ?? flag.value).toLowerCase();
        if (flag.name === 'security' && value === 'insecure') report({ range: flag.range, messageId: 'insecure' });
        else if (flag.name === 'network' && value === 'host') report({ range: flag.range, messageId: 'hostNetwork' });
      }
    }
  },
});
