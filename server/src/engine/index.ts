/**
 * The engine's public entry: text in, findings and edits out. Pure: no I/O, no globals from
 * Node or VS Code, time only through the injected clock. Never throws on any input.
 */
import type { EngineConfig } from './config';
import { applyEdits } from './edits';
import { buildComposeModel, type ComposeModel, type FileReader } from './model/compose';
import { composeUnits } from './model/compose/units';
import { buildDockerfileModel, type DockerfileModel } from './model/dockerfile';
import { attachHost } from './model/build-context';
import type { AnyRule } from './rule';
import { ALL_RULES } from './rules';
import { runRules, type Finding, type RuleError } from './runner';
import { forbiddenSuppressions, parseSuppressions, type Suppression } from './suppress';
import { TextIndex } from './text';
import type { FileKind, ParseProblem, TextEdit } from './types';

export type { EngineConfig, Customization, RuleSetting, RuleSeverity } from './config';
export { CONFIG_FILE_NAMES, isIgnoredByConfig, layerConfig, loadConfigFile, parseConfigFile, type ConfigHost, type ConfigProblem, type LoadedConfig } from './configFile';
export type { Finding, Fix, Suggestion, RuleError } from './runner';
export type { AnyRule, RuleMeta, ToolReference, Category, FixSafety } from './rule';
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
  /** Restrict to these rules (tests, benchmarks). */
  readonly rules?: readonly AnyRule[];
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

const KNOWN_IDS = new Set(ALL_RULES.map((r) => r.meta.id));

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
  if (input.length > MAX_TEXT_LENGTH) {
    return notAnalysed(kind, { code: 'too-large', message: `File is too large to analyse (${Math.round(input.length / 1024)} KiB; the limit is ${MAX_TEXT_LENGTH / 1024} KiB).`, range: zero, severity: 'warning' });
  }
  if (looksBinary(input)) return notAnalysed(kind, { code: 'binary', message: 'File looks binary (NUL or control bytes): not analysed.', range: zero, severity: 'error' });
  // A BOM is replaced by a space so every offset stays the same as in the caller's text.
  const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
  let model: DockerfileModel | ComposeModel;
  try {
    if (kind === 'dockerfile') {
      const dockerfile = buildDockerfileModel(text);
      // Rules that look at the build context (the .dockerignore) read it through the host.
      attachHost(dockerfile, options.path, options.files);
      model = dockerfile;
    } else model = buildComposeModel(text, composeOptions(options));
  } catch (e) {
    return notAnalysed(kind, { code: 'syntax', message: `Bulkhead could not parse this file: ${e instanceof Error ? e.message : String(e)}`, range: zero, severity: 'error' });
  }
  const problems: ParseProblem[] = [...model.problems];
  let suppressions: Suppression[] = [];
  try {
    const parsed = model.kind === 'dockerfile' ? dockerfileSuppressions(model) : composeSuppressions(model);
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
  const run = runRules(model, rules, options.config, suppressions, now);
  return { kind, findings: run.findings, suppressed: run.suppressed, problems, errors: run.errors, timings: run.timings, model };
}

function dockerfileSuppressions(model: DockerfileModel) {
  // dockerfile-ast reads a leading `# key=value` line as a parser directive, so leading
  // `# bulkhead ignore-file=` lines arrive as directives rather than comments.
  const lines = [...model.ast.getDirectives().map((d) => d.getRange()), ...model.ast.getComments().map((c) => c.getRange())];
  const comments = lines.map((range) => ({ line: range.start.line, text: model.index.lineText(range.start.line).trim(), range }));
  const starts = model.instructions.filter((i) => !i.onbuild);
  return parseSuppressions(
    comments,
    (line) => {
      const next = starts.find((i) => i.range.start.line > line);
      return next ? { from: next.range.start.line, to: next.range.end.line } : undefined;
    },
    KNOWN_IDS,
  );
}

function composeOptions(o: AnalyzeOptions) {
  return { ...(o.path !== undefined ? { path: o.path } : {}), ...(o.files ? { files: o.files } : {}), ...(o.env ? { env: o.env } : {}), ...(o.project ? { project: o.project } : {}) };
}

function composeSuppressions(model: ComposeModel) {
  const comments: { line: number; text: string; range: import('./types').Range }[] = [];
  // A bulkhead comment contains the word: most files have none, so skip the line scan.
  const lineCount = model.index.text.includes('bulkhead') ? model.index.lineCount : 0;
  for (let line = 0; line < lineCount; line++) {
    const t = model.index.lineText(line);
    const at = t.indexOf('#');
    if (at >= 0 && /^\s*#\s*bulkhead\b/.test(t)) comments.push({ line, text: t.slice(at), range: { start: { line, character: at }, end: { line, character: t.length } } });
  }
  // An ignore comment covers the YAML node that starts on the next code line: a service key
  // covers the whole service, a service's key its value, a list item that item.
  // Built only when there is a comment to place (a walk over the whole document).
  let units: ReturnType<typeof composeUnits> | undefined;
  return parseSuppressions(
    comments,
    (line) => {
      for (let l = line + 1; l < model.index.lineCount; l++) {
        const t = model.index.lineText(l).trim();
        if (t === '' || t.startsWith('#')) continue;
        return (units ??= composeUnits(model)).get(l) ?? { from: l, to: l };
      }
      return undefined;
    },
    KNOWN_IDS,
  );
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
    const clash = spans.some((a) => taken.some((b) => a.s < b.e && b.s < a.e || (a.s === a.e && a.s === b.s) || (b.s === b.e && b.s === a.s)));
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
