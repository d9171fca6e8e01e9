/**
 * The engine's public entry: text in, findings and edits out. Pure: no I/O, no globals from
 * Node or VS Code, time only through the injected clock. Never throws on any input.
 */
import type { EngineConfig } from './config';
import { applyEdits } from './edits';
import { buildComposeModel, type ComposeModel, type FileReader } from './model/compose';
import { buildDockerfileModel, type DockerfileModel } from './model/dockerfile';
import { attachHost } from './model/build-context';
import type { AnyRule } from './rule';
import { ALL_RULES } from './rules';
import { runRules, type Finding, type RuleError } from './runner';
import { composeSuppressions, dockerfileSuppressions, forbiddenSuppressions, referenceIndex, unusedSuppressions, type Suppression } from './suppress';
import { TextIndex } from './text';
import type { FileKind, ParseProblem, Position, TextEdit } from './types';

export type { EngineConfig, Customization, RuleSetting, RuleSeverity } from './config';
export {
  CONFIG_FILE_NAMES,
  isIgnoredByConfig,
  layerConfig,
  loadConfigFile,
  parseConfigFile,
  type ConfigHost,
  type ConfigProblem,
  type LoadedConfig,
} from './configFile';
export type { Finding, Fix, Suggestion, RuleError } from './runner';
export type { AnyRule, RuleMeta, ToolReference, Category, FixSafety, Related } from './rule';
export type { FileKind, Severity, Range, Position, TextEdit, ParseProblem } from './types';
export { SEVERITIES } from './types';
export { ruleDocPath, formatMessage } from './rule';
export { kindFromName, kindFromContent, isDockerfileName, isComposeName } from './detect';
export { applyEdits } from './edits';
export { TextIndex } from './text';

/** Files above this size are not analysed (a clear problem is reported instead). */
export const MAX_TEXT_LENGTH = 4 * 1024 * 1024;

export interface AnalyzeOptions {
  readonly kind: FileKind;
  /**
   * The analysed file's path as the host names it (POSIX or Windows). Compose: names the
   * file in the merged project and locates its override, `include` and `extends` files
   * through `files`. The engine never reads files itself.
   */
  readonly path?: string;
  /**
   * Reads the other files of the project (an open editor buffer or the disk); returns
   * undefined when a file does not exist. Compose: override, `include` and `extends` files.
   * Dockerfile: the `.dockerignore` of the build context. Without it a file is analysed alone.
   */
  readonly files?: FileReader;
  /** Compose: variables for `${VAR}` interpolation (e.g. the `.env` beside the file). Others stay unknown. */
  readonly env?: Readonly<Record<string, string>>;
  /** Compose: the ordered files the user runs together (`-f a -f b`); default: the file and its override. */
  readonly project?: readonly string[];
  readonly config?: EngineConfig;
  /** Clock for per-rule timings (milliseconds). */
  readonly now?: () => number;
  /**
   * Host hook: called with a rule's id when its code starts running (its check, or later one of
   * its lazy fixes) and with undefined when it returns. A host that interrupts a runaway
   * analysis (server/src/node/guard.ts) reads it to name the rule; the engine only calls it.
   */
  readonly onRule?: (ruleId: string | undefined) => void;
  /** Restrict to these rules (tests, benchmarks). */
  readonly rules?: readonly AnyRule[];
  /** Texts longer than this (UTF-16 units) get one "too-large" problem and are not parsed; at most MAX_TEXT_LENGTH. */
  readonly maxTextLength?: number;
}

export interface AnalysisResult {
  readonly kind: FileKind;
  readonly findings: readonly Finding[];
  /** Findings silenced by `# bulkhead ignore=` comments, for "show ignored". */
  readonly suppressed: readonly Finding[];
  readonly problems: readonly ParseProblem[];
  readonly errors: readonly RuleError[];
  readonly timings: Readonly<Record<string, number>>;
  /** The model the findings refer to (undefined when the input was not analysable). */
  readonly model: DockerfileModel | ComposeModel | undefined;
  /**
   * Every other file the analysis asked the host reader for (override, `include`/`extends`
   * targets, the Dockerfile behind a `build:`, `.dockerignore`), found or not, in first-read
   * order. Hosts re-analyse this file when one of them changes (or appears).
   */
  readonly dependencies?: readonly string[];
}

export function rulesFor(kind: FileKind): readonly AnyRule[] {
  return ALL_RULES.filter((r) => r.meta.kind === kind);
}

export function allRules(): readonly AnyRule[] {
  return ALL_RULES;
}

export function getRule(id: string): AnyRule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}

/** Our ids, and our ids by other tools' ids, for ignore comments and foreign pragmas. */
const REFERENCES = referenceIndex(ALL_RULES);

