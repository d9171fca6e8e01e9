import { defineRule } from '../../rule';
import type { Stage } from '../../model/dockerfile';

/** `COPY --from=x / /` copies a whole image, build tools and secrets included, into this stage. */
export default defineRule({
  meta: {
    id: 'copy-whole-stage',
    kind: 'dockerfile',
    title: 'Copy only the artifacts you need from another stage',
    severity: 'medium',
    category: 'hygiene',
    messages: {
      wholeStage: 'COPY --from={from} {source} copies that whole filesystem (toolchains, package caches, any secrets left there) into the shipped image, undoing the point of a multi-stage build; copy only the built artifacts (`COPY --from=build /app/bin /app/bin`).',
    },
    checklist: ['multi-stage-build', 'minimal-attack-surface'],
    references: [{ tool: 'hadolint', id: 'DL3067', match: 'same' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // Only what ships matters: the final stage and the stages it builds on. Builder stages may
    // take a whole helper image (`COPY --from=tonistiigi/xx / /` is that tool's documented use).
    const shipped = new Set<Stage>();
    for (let s = model.finalStage; s; s = s.baseStage) shipped.add(s);
    for (const ins of model.instructions) {
      if (ins.keyword !== 'COPY' || ins.onbuild || !ins.stage || !shipped.has(ins.stage)) continue;
      const from = ins.flags.find((f) => f.name.toLowerCase() === 'from')?.value;
      if (!from) continue;
      // A stage built FROM scratch holds only what was copied into it on purpose (binaries, an export).
      const source = model.stageByRef(from, ins.stage);
      if (source && rootOf(source).image.ref?.isScratch) continue;
      const words = ins.jsonForm ? ins.jsonArgs : ins.args;
      // Sources are every word but the last (the destination); `/.` and `/*` are the root too.
      for (const source of words.slice(0, -1)) {
        const value = model.resolve(source.value, ins) ?? source.value;
        if (/^\/+(?:\.|\*)?$/.test(value)) report({ range: source.range, messageId: 'wholeStage', data: { from, source: source.value } });
      }
    }
  },
});

function rootOf(stage: Stage): Stage {
  let s = stage;
  while (s.baseStage) s = s.baseStage;
  return s;
}
