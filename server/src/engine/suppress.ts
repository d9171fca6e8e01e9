/**
 * Inline suppressions, applied centrally after rules run (hadolint's Process.hs does the
 * same): rules never see them.
 *
 * Our own comments (Dockerfile and Compose):
 *   # bulkhead ignore=<id>[,<id>...] [-- reason]        the next instruction (all its lines) / YAML node
 *   # bulkhead ignore-stage=<id>[,<id>...] [-- reason]  Dockerfile: the stage of the next instruction (put it above FROM)
 *   # bulkhead ignore-file=<id>[,<id>...] [-- reason]   the whole file
 *
 * Other tools' pragmas a user already has, mapped to our ids through the rules' `references`
 * (only `same` and `partial` ones: an `inspired` check is not the same finding):
 *   # hadolint ignore=DL3007[,...]          next instruction; `# hadolint global ignore=` whole file
 *   # trivy:ignore:AVD-DS-0001              next instruction (Trivy also accepts DS001)
 *   # checkov:skip=CKV_DOCKER_7[:reason]    whole file (Checkov applies Dockerfile skips file-wide)
 *   # check=skip=JSONArgsRecommended[,...]  whole file (BuildKit check directive; `skip=all`)
 *   # kics-scan ignore-line                 the next line, for every rule with a KICS equivalent
 *   # kics-scan ignore-block                the next instruction (a whole stage above FROM) / YAML node
 *   # kics-scan disable=<query-uuid>[,...]  whole file; `# kics-scan ignore` whole file
 *
 * Unknown ids in our comments and our comments that hide nothing are reported as hints, so a
 * typo or a stale comment never silently stays. Foreign pragmas are never reported: they also
 * serve the other tool.
 */
import type { ComposeModel } from './model/compose';
import { composeUnits } from './model/compose/units';
import type { DockerfileModel } from './model/dockerfile';
import type { ToolName, ToolReference } from './rule';
import type { ParseProblem, Range } from './types';

export interface SuppressionComment {
  readonly line: number;
  readonly text: string;
  readonly range: Range;
}

export type SuppressionSource = 'bulkhead' | 'hadolint' | 'trivy' | 'checkov' | 'buildkit' | 'kics';

export interface Suppression {
  readonly ids: readonly string[];
  readonly reason: string | undefined;
  /** Lines covered (inclusive); undefined means the whole file. */
  readonly lines: { readonly from: number; readonly to: number } | undefined;
  readonly comment: Range;
  /** Which tool's syntax the comment uses. */
  readonly source: SuppressionSource;
}

/** Line spans a comment on `line` can cover; undefined when nothing follows it. */
export interface SuppressionScopes {
  /** The next instruction (Dockerfile) or YAML node (Compose). */
  next(line: number): { from: number; to: number } | undefined;
  /** The first line of the next instruction / code line. */
  nextLine(line: number): { from: number; to: number } | undefined;
  /** Dockerfile: the stage holding the next instruction; Compose: undefined. */
  stage(line: number): { from: number; to: number } | undefined;
  /** KICS blocks: a stage above FROM, else the next instruction (Compose: the YAML node). */
  block(line: number): { from: number; to: number } | undefined;
}

/** Rule ids by the ids other tools give the same check. */
export interface ReferenceIndex {
  readonly known: ReadonlySet<string>;
  lookup(tool: ToolName, id: string): readonly string[];
  /** Every rule with a `same`/`partial` reference to the tool (KICS ignore-line, `check=skip=all`). */
  all(tool: ToolName): readonly string[];
}

function normalise(tool: ToolName, id: string): string {
  const u = id.trim().toUpperCase();
  if (tool === 'trivy') {
    // AVD-DS-0002, DS-0002 and the older DS002 name the same check.
    const m = /^(?:AVD-)?DS-?0*(\d+)$/.exec(u);
    return m ? `DS-${(m[1] as string).padStart(4, '0')}` : u;
  }
  // KICS references keep the 8-character prefix of the query UUID.
  if (tool === 'kics') return u.slice(0, 8);
  return u;
}