function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

function notAnalysed(kind: FileKind, problem: ParseProblem): AnalysisResult {
  return { kind, findings: [], suppressed: [], problems: [problem], errors: [], timings: {}, model: undefined };
}

export function analyze(input: string, options: AnalyzeOptions): AnalysisResult {
  const kind = options.kind;
  const now = options.now ?? Date.now;
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (typeof input !== 'string') return notAnalysed(kind, { code: 'binary', message: 'Input is not text.', range: zero, severity: 'error' });
  const limit = Math.min(options.maxTextLength ?? MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
  if (input.length > limit) {
    return notAnalysed(kind, {
      code: 'too-large',
      message: `File is too large to analyse (${Math.round(input.length / 1024)} KiB; the limit is ${Math.round(limit / 1024)} KiB).`,
      range: zero,
      severity: 'warning',
    });
  }
  if (looksBinary(input))
    return notAnalysed(kind, { code: 'binary', message: 'File looks binary (NUL or control bytes): not analysed.', range: zero, severity: 'error' });
  // A Dockerfile's BOM is replaced by a space so every offset stays the same as in the caller's
  // text. YAML is given its BOM (the `yaml` lexer reads it as a byte-order mark): a space there
  // would indent the first key and make every later top-level key a syntax error.
  // Except before indentation: `yaml` would not count it (a first line indented after a BOM
  // parses as if it were not), where Compose's own parser reports the bad indentation.
  const bom = input.charCodeAt(0) === 0xfeff;
  const bomSpace = bom && (kind === 'dockerfile' || /^\ufeff[ \t]/.test(input));
  const text = bomSpace ? ' ' + input.slice(1) : input;
  // Every path the model or a rule reads is recorded, so a host knows what this result depends on.
  const dependencies: string[] = [];
  const host = options.files;
  const seen = new Set<string>();
  const files: FileReader | undefined = host && {
    read(p: string) {
      if (!seen.has(p)) {
        seen.add(p);
        dependencies.push(p);
      }
      return host.read(p);
    },
  };
  let model: DockerfileModel | ComposeModel;
  try {
    if (kind === 'dockerfile') {
      const dockerfile = buildDockerfileModel(text);
      // Rules that look at the build context (the .dockerignore) read it through the host.
      attachHost(dockerfile, options.path, files);
      model = dockerfile;
    } else model = buildComposeModel(text, composeOptions({ ...options, ...(files ? { files } : {}) }));
  } catch (e) {
    return notAnalysed(kind, {
      code: 'syntax',
      message: `Bulkhead could not parse this file: ${e instanceof Error ? e.message : String(e)}`,
      range: zero,
      severity: 'error',
    });
  }
  const problems: ParseProblem[] = [...model.problems];
  let suppressions: Suppression[] = [];
  try {
    const parsed = model.kind === 'dockerfile' ? dockerfileSuppressions(model, REFERENCES) : composeSuppressions(model, REFERENCES);
    suppressions = parsed.suppressions;
    problems.push(...parsed.problems);
    if (options.config?.noInlineSuppressions) {
      problems.push(...forbiddenSuppressions(suppressions));
      suppressions = [];
    }
  } catch {
    // Suppression parsing must never hide findings; without it every finding is shown.
  }
  const rules = (options.rules ?? ALL_RULES).filter((r) => r.meta.kind === kind);
  const run = runRules(model, rules, options.config, suppressions, now, bomSpace, options.onRule);
  // YAML the parser had to recover from is reported, but not rewritten: an edit placed by the
  // recovered tree can land inside the broken construct (found by the property tests).
  // Likewise a Dockerfile whose heredoc or continuation runs to the end of the file (an edit
  // after it would land inside it), and a RUN whose shell text leaves a quote open.
  const unfinished = model.kind === 'dockerfile' && model.problems.some((p) => p.code === 'unterminated-heredoc' || p.code === 'unterminated-continuation');
  const findings =
    model.kind === 'compose'
      ? model.problems.some((p) => p.severity === 'error')
        ? run.findings.map(withoutFixes)
        : run.findings
      : unfinished
        ? run.findings.map(withoutFixes)
        : withoutFixesIn(run.findings, model as DockerfileModel);
  // Rules that ran have a timing; a disabled or unselected rule says nothing about a comment.
  // Most files have no suppression comment: no set of the rules that ran then.
  if (suppressions.length > 0) problems.push(...unusedSuppressions(suppressions, run.suppressed, new Set(Object.keys(run.timings))));
  return {
    kind,
    findings: bom ? findings.map(afterBom) : findings,
    suppressed: bom ? run.suppressed.map(afterBom) : run.suppressed,
    problems,
    errors: run.errors,
    timings: run.timings,
    model,
    dependencies,
  };
}

/**
 * In a text that starts with a BOM, fix edits start after it: one that removes or inserts at
 * the very start of the first line (removing a first `version:` line, say) would otherwise drop
 * the BOM or put text before it, where a later U+FEFF becomes the BOM and its line changes
 * meaning (found by `npm run fuzz`: removing the first of two `\uFEFFONBUILD ENV` lines).
 */
function afterBom(f: Finding): Finding {
  if (!f.fix && f.suggestions.length === 0) return f;
  const shift = (p: Position): Position => (p.line === 0 && p.character === 0 ? { line: 0, character: 1 } : p);
  const keep = (edits: () => readonly TextEdit[]) => () => edits().map((e) => ({ ...e, range: { start: shift(e.range.start), end: shift(e.range.end) } }));
  return {
    ...f,
    fix: f.fix && { ...f.fix, edits: keep(f.fix.edits.bind(f.fix)) },
    suggestions: f.suggestions.map((s) => ({ ...s, edits: keep(s.edits.bind(s)) })),
  };
}

/** Line spans of the instructions whose shell text leaves a quote open (usually none), computed once per analysis. */
function unterminatedSpans(model: DockerfileModel): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  for (const ins of model.instructions) {
    try {
      if (model.shell(ins)?.unterminated) spans.push({ from: ins.range.start.line, to: ins.range.end.line });
    } catch {
      // An instruction the shell model cannot read has no script to protect.
    }
  }
  return spans;
}

