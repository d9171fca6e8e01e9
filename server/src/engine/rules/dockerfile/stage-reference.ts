import { defineRule } from '../../rule';
import type { Stage } from '../../model/dockerfile';

/** Names Docker gives a meaning of its own in FROM and COPY --from (BuildKit ReservedStageName). */
const RESERVED = new Set(['scratch', 'context']);

/** COPY --from and stage names that do not mean what they look like. */
export default defineRule({
  meta: {
    id: 'stage-reference',
    kind: 'dockerfile',
    title: 'Refer to earlier stages by unique names',
    severity: 'low',
    category: 'reliability',
    messages: {
      self: 'COPY --from={from} refers to the stage it is in; a stage cannot copy from itself. Copy from an earlier stage.',
      later:
        'COPY --from={from} names a stage defined later in the file; Docker only sees earlier stages, so it pulls an image of that name instead. Move that stage above this one.',
      undefined:
        'COPY --from={from} names no stage of this file, so unless the build passes a named context (`--build-context`), Docker pulls an image of that name from a registry; if you meant a stage, fix the name, otherwise write the full image reference with a tag.',
      numeric:
        'COPY --from={from} refers to a stage by its position; inserting a stage silently changes what is copied. Name the stage (`FROM ... AS build`) and use `--from=build`.',
      indexOutOfRange:
        'COPY --from={from} refers to a stage number that does not exist before this instruction; Docker fails the build. Use the name of an earlier stage.',
      duplicate:
        'The stage name "{name}" is already used on line {line}; `--from` and `FROM` with that name then refer to the earlier stage. Give every stage a unique name.',
      reserved:
        '"{name}" is reserved as a stage name (`scratch` is the empty image, `context` the build context); Docker rejects or misreads it. Choose another name.',
    },
    references: [
      { tool: 'hadolint', id: 'DL3022', match: 'partial' },
      { tool: 'hadolint', id: 'DL3023', match: 'same' },
      { tool: 'hadolint', id: 'DL3024', match: 'same' },
      { tool: 'hadolint', id: 'DL3063', match: 'partial' },
      { tool: 'trivy', id: 'DS-0006', match: 'same' },
      { tool: 'trivy', id: 'DS-0012', match: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_11', match: 'same' },
      { tool: 'kics', id: 'cdddb86f', match: 'same' },
      { tool: 'kics', id: 'f2daed12', match: 'same' },
      { tool: 'kics', id: '68a51e22', match: 'partial' },
      { tool: 'buildkit', id: 'DuplicateStageName', match: 'same' },
      { tool: 'buildkit', id: 'ReservedStageName', match: 'same' },
      { tool: 'semgrep', id: 'copy-from-own-alias', match: 'same' },
      { tool: 'semgrep', id: 'alias-must-be-unique', match: 'same' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    // The first stage of each name, built once: a search per stage was quadratic in the stage count (#8).
    const firstByName = new Map<string, Stage>();
    for (const s of model.stages) if (s.name !== undefined && !firstByName.has(s.name.toLowerCase())) firstByName.set(s.name.toLowerCase(), s);
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const lower = stage.name.toLowerCase();
      const first = firstByName.get(lower);
      if (RESERVED.has(lower)) report({ range: stage.nameRange, messageId: 'reserved', data: { name: stage.name } });
      else if (first && first !== stage)
        report({ range: stage.nameRange, messageId: 'duplicate', data: { name: stage.name, line: String(first.from.range.start.line + 1) } });
    }
    for (const ins of model.instructions) {
      // ONBUILD COPY --from refers to the stages of the downstream build, unknown here.
      if (ins.keyword !== 'COPY' || ins.onbuild || !ins.stage) continue;
      const flag = ins.flags.find((f) => f.name.toLowerCase() === 'from');
      if (!flag?.value || !flag.valueRange || flag.value.includes('$')) continue;
      const from = flag.value;
      const range = flag.valueRange;
      const lower = from.toLowerCase();
      if (/^\d+$/.test(from)) {
        const n = Number(from);
        report({ range, messageId: n < ins.stage.index ? 'numeric' : n === ins.stage.index ? 'self' : 'indexOutOfRange', data: { from } });
        continue;
      }
      if (model.stageByRef(from, ins.stage)) continue;
      if (ins.stage.name?.toLowerCase() === lower) report({ range, messageId: 'self', data: { from } });
      else if (model.stages.some((s) => s.index > ins.stage!.index && s.name?.toLowerCase() === lower)) report({ range, messageId: 'later', data: { from } });
      // A plain name (no registry, path, tag or digest) that is no stage is almost always a typo.
      else if (/^[a-z0-9][a-z0-9_.-]*$/i.test(from) && !from.includes('.') && !RESERVED.has(lower)) report({ range, messageId: 'undefined', data: { from } });
    }
  },
});
