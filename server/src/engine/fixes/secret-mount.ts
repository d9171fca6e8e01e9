/**
 * "ENV/ARG secret → BuildKit secret mount" (issue #6, items 3 and 7): drop the secret-looking
 * ENV/ARG key and give every RUN that reads it `--mount=type=secret,id=NAME,env=NAME`, so the
 * value reaches the command as an environment variable for that RUN only and never enters the
 * image config or history. Built with `docker build --secret id=NAME,env=NAME`.
 *
 * One plan for the whole file: several secrets may share a RUN (one flag each, inserted
 * together) and the syntax directive is added once, so every finding's fix is the same set of
 * edits and fix-all converges in one pass. A secret is converted only when the rewrite keeps
 * the build working and hides nothing:
 * - it is declared in a stage (not before FROM, not under ONBUILD), by ARG and/or ENV of the
 *   same name (`ARG NPM_TOKEN` + `ENV NPM_TOKEN=$NPM_TOKEN` is one secret);
 * - nothing but RUN reads it (a COPY, LABEL, USER, CMD… that expands it would lose it);
 * - an ENV with its own value is read by at least one RUN (one no RUN reads is a run-time
 *   setting: it stays, for the user to move to run-time secrets); an ARG no RUN names (or an
 *   ENV that only re-exports it) may still be read from the environment (npm expanding
 *   `${NPM_TOKEN}` in .npmrc), so every later RUN in its scope gets it;
 * - no RUN that gets it writes it into a credential file it leaves in the layer (`aws configure
 *   set`, `echo … > .npmrc` without a later `rm`): mounting would only move the leak;
 * - the file has no `# syntax=` pinning a frontend older than 1.10 (the first with `env=`).
 */
import type { EditBuilder } from '../edits';
import { variableRefs, type DockerfileModel, type DockerInstruction, type Stage } from '../model/dockerfile';
import { fileTarget, removedLater } from '../model/layers';
import { credentialSetup, isCredentialConfigPath, isSecretName, looksLikeCredentialContent } from '../model/secrets';
import { unwrap } from '../model/shell';
import type { Range, TextEdit } from '../types';

interface Declaration {
  readonly instruction: DockerInstruction;
  readonly name: string;
  readonly range: Range;
  readonly value: string | null;
}

export interface SecretConversion {
  readonly name: string;
  readonly stage: Stage;
  readonly declarations: readonly Declaration[];
  /** RUN instructions that get the secret mount. */
  readonly runs: readonly DockerInstruction[];
  /** A value was written in the Dockerfile: it is in the history of images already built. */
  readonly literal: boolean;
}

export interface SecretPlan {
  readonly conversions: readonly SecretConversion[];
  edits(edit: EditBuilder): TextEdit[];
}

type Prop = { getName(): string; getValue(): string | null; getRange(): Range };
const props = (ins: DockerInstruction): Prop[] => (ins.ast as unknown as { getProperties(): Prop[] }).getProperties();

/** The instruction's text after its keyword (flags, arguments, heredoc bodies). */
function body(model: DockerfileModel, ins: DockerInstruction): string {
  return model.index.text.slice(model.index.offsetAt(ins.keywordRange.end), model.index.offsetAt(ins.range.end)) + heredocText(model, ins);
}

function heredocText(model: DockerfileModel, ins: DockerInstruction): string {
  return ins.heredocs
    .map((h) => {
      const r = h.getContentRange();
      return r ? '\n' + model.index.slice(r) : '';
    })
    .join('');
}

const reads = (text: string, name: string): boolean => variableRefs(text).some((r) => r.name === name);

/** Stages that inherit the ENV of `stage` (itself and every stage built on it). */
function envScope(model: DockerfileModel, stage: Stage): Set<Stage> {
  const out = new Set<Stage>([stage]);
  for (const s of model.stages) {
    for (let b = s.baseStage; b; b = b.baseStage) if (b === stage) out.add(s);
  }
  return out;
}

