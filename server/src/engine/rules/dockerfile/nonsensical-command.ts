import { defineRule } from '../../rule';
import { baseName, unwrap } from '../../model/shell';

/** hadolint DL3001: commands that make no sense in a non-interactive, init-less build step. */
const NONSENSICAL = new Set(['ssh', 'vim', 'nano', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig']);

/** Interactive editors, process and service tools run in RUN: they do nothing useful in a build container. */
export default defineRule({
  meta: {
    id: 'nonsensical-command',
    kind: 'dockerfile',
    title: 'Do not run interactive or system-management tools in RUN',
    severity: 'info',
    category: 'hygiene',
    messages: {
      nonsensical:
        '`{command}` in RUN does nothing useful in a build: there is no terminal, no init system and no running service to manage. Remove it, or do the work at run time (entrypoint, orchestrator) instead.',
    },
    checklist: ['minimal-attack-surface'],
    references: [
      { tool: 'hadolint', id: 'DL3001', match: 'same' },
      { tool: 'kics', id: '9b6b0f38', match: 'same' },
      { tool: 'semgrep', id: 'nonsensical-command', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const { instruction, command } of model.commands()) {
      if (instruction.keyword !== 'RUN') continue;
      // `command -v ps` only asks whether ps exists.
      if (baseName(command.name) === 'command' && command.args.some((a) => /^-[a-zA-Z]*[vV]/.test(a.value))) continue;
      const { name } = unwrap(command);
      const base = baseName(name);
      if (!name || !NONSENSICAL.has(base)) continue;
      // `server & ... kill $!`: stopping a process this RUN started in the background is real work.
      if (base === 'kill' && model.shell(instruction)?.pipelines.some((p) => p.after === '&')) continue;
      report({ range: name.range, messageId: 'nonsensical', data: { command: base } });
    }
  },
});
