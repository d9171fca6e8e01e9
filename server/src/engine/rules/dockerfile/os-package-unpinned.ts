import { defineRule } from '../../rule';
import { packageCommand } from '../../model/packages';

export interface Options {
  /**
   * `mixed` (default): report unpinned packages only in an install that pins others, where
   * pinning is evidently the policy. `all`: every unpinned package (hadolint DL3008 and kin).
   */
  readonly mode: 'mixed' | 'all';
}

const OS = new Set(['apt', 'apk', 'yum', 'zypper']);

/** Unpinned OS packages make two builds of one Dockerfile install different software. */
export default defineRule({
  meta: {
    id: 'os-package-unpinned',
    kind: 'dockerfile',
    title: 'Pin OS package versions where the Dockerfile pins them',
    severity: 'low',
    category: 'supply-chain',
    messages: {
      unpinned:
        '{tool} installs {name} without a version while this install pins others: the build takes whatever the mirror serves that day. Pin it like the rest ({example}) or document why it floats.',
      unpinnedAll:
        '{tool} installs {name} without a version: the build takes whatever the mirror serves that day. Pin it ({example}) if this image must be reproducible.',
    },
    checklist: ['supply-chain-integrity'],
    references: [
      { tool: 'hadolint', id: 'DL3008', match: 'same' },
      { tool: 'hadolint', id: 'DL3018', match: 'same' },
      { tool: 'hadolint', id: 'DL3033', match: 'same' },
      { tool: 'hadolint', id: 'DL3041', match: 'same' },
      { tool: 'hadolint', id: 'DL3037', match: 'same' },
      { tool: 'kics', id: '965a08d7', match: 'same' },
      { tool: 'kics', id: 'd3499f6d', match: 'same' },
      { tool: 'kics', id: '6452c424', match: 'same' },
      { tool: 'kics', id: '93d88cf7', match: 'same' },
      { tool: 'kics', id: '562952e4', match: 'same' },
    ],
  },
  defaultOptions: { mode: 'mixed' } as Options,
  check({ model, options, report }) {
    for (const { command } of model.commands()) {
      const pc = packageCommand(command);
      if (!pc || !OS.has(pc.manager) || pc.action !== 'install') continue;
      // A literal exact pin shows a pinning policy. A pin through a variable (`nginx=${NGINX_VERSION}`)
      // is how official images pin the one product they ship while helpers follow the base image;
      // a lower bound (`su-exec>=0.2`) is no pin either.
      const pinned = pc.packages.some((p) => p.version !== undefined && !p.version.includes('$') && !/^[<>]/.test(p.version));
      if (options.mode !== 'all' && !pinned) continue;
      for (const p of pc.packages) {
        if (p.version !== undefined || p.name.includes('$')) continue;
        const example =
          pc.manager === 'apt'
            ? `${p.name}=<version>`
            : pc.manager === 'apk'
              ? `${p.name}=~<version>`
              : pc.manager === 'zypper'
                ? `${p.name}=<version>`
                : `${p.name}-<version>`;
        report({ range: p.word.range, messageId: options.mode === 'all' ? 'unpinnedAll' : 'unpinned', data: { tool: pc.tool, name: p.name, example } });
      }
    }
  },
});
