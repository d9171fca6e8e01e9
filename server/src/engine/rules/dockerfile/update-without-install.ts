import { defineRule } from '../../rule';
import { cachesCleanedBy, packageCommand, type Manager } from '../../model/packages';
import { interpreterProgram } from '../../model/commands';
import type { DockerInstruction } from '../../model/dockerfile';

/** An index refresh alone in a RUN is cached as its own layer and goes stale for every later install. */
export default defineRule({
  meta: {
    id: 'update-without-install',
    kind: 'dockerfile',
    title: 'Refresh the package index in the same RUN as the install',
    severity: 'low',
    category: 'supply-chain',
    messages: {
      alone:
        '"{command}" refreshes the package index in a RUN that installs nothing: the build cache keeps this layer, so a later install reads a stale index and may miss security updates. Refresh the index in the same RUN as the install that needs it.',
    },
    checklist: ['minimal-attack-surface'],
    references: [
      { tool: 'trivy', id: 'DS-0017', match: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_5', match: 'same' },
      { tool: 'kics', id: '9bae49be', match: 'same' },
      { tool: 'cis', id: '4.7', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0007', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const runs = new Map<
      DockerInstruction,
      { updates: { manager: Manager; text: string; range: import('../../types').Range }[]; consumers: Set<Manager | '*'> }
    >();
    for (const { instruction, command } of model.commands()) {
      let run = runs.get(instruction);
      if (!run) runs.set(instruction, (run = { updates: [], consumers: new Set() }));
      // An index removed again in the same RUN (`... && rm -rf /var/lib/apt/lists/*`) never goes stale.
      for (const k of cachesCleanedBy(command)) run.consumers.add(k as Manager);
      const pc = packageCommand(command);
      // A script or inline shell we cannot see into (`bash /tmp/common-debian.sh`, `./install.sh`,
      // `bash -c "..."`) may be the install: devcontainer images refresh the index for such scripts.
      if (!pc && (interpreterProgram(command) !== undefined || /\/|\.sh$/.test(command.name?.value ?? ''))) run.consumers.add('*');
      if (!pc) continue;
      if (pc.action === 'update' && pc.verb)
        run.updates.push({
          manager: pc.manager,
          text: `${pc.tool} ${pc.verb.value}`,
          range: { start: (command.name ?? pc.verb).range.start, end: pc.verb.range.end },
        });
      // An upgrade, an install or a removal of build deps reads the index too.
      else if (pc.action === 'install' || pc.action === 'upgrade') run.consumers.add(pc.manager);
    }
    for (const [instruction, run] of runs) {
      if (instruction.keyword !== 'RUN') continue;
      for (const u of run.updates)
        if (!run.consumers.has(u.manager) && !run.consumers.has('*')) report({ range: u.range, messageId: 'alone', data: { command: u.text } });
    }
  },
});
