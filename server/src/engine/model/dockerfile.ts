/**
 * The Dockerfile model: dockerfile-ast parsed once per text, plus what rules ask about it —
 * stages and the stage graph, the final stage, ARG/ENV resolution, effective USER, ONBUILD
 * triggers, heredocs and a shell model of every RUN / shell-form CMD / ENTRYPOINT.
 * Rules never re-parse text; anything two rules need lives here.
 */
import { DockerfileParser, Instruction as AstInstructionClass } from 'dockerfile-ast';
import type { Instruction as AstInstruction, Dockerfile as AstDockerfile, Heredoc } from 'dockerfile-ast';
import type { ParseProblem, Range } from '../types';
import { TextIndex } from '../text';
import { defaultUser, isRootUser, isWellFormed, parseImageRef, type ImageRef } from './image';
import { addSlots, parseShell, type Command, type Segment, type ShellScript } from './shell';

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

export interface Token {
  readonly value: string;
  readonly range: Range;
}

export interface InstructionFlag {
  /** Name without dashes (`chown`, `from`, `mount`). */
  readonly name: string;
  readonly value: string | undefined;
  readonly range: Range;
  readonly valueRange: Range | undefined;
}

export interface DockerInstruction {
  /** Upper-case keyword (`RUN`). */
  readonly keyword: string;
  readonly range: Range;
  readonly keywordRange: Range;
  /** Arguments after the flags, split on whitespace as Docker does for most instructions. */
  readonly args: readonly Token[];
  readonly flags: readonly InstructionFlag[];
  /** Arguments text as written, continuations included. */
  readonly argsText: string;
  /** The stage the instruction belongs to; undefined for ARGs before the first FROM. */
  readonly stage: Stage | undefined;
  /** For an ONBUILD trigger: the ONBUILD instruction that wraps it. */
  readonly onbuild: DockerInstruction | undefined;
  /** Exec (JSON array) form of RUN/CMD/ENTRYPOINT/SHELL/VOLUME/COPY/ADD. */
  readonly jsonForm: boolean;
  /** Strings of the JSON array when jsonForm, unquoted, with their ranges. */
  readonly jsonArgs: readonly Token[];
  readonly heredocs: readonly Heredoc[];
  readonly ast: AstInstruction;
}

export interface ResolvedImage {
  /** Text after ARG substitution; undefined when any variable is unknown. */
  readonly text: string | undefined;
  readonly ref: ImageRef | undefined;
  /** Range of the image reference in the FROM line. */
  readonly range: Range;
  /** True when the image text contains variables. */
  readonly usesArgs: boolean;
  /** Range of the tag after `:` (colon excluded) as written; undefined when there is none. */
  readonly tagRange: Range | undefined;
}

export interface Stage {
  readonly index: number;
  readonly name: string | undefined;
  readonly nameRange: Range | undefined;
  readonly from: DockerInstruction;
  readonly image: ResolvedImage;
  /** `FROM <earlier stage>`: the stage this one builds on. */
  readonly baseStage: Stage | undefined;
  /** Instructions after FROM up to the next FROM (ONBUILD triggers included, flagged). */
  readonly instructions: readonly DockerInstruction[];
  readonly isFinal: boolean;
}

export type EffectiveUser =
  | {
      readonly source: 'instruction';
      readonly instruction: DockerInstruction;
      readonly value: string | undefined;
      readonly root: boolean | undefined;
      readonly token: Token | undefined;
    }
  | {
      readonly source: 'image';
      readonly image: ImageRef | undefined;
      readonly nonRoot: boolean;
      readonly user: string | undefined;
      readonly why: string | undefined;
    }
  | { readonly source: 'unknown' };

export interface DockerfileModel {
  readonly kind: 'dockerfile';
  readonly text: string;
  readonly index: TextIndex;
  readonly escapeChar: string;
  readonly ast: AstDockerfile;
  /** Every instruction in document order; ONBUILD triggers follow their ONBUILD. */
  readonly instructions: readonly DockerInstruction[];
  /** ARG instructions before the first FROM. */
  readonly globalArgs: readonly DockerInstruction[];
  readonly stages: readonly Stage[];
  readonly finalStage: Stage | undefined;
  readonly problems: readonly ParseProblem[];
  /** Stage by name (case-insensitive) or numeric index as used in `COPY --from` / `FROM`. */
  stageByRef(ref: string, before?: Stage): Stage | undefined;
  /** Resolves `$VAR`/`${VAR:-x}` as seen by the given instruction; undefined when unknown. */
  resolve(text: string, at: DockerInstruction | undefined): string | undefined;
  effectiveUser(stage: Stage): EffectiveUser;
  /** Shell model of RUN, shell-form CMD/ENTRYPOINT and shell heredocs; parsed once, cached. */
  shell(instruction: DockerInstruction): ShellScript | undefined;
  /** All commands of all shell scripts in document order. */
  commands(): readonly { instruction: DockerInstruction; command: Command }[];
}

