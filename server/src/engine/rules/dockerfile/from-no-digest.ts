import { defineRule } from '../../rule';
import { isWellFormed } from '../../model/image';
import type { DockerfileModel, Stage } from '../../model/dockerfile';
import { digestUsedElsewhere } from '../../model/same-image-tag';

/** Base images of what ships (the final stage and every stage it copies from) should be pinned by digest. */
export default defineRule({
  meta: {
    id: 'from-no-digest',
    kind: 'dockerfile',
    title: 'Pin the base images of the shipped image to a digest',
    severity: 'low',
    category: 'supply-chain',
    messages: {
      noDigest:
        'Base image "{image}" is not pinned to a digest; a tag can be moved to different content at any time. Append `@sha256:<digest>` (`docker buildx imagetools inspect <image>` prints it) and let a bot such as Renovate or Dependabot update it.',
      copiedNoDigest:
        'Image "{image}" feeds the final image (through COPY --from) but is not pinned to a digest; a moved tag changes what you ship. Append `@sha256:<digest>`.',
      fix: 'Pin to the digest this file already gives this image and tag',
    },
    // Offline there is no registry: the fix only reuses a digest another FROM of the same
    // image and tag already pins. Unsafe: that pin may be older than what the tag gives today.
    fix: 'unsafe',
    checklist: ['trusted-pinned-base'],
    references: [{ tool: 'semgrep', id: 'dockerfile-source-not-pinned', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    for (const stage of shippedStages(model, final)) {
      if (stage.baseStage) continue;
      const { ref, range, usesArgs } = stage.image;
      if (!ref || ref.isScratch || ref.digest !== undefined || !isWellFormed(ref)) continue;
      const digest = usesArgs ? undefined : digestUsedElsewhere(model, ref, stage);
      report({
        range,
        messageId: stage === final || isBaseOf(stage, final) ? 'noDigest' : 'copiedNoDigest',
        data: { image: ref.raw },
        ...(digest ? { fix: (edit) => [edit.insertAt(range.end, `@${digest}`)] } : {}),
      });
    }
    // `COPY --from=<image>` in a shipped stage pulls that image too.
    for (const stage of shippedStages(model, final)) {
      for (const ins of stage.instructions) {
        const flag = ins.keyword === 'COPY' && !ins.onbuild ? ins.flags.find((f) => f.name.toLowerCase() === 'from') : undefined;
        if (
          !flag?.value ||
          !flag.valueRange ||
          model.stageByRef(flag.value, stage) ||
          !/[:/@]/.test(flag.value) ||
          flag.value.includes('$') ||
          flag.value.includes('@')
        )
          continue;
        report({ range: flag.valueRange, messageId: 'copiedNoDigest', data: { image: flag.value } });
      }
    }
  },
});

function isBaseOf(stage: Stage, of: Stage): boolean {
  for (let s: Stage | undefined = of; s; s = s.baseStage) if (s === stage) return true;
  return false;
}

/** The final stage, the stages it builds on, and (recursively) every stage they COPY --from. */
function shippedStages(model: DockerfileModel, final: Stage): Stage[] {
  const seen = new Set<Stage>();
  const visit = (stage: Stage): void => {
    if (seen.has(stage)) return;
    seen.add(stage);
    if (stage.baseStage) visit(stage.baseStage);
    for (const ins of stage.instructions) {
      const from = ins.keyword === 'COPY' && !ins.onbuild ? ins.flags.find((f) => f.name.toLowerCase() === 'from')?.value : undefined;
      const source = from === undefined ? undefined : model.stageByRef(from, stage);
      if (source) visit(source);
    }
  };
  visit(final);
  return model.stages.filter((s) => seen.has(s));
}