function withoutFixesIn(findings: Finding[], model: DockerfileModel): Finding[] {
  if (!findings.some((f) => f.fix || f.suggestions.length)) return findings;
  const spans = unterminatedSpans(model);
  if (spans.length === 0) return findings;
  return findings.map((f) => (spans.some((s) => s.from <= f.range.start.line && f.range.start.line <= s.to) ? withoutFixes(f) : f));
}

function withoutFixes(f: Finding): Finding {
  return f.fix || f.suggestions.length ? { ...f, fix: undefined, suggestions: [] } : f;
}

function composeOptions(o: AnalyzeOptions) {
  return {
    ...(o.path !== undefined ? { path: o.path } : {}),
    ...(o.files ? { files: o.files } : {}),
    ...(o.env ? { env: o.env } : {}),
    ...(o.project ? { project: o.project } : {}),
  };
}

export interface FixAllOptions extends AnalyzeOptions {
  /** Apply only fixes declared safe (fix-on-save, fix-all). Default true. */
  readonly safeOnly?: boolean;
  /** Only fixes of these rule ids. */
  readonly ruleIds?: readonly string[];
  readonly maxPasses?: number;
}

export interface FixAllResult {
  readonly text: string;
  readonly passes: number;
  readonly applied: number;
}

/** Non-overlapping edits of the given findings' fixes, in document order (first wins). */
export function collectFixEdits(findings: readonly Finding[], safeOnly: boolean, ruleIds?: readonly string[]): TextEdit[] {
  const chosen: TextEdit[][] = [];
  const taken: { s: number; e: number }[] = [];
  const key = (p: { line: number; character: number }) => p.line * 1e7 + p.character;
  for (const f of findings) {
    if (!f.fix || (safeOnly && f.fix.safety !== 'safe') || (ruleIds && !ruleIds.includes(f.ruleId))) continue;
    const edits = f.fix.edits();
    if (edits.length === 0) continue;
    const spans = edits.map((e) => ({ s: key(e.range.start), e: key(e.range.end) }));
    const clash = spans.some((a) => taken.some((b) => (a.s < b.e && b.s < a.e) || (a.s === a.e && a.s === b.s) || (b.s === b.e && b.s === a.s)));
    if (clash) continue;
    taken.push(...spans);
    chosen.push([...edits]);
  }
  return chosen.flat();
}

/**
 * Applies fixes, re-analyses and repeats (bounded, stops on a cycle), as ESLint does: a fix
 * is always computed against fresh analysis of the current text.
 */
export function fixAll(text: string, options: FixAllOptions): FixAllResult {
  const safeOnly = options.safeOnly ?? true;
  const maxPasses = options.maxPasses ?? 10;
  const seen = new Set<string>([text]);
  let current = text;
  let applied = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const result = analyze(current, options);
    const edits = collectFixEdits(result.findings, safeOnly, options.ruleIds);
    if (edits.length === 0) break;
    let next: string;
    try {
      next = applyEdits(new TextIndex(current), edits);
    } catch {
      break;
    }
    passes++;
    applied += edits.length;
    if (seen.has(next)) {
      current = next;
      break;
    }
    seen.add(next);
    current = next;
  }
  return { text: current, passes, applied };
}