const VAR = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** A `$NAME` / `${NAME}` / `${NAME:-word}` reference with its offsets in the text it was found in. */
export interface VariableRef {
  readonly name: string;
  /** `:-`, `-`, `:+`, `+`, or undefined for a plain reference. */
  readonly op: string | undefined;
  readonly word: string | undefined;
  readonly start: number;
  readonly end: number;
}

/** The variable references in `text` (a FROM image, an EXPOSE word), in order. */
export function variableRefs(text: string): VariableRef[] {
  return [...text.matchAll(VAR)].map((m) => ({ name: (m[1] ?? m[4]) as string, op: m[2], word: m[3], start: m.index, end: m.index + m[0].length }));
}

/** Build arguments BuildKit defines for every FROM (docs: "Automatic platform ARGs in the global scope"). */
export const PREDEFINED_ARGS = new Set([
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'TARGETSTAGE',
  'BUILDKIT_SBOM_SCAN_STAGE',
  'BUILDKIT_SBOM_SCAN_CONTEXT',
]);

/** Substitutes variables from `scope`; returns undefined if any variable cannot be resolved. */
export function substitute(text: string, scope: ReadonlyMap<string, string | undefined>): string | undefined {
  // Every reference starts with `$`: most texts have none and come back unchanged.
  if (!text.includes('$')) return text;
  let unknown = false;
  const out = text.replace(VAR, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare) as string;
    const has = scope.has(name);
    const value = scope.get(name);
    const set = has && value !== undefined;
    switch (op) {
      case ':-':
        return set && value !== '' ? (value as string) : (word ?? '');
      case '-':
        return has ? (value ?? '') : (word ?? '');
      case ':+':
        return set && value !== '' ? (word ?? '') : '';
      case '+':
        return has ? (word ?? '') : '';
      default:
        if (!set) unknown = true;
        return value ?? '';
    }
  });
  return unknown ? undefined : out;
}

function tokens(list: readonly { getValue(): string; getRange(): Range }[]): Token[] {
  return list.map((a) => ({ value: a.getValue(), range: a.getRange() }));
}

/**
 * The value of one JSON-array string. dockerfile-ast 0.7.1 drops spaces inside the quotes
 * (`["a b.txt"]` gives `ab.txt`), so decode the source text; fall back to its value when the
 * string spans a line continuation or is not valid JSON.
 */
function jsonValue(index: TextIndex, range: Range, fallback: string): string {
  try {
    const decoded: unknown = JSON.parse(`"${index.slice(range)}"`);
    return typeof decoded === 'string' ? decoded : fallback;
  } catch {
    return fallback;
  }
}

/**
 * dockerfile-ast re-tokenises an instruction on every getArguments()/getFlags()/getImage()
 * call: its own constructors do it about six times per RUN/CMD/COPY while parsing, which was
 * most of the parse and ~40% of analysis time over the corpus. An instruction's text never
 * changes (each parse makes a new document), so tokenise once per instance, on the prototype
 * so that the parser's own calls hit the cache too. Callers mutate the returned array
 * (ModifiableInstruction shifts the flags off it), hence the copy. Patched once per loaded
 * copy of dockerfile-ast; only this engine uses dockerfile-ast in our bundles.
 */
