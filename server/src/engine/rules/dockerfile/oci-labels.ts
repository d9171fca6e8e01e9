import { defineRule } from '../../rule';
import type { Label } from 'dockerfile-ast';
import type { Stage } from '../../model/dockerfile';

interface Options {
  /** Labels the final stage should set. */
  readonly required: readonly string[];
  /**
   * Also report files that set no LABEL at all. Off by default: such files usually get their
   * labels at build time (`--label`, docker/metadata-action, the official-images pipeline).
   */
  readonly whenUnlabelled: boolean;
}

/** Legacy label-schema.org names accepted in place of the OCI ones. */
const LEGACY: Readonly<Record<string, string>> = {
  'org.opencontainers.image.source': 'org.label-schema.vcs-url',
  'org.opencontainers.image.revision': 'org.label-schema.vcs-ref',
  'org.opencontainers.image.version': 'org.label-schema.version',
};

function labelsOf(stage: Stage): Set<string> {
  const names = new Set<string>();
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    for (const ins of s.instructions) {
      // MAINTAINER is metadata kept in the Dockerfile too (and becomes a LABEL when fixed).
      if (ins.keyword === 'MAINTAINER' && !ins.onbuild) names.add('');
      if (ins.keyword === 'LABEL' && !ins.onbuild) for (const p of (ins.ast as Label).getProperties()) names.add(p.getName());
    }
  }
  return names;
}

/** MAINTAINER is deprecated; provenance labels let scanners and registries link an image to its source. */
export default defineRule({
  meta: {
    id: 'oci-labels',
    kind: 'dockerfile',
    title: 'Use OCI labels for provenance instead of MAINTAINER',
    severity: 'info',
    category: 'hygiene',
    fix: 'safe',
    messages: {
      maintainer: 'MAINTAINER is deprecated and invisible to most tooling; record the author as LABEL org.opencontainers.image.authors.',
      missing:
        'The final image has no {labels} label: registries, scanners and dependency bots cannot link it to the repository and commit it was built from. Add it here or in CI (e.g. --label, docker/metadata-action).',
      fix: 'Replace with LABEL org.opencontainers.image.authors',
    },
    checklist: ['supply-chain-integrity'],
    references: [
      { tool: 'hadolint', id: 'DL4000', match: 'same' },
      { tool: 'hadolint', id: 'DL3049', match: 'partial' },
      { tool: 'hadolint', id: 'DL3048', match: 'inspired' },
      { tool: 'hadolint', id: 'DL3050', match: 'inspired' },
      { tool: 'hadolint', id: 'DL3051', match: 'inspired' },
      { tool: 'hadolint', id: 'DL3052', match: 'inspired' },
      { tool: 'hadolint', id: 'DL3053', match: 'inspired' },
      { tool: 'hadolint', id: 'DL3054', match: 'inspired' },
      { tool: 'hadolint', id: 'DL3055', match: 'inspired' },
      { tool: 'hadolint', id: 'DL3056', match: 'inspired' },
      { tool: 'hadolint', id: 'DL3058', match: 'inspired' },
      { tool: 'trivy', id: 'DS-0022', match: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_6', match: 'same' },
      { tool: 'kics', id: '99614418', match: 'same' },
      { tool: 'buildkit', id: 'MaintainerDeprecated', match: 'same' },
      { tool: 'semgrep', id: 'maintainer-is-deprecated', match: 'same' },
    ],
  },
  defaultOptions: { required: ['org.opencontainers.image.source'], whenUnlabelled: false } as Options,
  check({ model, options, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'MAINTAINER') continue;
      const first = ins.args[0];
      const last = ins.args[ins.args.length - 1];
      // Only a one-line MAINTAINER converts without guessing how continuations were meant.
      const simple = first && last && first.range.start.line === last.range.end.line && ins.range.start.line === ins.range.end.line;
      const value = simple ? model.index.slice({ start: first.range.start, end: last.range.end }) : '';
      // LABEL expands variables and escapes; MAINTAINER takes the text literally.
      const quoted = `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
      report({
        range: ins.keywordRange,
        messageId: 'maintainer',
        ...(simple
          ? { fix: (edit) => [edit.replace({ start: ins.keywordRange.start, end: last.range.end }, `LABEL org.opencontainers.image.authors=${quoted}`)] }
          : {}),
      });
    }
    const stage = model.finalStage;
    if (!stage || options.required.length === 0) return;
    const have = labelsOf(stage);
    if (have.size === 0 && !options.whenUnlabelled) return;
    const missing = options.required.filter((l) => !have.has(l) && !(LEGACY[l] !== undefined && have.has(LEGACY[l])));
    if (missing.length === 0) return;
    const from = stage.from;
    report({
      range: { start: from.range.start, end: model.index.positionAt(model.index.lineEnd(from.range.start.line)) },
      messageId: 'missing',
      data: { labels: missing.join(', ') },
    });
  },
});