/** True when a RUN given the secret would write it into a credential file left in the layer (secret-persisted-layer, and git's config). */
function leaksIntoLayer(model: DockerfileModel, run: DockerInstruction): boolean {
  const cmds = model.shell(run)?.commands ?? [];
  const heredocs = heredocText(model, run);
  return cmds.some((cmd, i) => {
    const { name, args } = unwrap(cmd);
    const setup = credentialSetup(name, args);
    if (setup && !removedLater(cmds, i, setup.stores, true)) return true;
    // `git config url."https://${TOKEN}@host/".insteadOf …` stores the token in ~/.gitconfig.
    if (
      name?.value === 'git' &&
      args[0]?.value === 'config' &&
      args.some((a) => /:\/\/[^/\s]*\$[^/\s]*@/.test(a.value)) &&
      !removedLater(cmds, i, '.gitconfig', true)
    )
      return true;
    const target = fileTarget(cmd);
    if (!target || !isCredentialConfigPath(target.value) || removedLater(cmds, i, target.value)) return false;
    const content = args.map((a) => a.raw).join(' ') + (cmd.redirects.some((r) => r.op.startsWith('<<')) ? heredocs : '');
    return looksLikeCredentialContent(content) || /\$/.test(content);
  });
}

/** The secret of one name declared in one stage, or undefined when converting it is not safe. */
function conversion(model: DockerfileModel, stage: Stage, name: string): SecretConversion | undefined {
  const own = stage.instructions.filter((i) => !i.onbuild);
  const declarations: Declaration[] = [];
  for (const ins of own) {
    if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
    for (const p of props(ins)) if (p.getName() === name) declarations.push({ instruction: ins, name, range: p.getRange(), value: p.getValue() });
  }
  const first = declarations[0];
  if (!first) return undefined;
  // An ENV may only re-export the ARG of the same name (`ENV NPM_TOKEN=$NPM_TOKEN`).
  for (const d of declarations) {
    const refs = d.value === null ? [] : variableRefs(d.value);
    if (refs.some((r) => r.name !== name)) return undefined;
    if (
      d.instruction.keyword === 'ENV' &&
      refs.length > 0 &&
      !declarations.some((a) => a.instruction.keyword === 'ARG' && a.instruction.range.start.line < d.instruction.range.start.line)
    )
      return undefined;
  }
  const hasEnv = declarations.some((d) => d.instruction.keyword === 'ENV');
  const stages = hasEnv ? envScope(model, stage) : new Set([stage]);
  const declared = new Set(declarations.map((d) => d.instruction));
  const after = model.instructions.filter(
    (i) =>
      !i.onbuild &&
      i.stage !== undefined &&
      stages.has(i.stage) &&
      i.keyword !== 'FROM' &&
      !declared.has(i) &&
      (i.stage !== stage || i.range.start.line > first.instruction.range.start.line),
  );
  // Triggers run in child builds, where the variable is theirs to define.
  if (after.some((i) => i.keyword !== 'RUN' && reads(body(model, i), name))) return undefined;
  let runs = after.filter((i) => i.keyword === 'RUN' && reads(body(model, i), name));
  if (runs.length === 0) {
    // An ENV with its own value and no RUN reading it is a run-time setting; one that only
    // re-exports the build arg is there for tools that read the environment.
    if (declarations.some((d) => d.instruction.keyword === 'ENV' && !(d.value !== null && reads(d.value, name)))) return undefined;
    runs = after.filter((i) => i.keyword === 'RUN');
  }
  if (runs.length === 0 || runs.some((r) => leaksIntoLayer(model, r))) return undefined;
  const literal = declarations.some((d) => d.value !== null && d.value !== '' && !d.value.includes('$'));
  return { name, stage, declarations, runs, literal };
}

/** The leading parser-directive lines, as BuildKit reads them (`# key=value` until anything else). */
function directiveLines(model: DockerfileModel): { count: number; syntax: string | undefined } {
  let count = 0;
  let syntax: string | undefined;
  for (; count < model.index.lineCount; count++) {
    const m = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/.exec(model.index.lineText(count));
    if (!m) break;
    if (m[1]!.toLowerCase() === 'syntax') syntax = m[2];
  }
  return { count, syntax };
}