const RAW_ARGS = Symbol('bulkhead.rawArguments');
const PATCHED = Symbol('bulkhead.patched');
function memoizeRawArguments(): void {
  const proto = AstInstructionClass.prototype as unknown as { getRawArguments(): unknown[]; [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const original = proto.getRawArguments;
  proto.getRawArguments = function (this: { [RAW_ARGS]?: unknown[] }): unknown[] {
    const cached = (this[RAW_ARGS] ??= original.call(this));
    return cached.slice();
  };
  proto[PATCHED] = true;
}
memoizeRawArguments();

function hasFlags(i: AstInstruction): i is AstInstruction & { getFlags(): import('dockerfile-ast').Flag[] } {
  return typeof (i as { getFlags?: unknown }).getFlags === 'function';
}

export function buildDockerfileModel(text: string): DockerfileModel {
  turnInstructionMemos();
  const index = new TextIndex(text);
  const ast = DockerfileParser.parse(text);
  const escapeChar = ast.getEscapeCharacter();
  const problems: ParseProblem[] = [];
  const instructions: DockerInstruction[] = [];
  const globalArgs: DockerInstruction[] = [];
  const stages: Stage[] = [];
  type MutableStage = { -readonly [K in keyof Stage]: Stage[K] } & { instructions: DockerInstruction[] };
  let current: MutableStage | undefined;

  // What an instruction says depends only on its text, where it starts and the escape
  // character: reused across analyses (see GenerationMemo). `keys` remembers each instruction's
  // memo key for the shell model.
  const keys = new Map<DockerInstruction, string>();
  const wrap = (i: AstInstruction, stage: Stage | undefined, onbuild: DockerInstruction | undefined): DockerInstruction => {
    const key = instructionKey(i.getRange(), index, escapeChar, onbuild !== undefined);
    const facts = instructionFacts.get(key, () => readInstruction(i, index, escapeChar));
    // dockerfile-ast makes a heredoc only of an argument that starts with `<<` (and the parser
    // runs an instruction past an unescaped newline only for one): without such an argument
    // getHeredocs() finds none, after scanning every character of a multi-line instruction (#4).
    // Heredoc objects belong to this parse (they read its document): never memoised.
    const heredocs =
      facts.heredocArg && typeof (i as unknown as { getHeredocs?: unknown }).getHeredocs === 'function'
        ? (i as unknown as { getHeredocs(): Heredoc[] }).getHeredocs()
        : [];
    const wrapped: DockerInstruction = {
      keyword: facts.keyword,
      range: facts.range,
      keywordRange: facts.keywordRange,
      args: facts.args,
      flags: facts.flags,
      argsText: facts.argsText,
      stage,
      onbuild,
      jsonForm: facts.jsonForm,
      jsonArgs: facts.jsonArgs,
      heredocs,
      ast: i,
    };
    keys.set(wrapped, key);
    return wrapped;
  };

  const astInstructions = ast.getInstructions();
  const fromCount = astInstructions.filter((i) => i.getKeyword().toUpperCase() === 'FROM').length;
  let seenFrom = 0;
  for (const i of astInstructions) {
    const keyword = i.getKeyword().toUpperCase();
    if (keyword === 'FROM') {
      seenFrom++;
      const from = wrap(i, undefined, undefined);
      const f = i as import('dockerfile-ast').From;
      const imageRange = f.getImageRange() ?? from.keywordRange;
      const imageText = f.getImage() ?? '';
      current = {
        index: stages.length,
        name: f.getBuildStage() ?? undefined,
        nameRange: f.getBuildStageRange() ?? undefined,
        from,
        image: { text: undefined, ref: undefined, range: imageRange, usesArgs: imageText.includes('$'), tagRange: f.getImageTagRange() ?? undefined },
        baseStage: undefined,
        instructions: [],
        isFinal: seenFrom === fromCount,
      };
      (from as { stage: Stage | undefined }).stage = current;
      stages.push(current);
      instructions.push(from);
      continue;
    }
    const wrapped = wrap(i, current, undefined);
    instructions.push(wrapped);
    if (current) current.instructions.push(wrapped);
    else if (keyword === 'ARG') globalArgs.push(wrapped);
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      problems.push({
        code: 'unknown-instruction',
        message: `Unknown instruction "${i.getKeyword()}": Docker will reject this file.`,
        range: i.getInstructionRange(),
        severity: 'error',
      });
    }
    if (keyword === 'ONBUILD') {
      const trigger = (i as import('dockerfile-ast').Onbuild).getTriggerInstruction();
      if (trigger) {
        const t = wrap(trigger, current, wrapped);
        instructions.push(t);
        if (current) current.instructions.push(t);
      }
    }
  }

  // Global ARG defaults are what FROM lines see (build-time --build-arg values are unknowable).
  const globalScope = new Map<string, string | undefined>();
  for (const a of globalArgs) {
    // A default may use earlier global ARGs (`ARG IMAGE=$REGISTRY/app`); Docker expands it in order.
    for (const p of (a.ast as import('dockerfile-ast').Arg).getProperties()) {
      const v = p.getValue();
      globalScope.set(p.getName(), v === null ? undefined : substitute(v, globalScope));
    }
  }
  // The first stage of each name (lower-cased). A search of the earlier stages per stage or per
  // reference was quadratic in the stage count (#8: 625 stages in the 10,000-line bench file).
  // The first stage named X before stage N is the first stage named X if it comes before N.
  const firstByName = new Map<string, Stage>();
  for (const s of stages) {
    if (s.name === undefined) continue;
    const lower = s.name.toLowerCase();
    if (!firstByName.has(lower)) firstByName.set(lower, s);
  }
  const namedBefore = (name: string, limit: number): Stage | undefined => {
    const first = firstByName.get(name.toLowerCase());
    return first && first.index < limit ? first : undefined;
  };
  // Resolve images and the stage graph in order: `FROM <stage>` may only name an earlier stage.
  for (const s of stages as MutableStage[]) {
    const f = s.from.ast as import('dockerfile-ast').From;
    const raw = f.getImage() ?? '';
    const text = substitute(raw, globalScope);
    const base = text === undefined ? undefined : namedBefore(text, s.index);
    s.baseStage = base;
    s.image = { ...s.image, text, ref: text === undefined || base ? undefined : parseImageRef(text) };
  }

  if (instructions.length === 0) {
    problems.push({
      code: 'empty',
      message: 'The file has no instructions: there is nothing to build or analyse.',
      range: index.rangeOf(0, 0),
      severity: 'warning',
    });
  } else if (stages.length === 0) {
    const first = instructions[0]!;
    problems.push({
      code: 'no-from',
      message: 'No FROM instruction: a Dockerfile must start its first stage with FROM.',
      range: first.keywordRange,
      severity: 'error',
    });
  }
  // Docker rejects a file whose last line ends in the escape character.
  // Trailing blanks trimmed by hand: the regex `[ \t\r\n]+$` retries at every blank run of the text.
  let trimmedEnd = text.length;
  while (trimmedEnd > 0 && ' \t\r\n'.includes(text[trimmedEnd - 1]!)) trimmedEnd--;
  const trimmed = text.slice(0, trimmedEnd);
  if (trimmed.endsWith(escapeChar) && instructions.length > 0 && !text.slice(0, trimmed.length - 1).endsWith(escapeChar)) {
    const end = index.positionAt(trimmed.length);
    problems.push({
      code: 'unterminated-continuation',
      message: `The last line ends with the escape character "${escapeChar}" but nothing follows it.`,
      range: { start: { line: end.line, character: end.character - 1 }, end },
      severity: 'warning',
    });
  } else if (instructions.length > 0) {
    // The same when only comment lines follow the last continuation: Docker drops them inside an
    // instruction, so the continuation still runs to the end of the file (found by the fuzzer).
    const last = instructions[instructions.length - 1]!;
    const start = index.offsetAt(last.range.start);
    const body = text.slice(start, index.offsetAt(last.range.end));
    const lines = body.split(/\r\n|\r|\n/);
    let dropped = 0;
    while (lines.length > 1 && /^\s*(#.*)?$/.test(lines[lines.length - 1]!)) {
      lines.pop();
      dropped++;
    }
    const lastLine = (lines[lines.length - 1] ?? '').replace(/[ \t]+$/, '');
    if (dropped > 0 && lastLine.endsWith(escapeChar) && !lastLine.endsWith(escapeChar + escapeChar)) {
      const lineNo = last.range.start.line + lines.length - 1;
      const at = { line: lineNo, character: lineNo === last.range.start.line ? last.range.start.character + lastLine.length : lastLine.length };
      problems.push({
        code: 'unterminated-continuation',
        message: `This line ends with the escape character "${escapeChar}" and only comment lines follow it: the instruction runs to the end of the file.`,
        range: { start: { line: at.line, character: at.character - 1 }, end: at },
        severity: 'warning',
      });
    }
  }
  for (const ins of instructions) {
    for (const h of ins.heredocs) {
      if (h.getDelimiterRange() === null) {
        problems.push({
          code: 'unterminated-heredoc',
          message: `Heredoc "${h.getName()}" is never closed: everything after it becomes part of the heredoc.`,
          range: h.getNameRange(),
          severity: 'warning',
        });
      }
    }
  }

  const stageByRef = (ref: string, before?: Stage): Stage | undefined => {
    const limit = before ? before.index : stages.length;
    if (/^\d+$/.test(ref)) {
      const n = Number(ref);
      return n < limit ? stages[n] : undefined;
    }
    return namedBefore(ref, limit);
  };

  const scopeCache = new Map<DockerInstruction, Map<string, string | undefined>>();
  const scopeAt = (at: DockerInstruction | undefined): Map<string, string | undefined> => {
    if (!at || !at.stage) return globalScope;
    const cached = scopeCache.get(at);
    if (cached) return cached;
    const scope = new Map<string, string | undefined>();
    // ENV is inherited from the stage chain; ARG only from this stage (and global defaults it re-declares).
    const chain: Stage[] = [];
    for (let s: Stage | undefined = at.stage; s; s = s.baseStage) chain.unshift(s);
    for (const s of chain) {
      for (const ins of s.instructions) {
        if (ins === at) break;
        if (ins.onbuild) continue;
        if (ins.keyword === 'ENV' || (ins.keyword === 'ARG' && s === at.stage)) {
          for (const p of (ins.ast as import('dockerfile-ast').Env).getProperties()) {
            const v = p.getValue();
            const name = p.getName();
            const value = v === null ? (ins.keyword === 'ARG' ? globalScope.get(name) : undefined) : substitute(v, scope);
            scope.set(name, value);
          }
        }
      }
    }
    scopeCache.set(at, scope);
    return scope;
  };

  const userCache = new Map<Stage, EffectiveUser>();
  const effectiveUser = (stage: Stage): EffectiveUser => {
    const cached = userCache.get(stage);
    if (cached) return cached;
    let result: EffectiveUser;
    const users = stage.instructions.filter((i) => i.keyword === 'USER' && !i.onbuild);
    const last = users[users.length - 1];
    if (last) {
      const token = last.args[0];
      const value = token ? substitute(token.value, scopeAt(last)) : undefined;
      result = { source: 'instruction', instruction: last, value, root: value === undefined ? undefined : isRootUser(value), token };
    } else if (stage.baseStage) {
      result = effectiveUser(stage.baseStage);
    } else if (stage.image.text === undefined || !stage.image.ref || !isWellFormed(stage.image.ref)) {
      // Unresolvable ARGs and template placeholders (`FROM REPLACE-ME`) say nothing about the user.
      result = { source: 'unknown' };
    } else {
      const ref = stage.image.ref;
      const d = defaultUser(ref);
      result = d.nonRoot
        ? { source: 'image', image: ref, nonRoot: true, user: d.user, why: d.why }
        : { source: 'image', image: ref, nonRoot: false, user: undefined, why: undefined };
    }
    userCache.set(stage, result);
    return result;
  };

  const shellCache = new Map<DockerInstruction, ShellScript | undefined>();
  const shell = (ins: DockerInstruction): ShellScript | undefined => {
    if (shellCache.has(ins)) return shellCache.get(ins);
    const key = keys.get(ins);
    const script = key === undefined ? buildShell(ins, index, escapeChar) : memoShell(ins, key, index, escapeChar);
    shellCache.set(ins, script);
    return script;
  };
  let allCommands: { instruction: DockerInstruction; command: Command }[] | undefined;

  return {
    kind: 'dockerfile',
    text,
    index,
    escapeChar,
    ast,
    instructions,
    globalArgs,
    stages,
    finalStage: stages[stages.length - 1],
    problems,
    stageByRef,
    // Text without `$` resolves to itself: no need to build the scope (a walk over the stage chain).
    resolve: (t, at) => (t.includes('$') ? substitute(t, scopeAt(at)) : t),
    effectiveUser,
    shell,
    commands() {
      if (!allCommands) {
        allCommands = [];
        for (const ins of instructions) {
          const s = shell(ins);
          if (s) for (const command of s.commands) allCommands.push({ instruction: ins, command });
        }
      }
      return allCommands;
    },
  };
}

const SHELL_INSTRUCTIONS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/**
 * A memo of per-instruction facts across analyses (#8). An editor analyses the whole file on
 * every keystroke, and all instructions but the edited one come back unchanged. What the model
 * derives from one instruction (its tokens, flags, exec form; its shell model) holds only
 * line/character ranges, which depend on nothing but the instruction's text and where it
 * starts: the same text at the same line and column (and escape character) gives equal
 * results, so they are keyed by exactly that (instructionKey). Values are never mutated, except
 * the commands' memo slots (unwrap, packageCommand), which are pure functions of the command:
 * reusing the objects keeps them too. Bounded by generations: each model build starts one, an
 * entry used in it moves to it, and entries the last GENERATIONS builds did not use are dropped.
 */
class GenerationMemo<V> {
  /** Newest first: what the current analysis used, then what the two before it used. */
  private generations: Map<string, V>[] = [new Map<string, V>()];
  constructor(private readonly limit: number) {}

  /** A new analysis starts: entries no analysis among the last three asked for are dropped. */
  turn(): void {
    this.generations.unshift(new Map());
    if (this.generations.length > GENERATIONS) this.generations.pop();
  }

  clear(): void {
    this.generations = [new Map<string, V>()];
  }

  get(key: string, build: () => V): V {
    const current = this.generations[0]!;
    const hit = current.get(key);
    if (hit !== undefined || current.has(key)) return hit as V;
    let value: V | undefined;
    let found = false;
    for (let g = 1; g < this.generations.length && !found; g++) {
      const older = this.generations[g]!;
      if (older.has(key)) {
        value = older.get(key);
        found = true;
      }
    }
    if (!found) value = build();
    // A single huge analysis must not grow the memo without bound either.
    if (current.size >= this.limit) this.turn();
    this.generations[0]!.set(key, value as V);
    return value as V;
  }
}

/**
 * The memo key of an instruction: escape character, trigger mark, start line and column, and
 * its text with the line break after it (which decides the position of an offset at its end).
 */
function instructionKey(range: Range, index: TextIndex, escapeChar: string, trigger: boolean): string {
  const text = index.text;
  const from = index.offsetAt(range.start);
  let to = index.offsetAt(range.end);
  for (let k = 0; k < 2 && (text.charCodeAt(to) === 13 || text.charCodeAt(to) === 10); k++) to++;
  return `${escapeChar}${trigger ? '+' : ' '}${range.start.line}:${range.start.character} ${text.slice(from, to)}`;
}

/** What one instruction says, apart from its place in the file (stage, ONBUILD) and its heredocs. */
interface InstructionFacts extends Pick<DockerInstruction, 'keyword' | 'range' | 'keywordRange' | 'args' | 'flags' | 'argsText' | 'jsonForm' | 'jsonArgs'> {
  /** An argument starts with `<<`: the instruction may have heredocs. */
  readonly heredocArg: boolean;
}

// What the last three analyses used is kept: the next keystroke in the same document finds it
// even when one other document was analysed in between, and a server with 200 open documents
// holds the entries of three (most of which their cached models hold anyway). The limits only
// bound one huge analysis (the 10,000-line file of the LSP bench has 10,000 instructions).
const GENERATIONS = 3;
const instructionFacts = new GenerationMemo<InstructionFacts>(32768);
const shellModels = new GenerationMemo<ShellScript | undefined>(16384);

/** Called once per model build: one analysis, one generation. */
function turnInstructionMemos(): void {
  instructionFacts.turn();
  shellModels.turn();
}

/** Forgets every memoised instruction fact and shell model (tests compare a cold analysis with a warm one). */
export function clearInstructionMemos(): void {
  instructionFacts.clear();
  shellModels.clear();
}

function readInstruction(i: AstInstruction, index: TextIndex, escapeChar: string): InstructionFacts {
  const keyword = i.getKeyword().toUpperCase();
  const flags: InstructionFlag[] = hasFlags(i)
    ? i.getFlags().map((f) => ({ name: f.getName(), value: f.getValue() ?? undefined, range: f.getRange(), valueRange: f.getValueRange() ?? undefined }))
    : [];
  const argsText = i.getRawArgumentsContent() ?? '';
  const json =
    typeof (i as { getJSONStrings?: unknown }).getJSONStrings === 'function'
      ? (i as unknown as { getOpeningBracket(): unknown; getJSONStrings(): { getJSONValue(): string; getJSONRange(): Range }[] })
      : undefined;
  // Docker uses exec form only when the arguments are a valid JSON array of strings; anything
  // else (`RUN [ "$X" = 1 ] && ...`) is shell form.
  const jsonForm =
    json !== undefined && json.getOpeningBracket() !== null && json.getJSONStrings().length > 0 && isJsonStringArray(argsText, flags.length > 0, escapeChar);
  const args = tokens(i.getArguments());
  return {
    keyword,
    range: i.getRange(),
    keywordRange: i.getInstructionRange(),
    args,
    flags,
    argsText,
    jsonForm,
    jsonArgs:
      jsonForm && json ? json.getJSONStrings().map((s) => ({ value: jsonValue(index, s.getJSONRange(), s.getJSONValue()), range: s.getJSONRange() })) : [],
    heredocArg: args.some((a) => a.value.startsWith('<<')),
  };
}

function memoShell(ins: DockerInstruction, key: string, index: TextIndex, escapeChar: string): ShellScript | undefined {
  if (!SHELL_INSTRUCTIONS.has(ins.keyword)) return undefined;
  const end = ins.range.end;
  // A heredoc body is inside its instruction's range; if it ever were not, its text would not be in the key.
  for (const h of ins.heredocs) {
    const body = h.getContentRange();
    if (body && (body.end.line > end.line || (body.end.line === end.line && body.end.character > end.character))) {
      return buildShell(ins, index, escapeChar);
    }
  }
  return shellModels.get(key, () => buildShell(ins, index, escapeChar));
}

function buildShell(ins: DockerInstruction, index: TextIndex, escapeChar: string): ShellScript | undefined {
  if (!SHELL_INSTRUCTIONS.has(ins.keyword)) return undefined;
  if (ins.jsonForm) return execFormScript(ins);
  const first = ins.args[0];
  if (!first) return undefined;
  const start = index.offsetAt(first.range.start);
  const firstHeredoc = ins.heredocs[0];
  const end = firstHeredoc ? index.lineEnd(firstHeredoc.getStartRange().start.line) : index.offsetAt(ins.range.end);
  const segments: Segment[] = [{ start, end }];
  const head = parseShell(index, segments, escapeChar);
  if (ins.heredocs.length === 0) return head;
  // Heredoc bodies are scripts when fed to nothing (`RUN <<EOF`) or to a shell (`RUN bash <<EOF`).
  for (const h of ins.heredocs) {
    const body = h.getContentRange();
    if (!body) continue;
    const owner = head.commands.find((c) =>
      c.redirects.some((r) => r.op.startsWith('<<') && r.op !== '<<<' && r.target?.value.replace(/^-/, '') === h.getName()),
    );
    const ownerName = owner?.name?.value.slice((owner.name.value.lastIndexOf('/') ?? -1) + 1);
    if (owner === undefined || owner.name === undefined || ['sh', 'bash', 'ash', 'dash', 'zsh'].includes(ownerName ?? '')) {
      segments.push({ start: index.offsetAt(body.start), end: index.offsetAt(body.end) });
    }
  }
  return parseShell(index, segments, escapeChar);
}

/** `RUN ["apt-get", "install", "x"]` is one command with no shell; model it as such. */
function execFormScript(ins: DockerInstruction): ShellScript | undefined {
  const [name, ...rest] = ins.jsonArgs;
  if (!name) return undefined;
  const word = (t: Token) => ({ value: t.value, raw: t.value, range: t.range });
  const range = { start: name.range.start, end: (rest[rest.length - 1] ?? name).range.end };
  const pipeline = { commands: [] as Command[], after: undefined, range };
  const cmd: Command = { name: word(name), args: rest.map(word), assignments: [], redirects: [], range, pipeline, pipelineIndex: 0, inSubstitution: false };
  addSlots(cmd);
  pipeline.commands.push(cmd);
  return { commands: [cmd], pipelines: [pipeline], unterminated: false };
}

/** True when `text` (after any flags) is a JSON array of strings, the only exec form Docker accepts. */
function isJsonStringArray(text: string, hasFlags: boolean, escapeChar: string): boolean {
  let t = text
    .split(escapeChar + '\r\n')
    .join(' ')
    .split(escapeChar + '\n')
    .join(' ')
    .trim();
  if (hasFlags) t = t.replace(/^(--[A-Za-z-]+(=("[^"]*"|\S*))?\s+)+/, '');
  if (!t.startsWith('[')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}
