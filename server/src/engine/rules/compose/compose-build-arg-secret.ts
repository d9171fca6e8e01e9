import { defineRule, type Related } from '../../rule';
import {
  builtDockerfile,
  indentUnit,
  prependSeqItem,
  removePair,
  setServiceKey,
  type BuiltDockerfile,
  type CMap,
  type ComposeModel,
  type KeyValue,
} from '../../model/compose';
import { variableRefs } from '../../model/dockerfile';
import { isPlaceholderValue, isSecretName } from '../../model/secrets';
import type { TextEdit } from '../../types';

/**
 * C41/X02: secrets passed as `build.args`. Build arguments are recorded in the image's build
 * history and provenance; BuildKit secrets (`build.secrets` + `RUN --mount=type=secret`) are
 * not. With the Dockerfile readable, the finding says whether the value reaches a RUN.
 */
export default defineRule({
  meta: {
    id: 'compose-build-arg-secret',
    kind: 'compose',
    title: 'Pass build secrets as build.secrets, not build.args',
    severity: 'high',
    category: 'secrets',
    messages: {
      buildArg:
        'Build argument {name} looks like a secret: build arguments are stored in the image metadata and build history (docker history, provenance attestations), readable by anyone who can pull the image. Pass it as a build secret (build.secrets) and read it with RUN --mount=type=secret.',
      usedInRun:
        'Build argument {name} looks like a secret and the Dockerfile uses it in RUN: its value is recorded in the image history of that layer. Pass it as a build secret (build.secrets) and read it with RUN --mount=type=secret,id={id},env={name}.',
      declared:
        'Build argument {name} looks like a secret and the Dockerfile declares ARG {name}: its value is kept in the image metadata and provenance. Pass it as a build secret (build.secrets) and read it with RUN --mount=type=secret.',
      fix: 'Pass {name} as build secret "{id}" (then read it in the Dockerfile with RUN --mount=type=secret,id={id},env={name})',
    },
    // Unsafe: the Dockerfile must change too (ARG → RUN --mount=type=secret), which a Compose
    // edit cannot do; until it does, the build runs without the value.
    fix: 'unsafe',
    checklist: ['no-secrets-in-image'],
    references: [
      { tool: 'kics', id: 'a88baa34', match: 'partial' },
      { tool: 'cis', id: '4.10', match: 'inspired' },
      { tool: 'buildkit', id: 'SecretsUsedInArgOrEnv', match: 'inspired' },
    ],
  },
  defaultOptions: undefined,
  check({ model, report }) {
    for (const service of model.services) {
      const build = service.build();
      if (!build || build.args.length === 0) continue;
      let built: BuiltDockerfile | undefined | null = null;
      for (const arg of build.args) {
        if (!isSecretName(arg.name)) continue;
        const source = argSource(arg);
        if (!source) continue;
        built ??= builtDockerfile(model, service);
        const id = arg.name.toLowerCase();
        const use = built ? dockerfileUse(built, arg.name) : undefined;
        // The Dockerfile is known and never declares the ARG: Docker does not consume the value.
        if (built && !use) continue;
        const messageId = !use ? 'buildArg' : use.runs ? 'usedInRun' : 'declared';
        const variable = source.variable;
        report({
          file: arg.pair.file,
          range: arg.pair.range,
          messageId,
          data: { name: arg.name, id },
          ...(use ? { related: use.related } : {}),
          ...(variable !== undefined ? { fix: () => fixEdits(model, service.definitionIn(model.file)?.map, arg, id, variable) } : {}),
        });
      }
    }
  },
});

/** What the value is: a whole-variable reference or pass-through (fixable), else a literal or an expression. */
function argSource(arg: KeyValue): { variable: string | undefined } | undefined {
  if (arg.value === null) return { variable: arg.name };
  const node = arg.pair.value;
  const raw = node.kind === 'scalar' && typeof node.source === 'string' ? node.source : undefined;
  if (raw === undefined) return undefined;
  const m = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/.exec(raw.trim());
  if (m) return { variable: (m[1] ?? m[2]) as string };
  if (raw.includes('$')) return { variable: undefined };
  return isPlaceholderValue(raw) ? undefined : { variable: undefined };
}