/** `env=` on secret mounts needs Dockerfile frontend 1.10 or later; an older pin cannot take the fix. */
function syntaxTooOld(syntax: string): boolean {
  const m = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:(\d+)(?:\.(\d+))?/.exec(syntax);
  if (!m) return false;
  return Number(m[1]) < 1 || (Number(m[1]) === 1 && m[2] !== undefined && Number(m[2]) < 10);
}

/** Every secret ENV/ARG of the file that can move to a secret mount, and the edits that do it. */
export function secretPlan(model: DockerfileModel): SecretPlan {
  const directives = directiveLines(model);
  const conversions: SecretConversion[] = [];
  if (directives.syntax === undefined || !syntaxTooOld(directives.syntax)) {
    for (const stage of model.stages) {
      const names = new Set<string>();
      for (const ins of stage.instructions) {
        if (ins.onbuild || (ins.keyword !== 'ARG' && ins.keyword !== 'ENV')) continue;
        for (const p of props(ins)) if (isSecretName(p.getName())) names.add(p.getName());
      }
      for (const name of names) {
        const c = conversion(model, stage, name);
        if (c) conversions.push(c);
      }
    }
  }
  return { conversions, edits: (edit) => planEdits(model, directives, conversions, edit) };
}

function planEdits(
  model: DockerfileModel,
  directives: { count: number; syntax: string | undefined },
  conversions: readonly SecretConversion[],
  edit: EditBuilder,
): TextEdit[] {
  if (conversions.length === 0) return [];
  const edits: TextEdit[] = [];
  if (directives.syntax === undefined) {
    const line = '# syntax=docker/dockerfile:1';
    if (directives.count > 0) {
      const last = directives.count - 1;
      edits.push(edit.insertLinesAfter({ start: { line: last, character: 0 }, end: { line: last, character: 0 } }, [line]));
    } else {
      // A byte-order mark (a space in the analysed text) stays first.
      const at = { line: 0, character: model.index.text.startsWith(' ') ? 1 : 0 };
      edits.push(edit.insertAt(at, line + edit.eol));
    }
  }
  // Declarations: drop whole instructions when every key goes, else only the keys.
  const removed = new Map<DockerInstruction, Declaration[]>();
  for (const c of conversions) for (const d of c.declarations) removed.set(d.instruction, [...(removed.get(d.instruction) ?? []), d]);
  for (const [ins, decls] of removed) {
    if (decls.length === props(ins).length) edits.push(edit.removeLines(ins.range));
    else for (const d of decls) edits.push(removeProperty(model, d.range));
  }
  // Mount flags: one insertion per RUN, right after the keyword.
  const flags = new Map<DockerInstruction, string[]>();
  for (const c of conversions) for (const r of c.runs) flags.set(r, [...(flags.get(r) ?? []), `--mount=type=secret,id=${c.name},env=${c.name}`]);
  for (const [run, list] of flags) edits.push(edit.insertAt(run.keywordRange.end, ' ' + list.join(' ')));
  return edits;
}

/** Removes one `KEY=value` of a multi-key ENV/ARG with the separator before it (spaces, or a line continuation). */
function removeProperty(model: DockerfileModel, range: Range): TextEdit {
  const text = model.index.text;
  let start = model.index.offsetAt(range.start);
  for (;;) {
    let i = start;
    while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
    if (i > 0 && text[i - 1] === '\n') {
      let j = i - 1;
      if (j > 0 && text[j - 1] === '\r') j--;
      while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
      if (j > 0 && text[j - 1] === model.escapeChar) {
        start = j - 1;
        continue;
      }
    }
    start = i;
    break;
  }
  return { range: { start: model.index.positionAt(start), end: range.end }, newText: '' };
}

/** `docker build` flags that pass the converted secrets. */
export function buildFlags(plan: SecretPlan): string {
  return plan.conversions.map((c) => `--secret id=${c.name},env=${c.name}`).join(' ');
}
