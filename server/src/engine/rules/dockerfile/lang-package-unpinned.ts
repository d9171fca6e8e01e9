import { defineRule } from '../../rule';
import { packageCommand } from '../../model/packages';

const LANG = new Set(['pip', 'npm', 'yarn', 'pnpm', 'gem', 'go', 'cargo']);
const HINT: Record<string, string> = {
  pip: '{name}==<version>',
  npm: '{name}@<version>',
  yarn: '{name}@<version>',
  pnpm: '{name}@<version>',
  gem: '{name} -v <version>',
  go: '{name}@v<version>',
  cargo: '{name}@<version>',
};

/** Language registries publish new releases (and hijacked ones) at any time; an unpinned name installs whatever is newest. */
export default defineRule({
  meta: {
    id: 'lang-package-unpinned',
    kind: 'dockerfile',
    title: 'Pin language packages installed by name',
    severity: 'low',
    category: 'supply-chain',
    messages: {
      unpinned:
        '{tool} installs {name} without a version: every build takes the newest release, including a compromised one. Pin it ({example}) or install from a lockfile or requirements file.',
      floating: '{tool} installs {name}@{version}, a moving tag rather than a version. Pin a release ({example}).',
    },
    checklist: ['supply-chain-integrity'],
    references: [
      { tool: 'hadolint', id: 'DL3013', match: 'same' },
      { tool: 'hadolint', id: 'DL3016', match: 'same' },
      { tool: 'hadolint', id: 'DL3028', match: 'same' },
      { tool: 'hadolint', id: 'DL3062', match: 'same' },
      { tool: 'kics', id: '02d9c71f', match: 'same' },
      { tool: 'kics', id: 'e36d8880', match: 'same' },
      { tool: 'kics', id: '22cd11f7', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const { command } of model.commands()) {
      const pc = packageCommand(command);
      if (!pc || !LANG.has(pc.manager) || pc.action !== 'install') continue;
      for (const p of pc.packages) {
        if (p.pinned || p.name.includes('$')) continue;
        const example = (HINT[pc.manager] as string).replace('{name}', p.name);
        report({
          range: p.word.range,
          messageId: p.version === undefined ? 'unpinned' : 'floating',
          data: { tool: pc.tool, name: p.name, example, ...(p.version === undefined ? {} : { version: p.version }) },
        });
      }
    }
  },
});
