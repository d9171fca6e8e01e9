import { defineRule } from '../../rule';

const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** ADD of local files: COPY does the same without ADD's implicit URL fetch and archive extraction. */
export default defineRule({
  meta: {
    id: 'prefer-copy',
    kind: 'dockerfile',
    title: 'Use COPY instead of ADD for local files',
    severity: 'low',
    category: 'supply-chain',
    fix: 'safe',
    messages: {
      useCopy: 'ADD copies local files with implicit archive extraction; use COPY, which does only what it says.',
      fix: 'Replace ADD with COPY',
    },
    checklist: ['minimal-attack-surface'],
    references: [
      { tool: 'hadolint', id: 'DL3020', match: 'same' },
      { tool: 'trivy', id: 'DS-0005', match: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_4', match: 'partial' },
      { tool: 'kics', id: '9513a694', match: 'same' },
      { tool: 'semgrep', id: 'prefer-copy-over-add', match: 'same' },
      { tool: 'cis', id: '4.9', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0009', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ADD' || ins.heredocs.length > 0) continue;
      const sources = (ins.jsonForm ? ins.jsonArgs.slice(0, -1) : ins.args.slice(0, -1)).map((s) => s.value.replace(/^["']|["']$/g, ''));
      if (sources.length === 0) continue;
      // Flags only ADD understands (--checksum, --keep-git-dir, --unpack) mean the author wants ADD.
      if (ins.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))) continue;
      // Remote sources are add-remote-unverified's; a local archive is the one thing only ADD does.
      const local = sources.every((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !/^git@/.test(s));
      const archive = sources.some((s) => /\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst|lz4))$/i.test(s));
      if (!local || archive) continue;
      report({
        range: ins.keywordRange,
        messageId: 'useCopy',
        fix: (edit) => [edit.replace(ins.keywordRange, ins.ast.getInstruction() === ins.ast.getInstruction().toLowerCase() ? 'copy' : 'COPY')],
      });
    }
  },
});
