import { defineRule } from '../../rule';
import type { DockerInstruction, Stage } from '../../model/dockerfile';

/**
 * A final stage built FROM scratch with no CMD or ENTRYPOINT anywhere in its chain is an
 * artifact export (`docker build --output`, a `COPY --from` source): no container ever runs it,
 * so there is nothing to probe (issue #4: docker/compose, moby/buildkit, dotnet-docker).
 */
function isArtifactExport(final: Stage): boolean {
  let root = final;
  for (let s: Stage | undefined = final; s; s = s.baseStage) {
    if (s.instructions.some((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !i.onbuild)) return false;
    root = s;
  }
  return root.image.ref?.isScratch === true;
}

/** Without a HEALTHCHECK, Docker and Compose only know whether the process exists, not whether it works. */
export default defineRule({
  meta: {
    id: 'missing-healthcheck',
    kind: 'dockerfile',
    title: 'Give the final image a HEALTHCHECK',
    severity: 'low',
    category: 'reliability',
    messages: {
      missing:
        'The final stage has no HEALTHCHECK: a hung or broken container is reported as running. Add a HEALTHCHECK that probes the service (or define one in Compose / the orchestrator).',
      disabled: 'HEALTHCHECK NONE disables the health check inherited from the base image. Remove it, or replace it with a check that probes this service.',
    },
    checklist: ['healthcheck'],
    references: [
      { tool: 'hadolint', id: 'DL3057', match: 'same' },
      { tool: 'trivy', id: 'DS-0026', match: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_2', match: 'same' },
      { tool: 'kics', id: 'b03a748a', match: 'same' },
      { tool: 'cis', id: '4.6', match: 'same' },
      { tool: 'dockle', id: 'CIS-DI-0006', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    // The last HEALTHCHECK of the final stage, else of the stages it is built `FROM`.
    let last: DockerInstruction | undefined;
    for (let s: typeof final | undefined = final; s && !last; s = s.baseStage) {
      last = s.instructions.filter((i) => i.keyword === 'HEALTHCHECK' && !i.onbuild).pop();
    }
    if (last && last.args[0]?.value.toUpperCase() === 'NONE') report({ range: last.range, messageId: 'disabled' });
    if (last) return;
    if (isArtifactExport(final)) return;
    // The first line of the FROM instruction, without a trailing line continuation.
    const from = final.from.range;
    const line = model.index.lineText(from.start.line).replace(new RegExp(`[ \\t]*(?:\\${model.escapeChar}[ \\t]*)?$`), '');
    report({ range: { start: from.start, end: { line: from.start.line, character: Math.max(from.start.character + 1, line.length) } }, messageId: 'missing' });
  },
});
