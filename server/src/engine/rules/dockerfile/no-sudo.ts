import { defineRule } from '../../rule';
import { baseName, unwrap } from '../../model/shell';

/** sudo in a build or start command: unpredictable TTY/signal behaviour and a setuid helper left in the image. */
export default defineRule({
  meta: {
    id: 'no-sudo',
    kind: 'dockerfile',
    title: 'Do not use sudo in the image',
    severity: 'medium',
    category: 'privilege',
    messages: {
      sudo: 'Do not use sudo: switch with USER around the steps that need root at build time, and use a non-root USER (or gosu/su-exec in an entrypoint) at run time; sudo in the image is a setuid path back to root.',
    },
    checklist: ['non-root-user', 'minimal-attack-surface'],
    references: [
      { tool: 'hadolint', id: 'DL3004', match: 'same' },
      { tool: 'trivy', id: 'DS-0010', match: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_1', match: 'same' },
      { tool: 'kics', id: '8ada6e80', match: 'same' },
      { tool: 'semgrep', id: 'no-sudo-in-dockerfile', match: 'same' },
      { tool: 'dockle', id: 'DKL-DI-0001', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const { command } of model.commands()) {
      // `command -v sudo` only asks whether sudo exists; unwrap() would read it as a wrapper.
      if (baseName(command.name) === 'command' && command.args.some((a) => /^-[a-zA-Z]*[vV]/.test(a.value))) continue;
      const { name, wrappers } = unwrap(command);
      for (const word of [...wrappers, ...(name ? [name] : [])]) {
        if (baseName(word) === 'sudo') report({ range: word.range, messageId: 'sudo' });
      }
    }
  },
});
