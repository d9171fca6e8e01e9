import { defineRule } from '../../rule';
import { isWellFormed } from '../../model/image';
import { tagUsedElsewhere } from '../../model/same-image-tag';

/** `:latest` is a moving target: builds are not reproducible and a bad push reaches you unreviewed. */
export default defineRule({
  meta: {
    id: 'from-latest',
    kind: 'dockerfile',
    title: 'Do not build on the latest tag',
    severity: 'medium',
    category: 'supply-chain',
    messages: {
      latest: 'Base image "{image}" uses the moving tag ":latest"; pin a version tag (and ideally a digest) so builds are reproducible and reviewed.',
      latestFromArg:
        'Base image "{raw}" resolves through its ARG default to "{image}", the moving tag ":latest"; give the default a version tag (and ideally a digest).',
      fix: 'Use the version tag this file already gives this image',
    },
    // Unsafe: it changes the base image. Offered only when another FROM of the same image
    // names exactly one version tag; offline, no other version can be known.
    fix: 'unsafe',
    checklist: ['trusted-pinned-base'],
    references: [
      { tool: 'hadolint', id: 'DL3007', match: 'same' },
      { tool: 'trivy', id: 'DS-0001', match: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_7', match: 'same' },
      { tool: 'kics', id: 'f45ea400', match: 'same' },
      { tool: 'semgrep', id: 'avoid-latest-version', match: 'same' },
      { tool: 'dockle', id: 'DKL-DI-0006', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const stage of model.stages) {
      const { ref, text, range, tagRange } = stage.image;
      // A digest pins the content whatever the tag says.
      if (!ref || !isWellFormed(ref) || ref.tag !== 'latest' || ref.digest !== undefined) continue;
      if (tagRange && model.index.slice(tagRange) === 'latest') {
        // The `:latest` span: the colon sits just before the tag.
        const start = { line: tagRange.start.line, character: Math.max(0, tagRange.start.character - 1) };
        const tag = tagUsedElsewhere(model, ref, stage);
        report({
          range: { start, end: tagRange.end },
          messageId: 'latest',
          data: { image: ref.raw },
          ...(tag ? { fix: (edit) => [edit.replace(tagRange, tag)] } : {}),
        });
      } else {
        report({ range, messageId: 'latestFromArg', data: { raw: model.index.slice(range), image: text ?? ref.raw } });
      }
    }
  },
});