/** The ARG declarations of `name` and the RUN/ENV instructions of their stages that read it. */
function dockerfileUse(built: BuiltDockerfile, name: string): { runs: boolean; related: Related[] } | undefined {
  const related: Related[] = [];
  let runs = false;
  for (const ins of built.model.instructions) {
    if (ins.keyword !== 'ARG') continue;
    const declared = ins.args.find((a) => a.value.split('=')[0] === name);
    if (!declared) continue;
    related.push(built.related(ins.range, `ARG ${name} receives the build argument`));
    if (!ins.stage) continue;
    const after = ins.stage.instructions.filter((i) => i.range.start.line > ins.range.start.line && (i.keyword === 'RUN' || i.keyword === 'ENV'));
    for (const use of after) {
      if (!variableRefs(built.model.index.slice(use.range)).some((r) => r.name === name)) continue;
      runs = true;
      related.push(
        built.related(
          use.range,
          use.keyword === 'RUN' ? `RUN reads $${name}: the value is recorded in this layer's history` : `ENV copies $${name} into the image configuration`,
        ),
      );
    }
  }
  return related.length > 0 ? { runs, related } : undefined;
}

/**
 * Removes the argument, adds `- <id>` to `build.secrets` and a top-level secret
 * `<id>: { environment: <VAR> }`; no edits when the shape is not a plain block mapping in
 * the analysed file (list-form args, flow style, inherited values).
 */
function fixEdits(model: ComposeModel, service: CMap | undefined, arg: KeyValue, id: string, variable: string): TextEdit[] {
  const index = model.index;
  const buildPair = service?.get('build');
  const buildMap = buildPair?.value.kind === 'map' ? buildPair.value : undefined;
  const argsPair = buildMap?.get('args');
  if (!buildMap || !argsPair || argsPair.value.kind !== 'map' || !arg.pair.pair || arg.pair.file !== model.file) return [];
  const argsMap = argsPair.value;
  const unit = indentUnit(index);
  const eol = index.eol;
  const edits: (TextEdit | undefined)[] = [];
  const existing = buildMap.get('secrets');
  const col = ' '.repeat(argsPair.keyRange.start.character);
  const secretLines = [`${col}secrets:`, `${col}${unit}- ${id}`];
  if (argsMap.pairs.length > 1) {
    edits.push(removePair(model, argsMap, arg.pair));
    if (existing) edits.push(prependSeqItem(model, existing.value, id));
    else {
      const at = { line: argsPair.keyRange.start.line, character: 0 };
      edits.push({ range: { start: at, end: at }, newText: secretLines.join(eol) + eol });
    }
  } else {
    const removal = removePair(model, buildMap, argsPair);
    if (!removal) return [];
    if (existing) edits.push(removal, prependSeqItem(model, existing.value, id));
    else edits.push({ range: removal.range, newText: removal.range.start.character === 0 ? secretLines.join(eol) + eol : eol + secretLines.join(eol) });
  }
  const top = topLevelSecret(model, id, variable);
  if (top !== null) edits.push(top);
  if (edits.some((e) => e === undefined)) return [];
  return edits as TextEdit[];
}

/** The top-level secret's edit; null when the file already defines it, undefined when it cannot be added. */
function topLevelSecret(model: ComposeModel, id: string, variable: string): TextEdit | null | undefined {
  const index = model.index;
  const pair = model.root?.get('secrets');
  if (pair) {
    if (pair.value.kind !== 'map' || pair.file !== model.file) return undefined;
    if (pair.value.get(id)) return null;
    return setServiceKey(model, { map: pair.value, keyRange: pair.keyRange }, [id, 'environment'], variable);
  }
  const unit = indentUnit(index);
  const eol = index.eol;
  const lines = ['secrets:', `${unit}${id}:`, `${unit}${unit}environment: ${variable}`];
  const end = index.positionAt(index.text.length);
  const text = index.text;
  return { range: { start: end, end }, newText: text.endsWith('\n') || text === '' ? lines.join(eol) + eol : eol + lines.join(eol) };
}
