/**
 * Table-driven rule tester (style.md §3.4). For every case it checks exact findings
 * (message ids, data, 1-based positions, end column exclusive), proves every fix
 * (exact output, re-parse, re-analysis with all rules, idempotence, no overlapping edits),
 * checks each suggestion alone, and replays the case as CRLF, without a trailing newline,
 * with the `escape` directive switched to a backtick and (when asked) wrapped in ONBUILD.
 * Compose cases may carry the other files of the project (`files`, keyed by path, read
 * through the host reader) and the analysed file's `path` and interpolation `env`; the
 * escape and ONBUILD variants do not apply to them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, collectFixEdits, applyEdits, TextIndex, type AnyRule, type Finding, type EngineConfig } from '../../server/src/engine/index';
import { buildDockerfileModel } from '../../server/src/engine/model/dockerfile';

export interface SuggestionSpec {
  readonly messageId: string;
  readonly output: readonly string[];
}

export interface ErrorSpec {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly suggestions?: readonly SuggestionSpec[];
  /** Cross-file rules: the finding's related locations (file as the host named it, 1-based positions). Checked when any error of the case gives it. */
  readonly related?: readonly RelatedSpec[];
}

export interface RelatedSpec {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Compose: the project around the analysed file. */
export interface ProjectSpec {
  /** Other files by path, as arrays of lines (e.g. `{ 'compose.override.yaml': [...] }`). */
  readonly files?: Readonly<Record<string, readonly string[]>>;
  /** The analysed file's path (default `compose.yaml` when `files` is given). */
  readonly path?: string;
  /** Interpolation variables (`.env`). */
  readonly env?: Readonly<Record<string, string>>;
}

export type ValidCase = readonly string[] | ({ readonly name?: string; readonly code: readonly string[]; readonly options?: unknown } & ProjectSpec);

export interface InvalidCase extends ProjectSpec {
  readonly name?: string;
  readonly code: readonly string[];
  readonly options?: unknown;
  readonly errors: readonly ErrorSpec[];
  /** Text after applying this rule's fixes; `null` asserts that no fix is offered. */
  readonly output?: readonly string[] | null;
  /**
   * `ruleId/messageId` findings the fix may add, one each, when unavoidable and documented on
   * the rule's page (a new FROM without a digest when the original had none: the fix cannot
   * look digests up).
   */
  readonly newFindings?: readonly string[];
}

export interface Tables {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

export interface Variants {
  /** Replay with `# escape=\`` (default: true for Dockerfile rules). */
  readonly escape?: boolean;
  /** Replay with the reported instructions wrapped in ONBUILD (default: false). */
  readonly onbuild?: boolean;
}

interface Prepared {
  readonly label: string;
  readonly text: string;
  readonly errors: readonly ErrorSpec[];
  readonly output: string | null | undefined;
  readonly suggestionOutputs: readonly (readonly string[])[];
}

/** analyze() options for a case's project; other files get the same line-ending transform as the case. */
function projectOptions(
  spec: ProjectSpec,
  text: (lines: readonly string[]) => string,
): { path?: string; files?: { read(path: string): string | undefined }; env?: Readonly<Record<string, string>> } {
  const files = spec.files;
  const path = spec.path ?? (files ? 'compose.yaml' : undefined);
  return {
    ...(path !== undefined ? { path } : {}),
    ...(files ? { files: { read: (p: string) => (Object.prototype.hasOwnProperty.call(files, p) ? text(files[p] as readonly string[]) : undefined) } } : {}),
    ...(spec.env ? { env: spec.env } : {}),
  };
}

function configFor(rule: AnyRule, options: unknown): EngineConfig {
  return { rules: { [rule.meta.id]: options === undefined ? 'on' : { severity: 'on', options } } };
}

function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();
}

function describeFindings(findings: readonly Finding[]): string {
  return (
    findings
      .map((f) => `${f.ruleId}/${f.messageId} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`)
      .join('\n') || '(none)'
  );
}

function ruleCounts(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(`${f.ruleId}/${f.messageId}`, (m.get(`${f.ruleId}/${f.messageId}`) ?? 0) + 1);
  return m;
}

// ---- variant builders ------------------------------------------------------------------

type Transform = {
  readonly label: string;
  readonly text: (lines: readonly string[]) => string;
  readonly shift: (e: ErrorSpec) => ErrorSpec;
  readonly applies: boolean;
};

const identityShift = (e: ErrorSpec) => e;

function escapeLines(lines: readonly string[]): string[] {
  const out = lines.map((l) => (/\\\s*$/.test(l) && !/^\s*#/.test(l) ? l.replace(/\\(\s*)$/, '`$1') : l));
  return ['# escape=`', ...out];
}

function hasDirective(lines: readonly string[]): boolean {
  return lines.some((l) => /^#\s*escape\s*=/i.test(l));
}

/**
 * Lines (0-based) whose instruction should be wrapped in ONBUILD: the first line of each
 * reported instruction, found with the real parser (a regex would also match heredoc bodies).
 */
function onbuildLines(lines: readonly string[], errors: readonly ErrorSpec[]): Set<number> | undefined {
  const model = buildDockerfileModel(lines.join('\n') + '\n');
  const wrap = new Set<number>();
  for (const e of errors) {
    const line = e.line - 1;
    const ins = model.instructions.find((i) => !i.onbuild && i.range.start.line <= line && line <= i.range.end.line);
    if (!ins || ['FROM', 'ONBUILD', 'MAINTAINER'].includes(ins.keyword) || !ins.stage) return undefined;
    // Wrapping must not move the reported span off its instruction's first line.
    if (e.line - 1 !== ins.range.start.line && e.endLine - 1 === ins.range.start.line) return undefined;
    wrap.add(ins.range.start.line);
  }
  return wrap.size > 0 ? wrap : undefined;
}

// ---- the tester --------------------------------------------------------------------------

export const ruleTester = {
  run(rule: AnyRule, tables: Tables, variants: Variants = {}): void {
    const id = rule.meta.id;
    const kind = rule.meta.kind;
    describe(id, () => {
      const seen = new Set<string>();
      const key = (code: readonly string[], options: unknown, spec: ProjectSpec = {}) =>
        JSON.stringify([code, options ?? null, spec.files ?? null, spec.path ?? null, spec.env ?? null]);

      tables.valid.forEach((c, n) => {
        const code = Array.isArray(c) ? (c as readonly string[]) : (c as { code: readonly string[] }).code;
        const options = Array.isArray(c) ? undefined : (c as { options?: unknown }).options;
        const spec: ProjectSpec = Array.isArray(c) ? {} : (c as ProjectSpec);
        const name = (!Array.isArray(c) && (c as { name?: string }).name) || `valid #${n + 1}: ${code.join(' ⏎ ').slice(0, 80)}`;
        it(name, () => {
          assert.ok(!seen.has(key(code, options, spec)), `duplicate case: ${name}`);
          seen.add(key(code, options, spec));
          for (const t of transforms(kind, code, [], variants)) {
            const result = analyze(t.text(code), { kind, rules: [rule], config: configFor(rule, options), ...projectOptions(spec, t.text) });
            assert.deepEqual(result.errors, [], `[${t.label}] rule threw`);
            assert.equal(result.findings.length, 0, `[${t.label}] expected no findings, got:\n${describeFindings(result.findings)}`);
          }
        });
      });

      tables.invalid.forEach((c, n) => {
        const name = c.name ?? `invalid #${n + 1}: ${c.code.join(' ⏎ ').slice(0, 80)}`;
        it(name, () => {
          assert.ok(!seen.has(key(c.code, c.options, c)), `duplicate case: ${name}`);
          seen.add(key(c.code, c.options, c));
          checkShape(rule, c);
          for (const t of transforms(kind, c.code, c.errors, variants)) {
            const outputLines = c.output;
            const output =
              outputLines === undefined
                ? undefined
                : outputLines === null
                  ? null
                  : outputLines.length === c.code.length || !t.label.startsWith('onbuild')
                    ? t.text(outputLines)
                    : 'skip';
            const prepared: Prepared = {
              label: t.label,
              text: t.text(c.code),
              errors: c.errors.map(t.shift),
              output: output === 'skip' ? undefined : output,
              suggestionOutputs: c.errors.flatMap((e) => (e.suggestions ?? []).map((s) => s.output)),
            };
            checkInvalid(rule, c, prepared, t);
          }
        });
      });
    });
  },
};

function checkShape(rule: AnyRule, c: InvalidCase): void {
  assert.ok(c.errors.length > 0, 'an invalid case needs at least one error');
  for (const e of c.errors) {
    const template = (rule.meta.messages as Record<string, string>)[e.messageId];
    assert.ok(template !== undefined, `unknown messageId "${e.messageId}"`);
    if (e.data) assert.deepEqual(Object.keys(e.data).sort(), placeholders(template), `data keys must match the placeholders of "${e.messageId}"`);
    for (const n of [e.line, e.column, e.endLine, e.endColumn]) assert.ok(Number.isInteger(n) && n >= 1, 'positions are 1-based integers');
  }
  if (rule.meta.fix) assert.ok(c.output !== undefined, 'fixable rule: give `output` (or `output: null` when no fix is offered)');
  else assert.equal(c.output, undefined, 'rule declares no fix: remove `output`');
  if (c.output) assert.notDeepEqual(c.output, c.code, '`output` equals `code`: use `output: null`');
}

function transforms(kind: string, code: readonly string[], errors: readonly ErrorSpec[], variants: Variants): Transform[] {
  const list: Transform[] = [
    { label: 'LF', text: (l) => l.join('\n') + '\n', shift: identityShift, applies: true },
    { label: 'CRLF', text: (l) => l.join('\r\n') + '\r\n', shift: identityShift, applies: true },
    { label: 'no final newline', text: (l) => l.join('\n'), shift: identityShift, applies: true },
  ];
  if (kind === 'dockerfile' && variants.escape !== false && !hasDirective(code) && code.some((l) => /\\\s*$/.test(l))) {
    list.push({
      label: 'escape=`',
      text: (l) => escapeLines(l).join('\n') + '\n',
      shift: (e) => ({ ...e, line: e.line + 1, endLine: e.endLine + 1 }),
      applies: true,
    });
  }
  if (kind === 'dockerfile' && variants.onbuild) {
    const wrap = errors.length > 0 ? onbuildLines(code, errors) : undefined;
    if (wrap) {
      list.push({
        label: 'onbuild',
        text: (l) => l.map((line, i) => (wrap.has(i) ? line.replace(/^(\s*)/, '$1ONBUILD ') : line)).join('\n') + '\n',
        shift: (e) => ({
          ...e,
          column: wrap.has(e.line - 1) ? e.column + 8 : e.column,
          endColumn: wrap.has(e.endLine - 1) ? e.endColumn + 8 : e.endColumn,
        }),
        applies: true,
      });
    }
  }
  return list;
}

function checkInvalid(rule: AnyRule, c: InvalidCase, p: Prepared, t: Transform): void {
  const kind = rule.meta.kind;
  const config = configFor(rule, c.options);
  const project = projectOptions(c, t.text);
  const result = analyze(p.text, { kind, rules: [rule], config, ...project });
  assert.deepEqual(result.errors, [], `[${p.label}] rule threw`);
  const withRelated = p.errors.some((e) => e.related);
  const relatedOf = (f: Finding) =>
    (f.related ?? []).map((r) => ({
      file: r.file,
      line: r.range.start.line + 1,
      column: r.range.start.character + 1,
      endLine: r.range.end.line + 1,
      endColumn: r.range.end.character + 1,
    }));
  const actual = result.findings.map((f) => ({
    messageId: f.messageId,
    ...(p.errors.some((e) => e.data) ? { data: f.data } : {}),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    ...(withRelated ? { related: relatedOf(f) } : {}),
  }));
  const expected = p.errors.map((e) => ({
    messageId: e.messageId,
    ...(p.errors.some((x) => x.data) ? { data: e.data ?? {} } : {}),
    line: e.line,
    column: e.column,
    endLine: e.endLine,
    endColumn: e.endColumn,
    ...(withRelated ? { related: e.related ?? [] } : {}),
  }));
  assert.deepEqual(actual, expected, `[${p.label}] findings differ; got:\n${describeFindings(result.findings)}`);

  // Suggestions: listed exactly, each applied alone to the original.
  const index = new TextIndex(p.text);
  let s = 0;
  result.findings.forEach((f, i) => {
    const spec = p.errors[i]?.suggestions ?? [];
    assert.deepEqual(
      f.suggestions.map((x) => x.messageId),
      spec.map((x) => x.messageId),
      `[${p.label}] suggestions of error ${i + 1}`,
    );
    for (const sug of f.suggestions) {
      const expectedLines = p.suggestionOutputs[s++];
      const applied = applyEdits(index, sug.edits());
      assert.equal(applied, t.text(expectedLines ?? []), `[${p.label}] suggestion "${sug.messageId}" output`);
    }
  });

  if (!rule.meta.fix) {
    assert.ok(
      result.findings.every((f) => !f.fix),
      'rule declares no fix but produced one',
    );
    return;
  }
  const edits = collectFixEdits(result.findings, false, [rule.meta.id]);
  if (p.output === null) {
    assert.equal(edits.length, 0, `[${p.label}] expected no fix, but the rule offers edits`);
    return;
  }
  if (p.output === undefined) return;
  assert.ok(edits.length > 0, `[${p.label}] expected a fix, the rule offers none`);
  const fixed = applyEdits(index, edits);
  assert.equal(fixed, p.output, `[${p.label}] text after fix`);
  proveFix(rule, p, fixed, project, c.options, c.newFindings ?? []);
}

/** Re-parse, re-analyse with all rules, and fix again: the fix must be complete and stable. */
function proveFix(rule: AnyRule, p: Prepared, fixed: string, project: ReturnType<typeof projectOptions>, options: unknown, allowed: readonly string[]): void {
  const kind = rule.meta.kind;
  // The case's options for this rule (a finding only some options produce must still go away); defaults for the others.
  const config = configFor(rule, options);
  const before = analyze(p.text, { kind, config, ...project });
  const after = analyze(fixed, { kind, config, ...project });
  const problemCodes = (r: typeof before) => r.problems.map((x) => x.code).sort();
  assert.deepEqual(problemCodes(after), problemCodes(before), `[${p.label}] the fix introduced parse problems: ${JSON.stringify(after.problems)}`);
  const b = ruleCounts(before.findings);
  for (const k of allowed) b.set(k, (b.get(k) ?? 0) + 1);
  for (const [k, n] of ruleCounts(after.findings)) {
    assert.ok(n <= (b.get(k) ?? 0), `[${p.label}] the fix introduced a new finding ${k}:\n${describeFindings(after.findings)}`);
  }
  const mine = (r: typeof before) => r.findings.filter((f) => f.ruleId === rule.meta.id).length;
  assert.ok(mine(after) < mine(before), `[${p.label}] the fix did not remove the finding`);
  const again = collectFixEdits(after.findings, false, [rule.meta.id]);
  assert.equal(again.length, 0, `[${p.label}] fixing again still changes the text (not idempotent)`);
}