export function referenceIndex(
  rules: readonly { readonly meta: { readonly id: string; readonly kind: string; readonly references: readonly ToolReference[] } }[],
): ReferenceIndex {
  const byTool = new Map<string, Map<string, string[]>>();
  const allByTool = new Map<string, string[]>();
  for (const r of rules) {
    for (const ref of r.meta.references) {
      if (ref.match === 'inspired') continue;
      const key = normalise(ref.tool, ref.id);
      let m = byTool.get(ref.tool);
      if (!m) byTool.set(ref.tool, (m = new Map<string, string[]>()));
      const list = m.get(key) ?? [];
      if (!list.includes(r.meta.id)) list.push(r.meta.id);
      m.set(key, list);
      const all = allByTool.get(ref.tool) ?? [];
      if (!all.includes(r.meta.id)) all.push(r.meta.id);
      allByTool.set(ref.tool, all);
    }
  }
  return {
    known: new Set(rules.map((r) => r.meta.id)),
    lookup: (tool, id) => byTool.get(tool)?.get(normalise(tool, id)) ?? [],
    all: (tool) => allByTool.get(tool) ?? [],
  };
}

const BULKHEAD = /^#\s*bulkhead\s+(ignore|ignore-file|ignore-stage)\s*=\s*([A-Za-z0-9_,\s-]*?[A-Za-z0-9-])(?:\s+(?:--\s*)?(.*))?$/;
const HADOLINT = /^#\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s]*[A-Za-z0-9])/i;
const TRIVY = /^#\s*trivy:ignore:([A-Za-z0-9-]+)/i;
const CHECKOV = /^#\s*checkov:skip=([A-Za-z0-9_]+)(?::\s*(.*))?$/i;
const BUILDKIT = /^#\s*check\s*=\s*(.*)$/i;
const KICS = /^#\s*kics-scan\s+(ignore-line|ignore-block|ignore|disable\s*=\s*([A-Za-z0-9,\s-]+))\s*$/i;

/** `<reason>` is the placeholder our "Ignore" code actions insert: not a reason yet. */
function reasonOf(text: string | undefined): string | undefined {
  const r = text?.trim();
  return r && r !== '<reason>' ? r : undefined;
}

