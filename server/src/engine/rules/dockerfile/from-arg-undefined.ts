import { defineRule } from '../../rule';
import { PREDEFINED_ARGS, substitute, variableRefs } from '../../model/dockerfile';
import type { Range } from '../../types';

/** FROM $VAR where VAR has no global declaration or no default: the image depends on who runs the build. */
export default defineRule({
  meta: {
    id: 'from-arg-undefined',
    kind: 'dockerfile',
    title: 'Give every ARG used in FROM a global declaration with a default',
    severity: 'medium',
    category: 'supply-chain',
    messages: {
      undeclared:
        'FROM uses the variable {name}, which no ARG before the first FROM declares; it expands to an empty string, so the build fails or pulls an unintended image. Declare it with a pinned default (`ARG NAME=value`) at the top of the file.',
      noDefault:
        'FROM uses the variable {name}, whose global ARG has no default; without a matching `--build-arg` the reference is "{image}", an unintended or unpinned image. Give the ARG a pinned default.',
    },
    checklist: ['trusted-pinned-base'],
    references: [
      { tool: 'trivy', id: 'DS-0001', match: 'partial' },
      { tool: 'buildkit', id: 'UndefinedArgInFrom', match: 'same' },
      { tool: 'buildkit', id: 'InvalidDefaultArgInFrom', match: 'same' },
      { tool: 'buildkit', id: 'UndefinedVar', match: 'partial' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    const declared = new Map<string, string | undefined>();
    for (const a of model.globalArgs) {
      for (const p of (a.ast as import('dockerfile-ast').Arg).getProperties()) declared.set(p.getName(), p.getValue() ?? undefined);
    }
    for (const stage of model.stages) {
      const { range } = stage.image;
      const written = model.index.slice(range);
      for (const ref of variableRefs(written)) {
        // `${TAG:-3.20}` and `${TAG-3.20}` carry their own fallback; platform ARGs are predefined.
        if ((ref.op === ':-' || ref.op === '-') && ref.word) continue;
        // `${DEBUG:+-debug}` expands to nothing when unset: an opt-in suffix by design (moby/buildkit).
        if (ref.op === ':+' || ref.op === '+') continue;
        if (PREDEFINED_ARGS.has(ref.name)) continue;
        const at: Range =
          range.start.line === range.end.line
            ? {
                start: { line: range.start.line, character: range.start.character + ref.start },
                end: { line: range.start.line, character: range.start.character + ref.end },
              }
            : range;
        if (!declared.has(ref.name)) report({ range: at, messageId: 'undeclared', data: { name: ref.name } });
        else if (!declared.get(ref.name)) {
          const scope = new Map<string, string | undefined>([...declared].map(([k, v]) => [k, v ?? '']));
          report({ range: at, messageId: 'noDefault', data: { name: ref.name, image: substitute(written, scope) || '(empty)' } });
        }
      }
    }
  },
});
