import { defineRule, type Related } from '../../rule';
import { builtDockerfile, stageChain } from '../../model/compose';
import type { Range } from '../../types';
import type { DockerfileModel, Stage } from '../../model/dockerfile';
import { classifyImage } from '../../model/image';
import { buildStep } from '../../model/toolchain';

/** Stage names that say "pick me for development on purpose": a deliberate choice, not a mistake. */
const DEVELOPMENT = /^(?:dev|develop|development|debug|test|tests|testing|ci|local|lint)$|[-_](?:dev|debug|test)$/i;

/**
 * X06: `build.target` naming a builder stage: one whose output a later stage copies (or
 * builds on) and that runs a build step or uses an SDK image, so the service runs the
 * toolchain, sources and build-time user instead of the runtime stage.
 */
export default defineRule({
  meta: {
    id: 'compose-build-target-builder',
    kind: 'compose',
    title: 'Run the runtime stage, not a builder stage',
    severity: 'medium',
    category: 'supply-chain',
    messages: {
      builder:
        'target: {target} selects a builder stage ({evidence}) whose output {runtime} takes: the service runs with the compilers, sources and build-time user the multi-stage build was meant to leave behind. Target the runtime stage (or drop target: to build the final stage).',
    },
    checklist: ['multi-stage-build', 'minimal-attack-surface'],
    references: [{ tool: 'cis', id: '4.3', match: 'inspired' }],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const build = service.build();
      const targetPair = build?.pair.value.kind === 'map' ? build.pair.value.get('target') : undefined;
      if (!build?.target || !targetPair) continue;
      const built = builtDockerfile(model, service);
      if (!built || built.stage.isFinal || (built.stage.name !== undefined && DEVELOPMENT.test(built.stage.name))) continue;
      const consumer = consumerOf(built.model, built.stage);
      if (!consumer) continue;
      const evidence = builderEvidence(built.model, built.stage);
      if (!evidence) continue;
      const runtime =
        consumer.stage.name !== undefined
          ? `the stage "${consumer.stage.name}"`
          : consumer.stage.isFinal
            ? 'the final stage'
            : `stage #${consumer.stage.index}`;
      const related: Related[] = [built.related(evidence.range, `Builder stage: ${evidence.label}`), built.related(consumer.range, consumer.how)];
      report({
        file: targetPair.file,
        range: targetPair.range,
        messageId: 'builder',
        data: { target: build.target, evidence: evidence.label, runtime },
        related,
      });
    }
  },
});

/**
 * A later stage that copies from `stage` (`COPY --from`) or is built `FROM` it: the final
 * stage first, then other non-development stages, then development ones.
 */
function consumerOf(model: DockerfileModel, stage: Stage): { stage: Stage; range: Range; how: string } | undefined {
  const found: { stage: Stage; range: Range; how: string }[] = [];
  for (const s of model.stages) {
    if (s.index <= stage.index) continue;
    if (s.baseStage === stage) found.push({ stage: s, range: s.from.range, how: `"${s.name ?? `#${s.index}`}" is built FROM it` });
    for (const ins of s.instructions) {
      if (ins.keyword !== 'COPY' || ins.onbuild) continue;
      const from = ins.flags.find((f) => f.name === 'from')?.value;
      if (from !== undefined && model.stageByRef(from, s) === stage)
        found.push({ stage: s, range: ins.range, how: 'Its output is copied into the runtime stage here' });
    }
  }
  const rank = (c: { stage: Stage }) => (c.stage.isFinal ? 0 : c.stage.name !== undefined && DEVELOPMENT.test(c.stage.name) ? 2 : 1);
  return found.sort((a, b) => rank(a) - rank(b))[0];
}

/** A build step run in the stage chain, or an SDK/toolchain base image. */
function builderEvidence(model: DockerfileModel, stage: Stage): { label: string; range: Range } | undefined {
  const chain = new Set(stageChain(stage));
  for (const { instruction, command } of model.commands()) {
    if (!instruction.stage || !chain.has(instruction.stage) || instruction.onbuild || instruction.keyword !== 'RUN') continue;
    const step = buildStep(command);
    if (step) return { label: `RUN ${step}`, range: instruction.range };
  }
  const root = stageChain(stage).pop() ?? stage;
  const info = root.image.ref ? classifyImage(root.image.ref) : undefined;
  return info?.size === 'toolchain' ? { label: `${root.image.text ?? 'its base'} is an SDK image`, range: root.image.range } : undefined;
}