function list(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

export function parseSuppressions(
  comments: readonly SuppressionComment[],
  scopes: SuppressionScopes,
  refs: ReferenceIndex,
): { suppressions: Suppression[]; problems: ParseProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: ParseProblem[] = [];
  const add = (
    source: SuppressionSource,
    c: SuppressionComment,
    ids: readonly string[],
    lines: { from: number; to: number } | undefined | 'none',
    reason?: string,
  ) => {
    if (lines === 'none' || ids.length === 0) return;
    suppressions.push({ ids: [...new Set(ids)], reason, lines, comment: c.range, source });
  };
  for (const c of comments) {
    const text = c.text.trim();
    let m: RegExpExecArray | null;
    if ((m = BULKHEAD.exec(text))) {
      const ids = list(m[2] ?? '');
      for (const id of ids) {
        if (!refs.known.has(id)) problems.push({ code: 'syntax', message: `Unknown rule id "${id}" in bulkhead comment.`, range: c.range, severity: 'hint' });
      }
      const form = m[1];
      const lines = form === 'ignore-file' ? undefined : ((form === 'ignore' ? scopes.next(c.line) : scopes.stage(c.line)) ?? 'none');
      add('bulkhead', c, ids, lines, reasonOf(m[3]));
    } else if (/^#\s*bulkhead\s+ignore/.test(text)) {
      problems.push({
        code: 'syntax',
        message: 'Malformed bulkhead comment: write "# bulkhead ignore=<rule-id> -- <reason>".',
        range: c.range,
        severity: 'warning',
      });
    } else if ((m = HADOLINT.exec(text))) {
      const ids = list(m[2] ?? '').flatMap((id) => refs.lookup('hadolint', id));
      add('hadolint', c, ids, m[1] ? undefined : (scopes.next(c.line) ?? 'none'));
    } else if ((m = TRIVY.exec(text))) {
      // Trivy's ignore may carry `:exp:<date>`; the id is what counts here.
      add('trivy', c, refs.lookup('trivy', m[1] ?? ''), scopes.next(c.line) ?? 'none');
    } else if ((m = CHECKOV.exec(text))) {
      add('checkov', c, refs.lookup('checkov', m[1] ?? ''), undefined, reasonOf(m[2]));
    } else if ((m = BUILDKIT.exec(text))) {
      // `# check=skip=A,B;error=true`: only the skip list matters.
      const skip = /(?:^|;)\s*skip\s*=\s*([^;]*)/i.exec(m[1] ?? '')?.[1] ?? '';
      const names = list(skip);
      const ids = names.some((n) => n.toLowerCase() === 'all') ? refs.all('buildkit') : names.flatMap((n) => refs.lookup('buildkit', n));
      add('buildkit', c, ids, undefined);
    } else if ((m = KICS.exec(text))) {
      const form = (m[1] ?? '').toLowerCase();
      if (form === 'ignore-line') add('kics', c, refs.all('kics'), scopes.nextLine(c.line) ?? 'none');
      else if (form === 'ignore-block') add('kics', c, refs.all('kics'), scopes.block(c.line) ?? 'none');
      else if (form === 'ignore') add('kics', c, refs.all('kics'), undefined);
      else
        add(
          'kics',
          c,
          list(m[2] ?? '').flatMap((id) => refs.lookup('kics', id)),
          undefined,
        );
    }
  }
  return { suppressions, problems };
}

/** A comment line worth parsing: ours or another tool's pragma. */
const PRAGMA = /^\s*#\s*(bulkhead\b|hadolint\b|trivy:|checkov:|check\s*=|kics-scan\b)/i;

/** Every PRAGMA line contains one of these: a text without any has no pragma (most files). */
const PRAGMA_WORD = /bulkhead|hadolint|trivy:|checkov:|check\s*=|kics-scan/i;

export function dockerfileSuppressions(model: DockerfileModel, refs: ReferenceIndex): { suppressions: Suppression[]; problems: ParseProblem[] } {
  // One scan of the whole text spares trimming every comment's line (the main self cost of analyze, #4).
  if (!PRAGMA_WORD.test(model.index.text)) return { suppressions: [], problems: [] };
  // dockerfile-ast reads leading `# key=value` lines as parser directives (`# check=skip=`,
  // and a leading `# bulkhead ignore-file=`), so directives are read as comments too. BuildKit
  // honours `# check=` only as a directive, so a `# check=` comment further down hides nothing.
  const line = (range: Range, directive: boolean) => ({ line: range.start.line, text: model.index.lineText(range.start.line).trim(), range, directive });
  const comments = [...model.ast.getDirectives().map((d) => line(d.getRange(), true)), ...model.ast.getComments().map((c) => line(c.getRange(), false))].filter(
    (c) => PRAGMA.test(c.text) && (c.directive || !BUILDKIT.test(c.text)),
  );
  // ONBUILD triggers are covered through their ONBUILD line.
  const starts = model.instructions.filter((i) => !i.onbuild);
  const nextIns = (line: number) => starts.find((i) => i.range.start.line > line);
  const span = (i: { range: Range } | undefined) => (i ? { from: i.range.start.line, to: i.range.end.line } : undefined);
  const stageSpan = (line: number) => {
    const ins = nextIns(line);
    const stage = ins && model.stages.find((s) => s.from === ins || s.instructions.includes(ins));
    if (!stage) return span(ins);
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    return { from: stage.from.range.start.line, to: last.range.end.line };
  };
  return parseSuppressions(
    comments,
    {
      next: (line) => span(nextIns(line)),
      nextLine: (line) => {
        const ins = nextIns(line);
        return ins ? { from: ins.range.start.line, to: ins.range.start.line } : undefined;
      },
      stage: stageSpan,
      block: (line) => (nextIns(line)?.keyword === 'FROM' ? stageSpan(line) : span(nextIns(line))),
    },
    refs,
  );
}

export function composeSuppressions(model: ComposeModel, refs: ReferenceIndex): { suppressions: Suppression[]; problems: ParseProblem[] } {
  const comments: SuppressionComment[] = [];
  for (let line = 0; line < model.index.lineCount; line++) {
    const t = model.index.lineText(line);
    if (!PRAGMA.test(t)) continue;
    const at = t.indexOf('#');
    comments.push({ line, text: t.slice(at), range: { start: { line, character: at }, end: { line, character: t.length } } });
  }
  // A comment covers the YAML node that starts on the next code line: a service key covers
  // the whole service, a service's key its value, a list item that item.
  // Built on first use: most files have no ignore comment, and the walk costs a tenth of the parse (#8).
  let units: ReturnType<typeof composeUnits> | undefined;
  const nextCode = (line: number) => {
    for (let l = line + 1; l < model.index.lineCount; l++) {
      const t = model.index.lineText(l).trim();
      if (t !== '' && !t.startsWith('#')) return l;
    }
    return undefined;
  };
  const next = (line: number) => {
    const l = nextCode(line);
    return l === undefined ? undefined : ((units ??= composeUnits(model)).get(l) ?? { from: l, to: l });
  };
  const parsed = parseSuppressions(
    comments,
    {
      next,
      nextLine: (line) => {
        const l = nextCode(line);
        return l === undefined ? undefined : { from: l, to: l };
      },
      stage: () => undefined,
      block: next,
    },
    refs,
  );
  for (const c of comments) {
    if (/^#\s*bulkhead\s+ignore-stage\b/.test(c.text.trim())) {
      parsed.problems.push({
        code: 'syntax',
        message: 'ignore-stage applies to Dockerfile stages; in a Compose file write "# bulkhead ignore=<rule-id>" above the service or key.',
        range: c.range,
        severity: 'warning',
      });
    }
  }
  return parsed;
}

/**
 * The `noInlineSuppressions` policy: every parsed suppression becomes a problem at its
 * comment, and none applies.
 */
export function forbiddenSuppressions(suppressions: readonly Suppression[]): ParseProblem[] {
  return suppressions.map((s) => ({
    code: 'suppression-forbidden',
    message: `Inline suppressions are disabled by the configuration (noInlineSuppressions): this comment does not hide ${s.ids.join(', ')}. Fix the finding, or change the rule's severity in the config file.`,
    range: s.comment,
    severity: 'warning',
  }));
}

function covers(s: Suppression, ruleId: string, range: Range): boolean {
  return s.ids.includes(ruleId) && (!s.lines || (range.start.line >= s.lines.from && range.start.line <= s.lines.to));
}

export function findSuppression(suppressions: readonly Suppression[], ruleId: string, range: Range): Suppression | undefined {
  return suppressions.find((s) => covers(s, ruleId, range));
}

/**
 * Our comments naming a rule that ran but hid none of its findings: a hint at the comment
 * (like ESLint's reportUnusedDisableDirectives). Rules that did not run (disabled, or not in
 * the selection) say nothing about a comment.
 */
export function unusedSuppressions(
  suppressions: readonly Suppression[],
  suppressed: readonly { ruleId: string; range: Range }[],
  ran: ReadonlySet<string>,
): ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const s of suppressions) {
    if (s.source !== 'bulkhead') continue;
    const unused = s.ids.filter((id) => ran.has(id) && !suppressed.some((f) => f.ruleId === id && covers(s, id, f.range)));
    if (unused.length === 0) continue;
    problems.push({
      code: 'unused-suppression',
      message: `This bulkhead comment hides no ${unused.join(', ')} finding: remove ${unused.length === 1 ? 'the id' : 'these ids'} (the problem was fixed or the comment moved).`,
      range: s.comment,
      severity: 'hint',
    });
  }
  return problems;
}
