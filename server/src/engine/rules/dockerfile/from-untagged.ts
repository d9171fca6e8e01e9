import { defineRule } from '../../rule';
import { isWellFormed } from '../../model/image';
import { tagUsedElsewhere } from '../../model/same-image-tag';

/** FROM without tag or digest silently means `:latest`: the base changes under you. */
export default defineRule({
  meta: {
    id: 'from-untagged',
    kind: 'dockerfile',
    title: 'Give every base image a tag or digest',
    severity: 'medium',
    category: 'supply-chain',
    messages: {
      untagged:
        'Base image "{image}" has no tag or digest, so it means ":latest" and changes whenever the publisher pushes; pin a version tag (and ideally a digest).',
      untaggedFromArg:
        'Base image "{raw}" resolves through its ARG default to "{image}", which has no tag or digest, so it means ":latest"; give the default a version tag (and ideally a digest).',
      fix: 'Use the version tag this file already gives this image',
    },
    // Unsafe: it changes the base image. Offered only when another FROM of the same image
    // names exactly one version tag; offline, no other version can be known.
    fix: 'unsafe',
    checklist: ['trusted-pinned-base'],
    references: [
      { tool: 'hadolint', id: 'DL3006', match: 'same' },
      { tool: 'trivy', id: 'DS-0001', match: 'partial' },
      { tool: 'checkov', id: 'CKV_DOCKER_7', match: 'partial' },
      { tool: 'kics', id: '9efb0b2d', match: 'same' },
      { tool: 'semgrep', id: 'missing-image-version', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const stage of model.stages) {
      const { ref, text, range, usesArgs } = stage.image;
      // Unresolvable ARGs (text undefined), stage references (ref undefined) and scratch are out of scope.
      if (!ref || !isWellFormed(ref) || ref.isScratch || ref.tag !== undefined || ref.digest !== undefined) continue;
      if (usesArgs) report({ range, messageId: 'untaggedFromArg', data: { raw: model.index.slice(range), image: text ?? ref.raw } });
      else {
        const tag = tagUsedElsewhere(model, ref, stage);
        report({
          range,
          messageId: 'untagged',
          data: { image: ref.raw },
          ...(tag ? { fix: (edit) => [edit.insertAt(range.end, `:${tag}`)] } : {}),
        });
      }
    }
  },
});
