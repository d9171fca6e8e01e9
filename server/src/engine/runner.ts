/**
 * Runs rules over one model in isolation: a throwing rule is recorded once (id + message)
 * and every other rule still reports. Severity overrides and suppressions are applied here,
 * after the rules, so rules never read settings.
 */
import { effectiveSeverity, ruleOptions, type EngineConfig, type RuleSeverity } from './config';
import { createEditBuilder } from './edits';
import { formatMessage, type AnyRule, type Category, type FixSafety, type Related, type Report } from './rule';
import { findSuppression, type Suppression } from './suppress';
import type { TextIndex } from './text';
import { compareRanges, type Range, type Severity, type TextEdit } from './types';

export interface Fix {
  readonly safety: FixSafety;
  readonly title: string;
  /** Edits against the analysed text; computed on first call. Never throws (a failing fix yields no edits). */
  edits(): readonly TextEdit[];
}

export interface Suggestion {
  readonly messageId: string;
  readonly title: string;
  edits(): readonly TextEdit[];
}

export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly data: Readonly<Record<string, string>>;
  readonly severity: Severity;
  readonly category: Category;
  readonly range: Range;
  readonly fix: Fix | undefined;
  readonly suggestions: readonly Suggestion[];
  /** Other locations that explain the finding (cross-file rules: the Dockerfile lines); absent when none. */
  readonly related?: readonly Related[];
  /** Set on findings moved to `suppressed`. */
  readonly suppressedBy?: Suppression;
}

export interface RuleError {
  readonly ruleId: string;
  readonly message: string;
}

export interface RunOutput {
  readonly findings: Finding[];
  readonly suppressed: Finding[];
  readonly errors: RuleError[];
  /** Milliseconds per rule id, measured with the injected clock. */
  readonly timings: Record<string, number>;
}

function lazyEdits(fn: () => readonly TextEdit[], onError: (e: unknown) => void): () => readonly TextEdit[] {
  let cached: readonly TextEdit[] | undefined;
  return () => {
    if (!cached) {
      try {
        cached = fn();
      } catch (e) {
        onError(e);
        cached = [];
      }
    }
    return cached;
  };
}

/**
 * Effective severity per config object and rule: glob customizations compile a RegExp per rule
 * on every call, and a host analyses many files with one config. Configs are immutable values.
 */
const severities = new WeakMap<EngineConfig, Map<AnyRule['meta'], RuleSeverity>>();
function severityOf(meta: AnyRule['meta'], config: EngineConfig | undefined): RuleSeverity {
  if (!config) return effectiveSeverity(meta.id, meta.severity, meta.enabledByDefault !== false, config);
  let byRule = severities.get(config);
  if (!byRule) severities.set(config, (byRule = new Map<AnyRule['meta'], RuleSeverity>()));
  let severity = byRule.get(meta);
  if (severity === undefined) byRule.set(meta, (severity = effectiveSeverity(meta.id, meta.severity, meta.enabledByDefault !== false, config)));
  return severity;
}

/** Shared by findings without suggestions or data: most findings have neither (frozen, never mutated). */
const NO_SUGGESTIONS: readonly Suggestion[] = Object.freeze([]);
const NO_DATA: Readonly<Record<string, string>> = Object.freeze({});

export function runRules(
  model: { readonly index: TextIndex; readonly file?: string },
  rules: readonly AnyRule[],
  config: EngineConfig | undefined,
  suppressions: readonly Suppression[],
  now: () => number,
  /** The text starts with a space that stands in for a BOM (no indentation for inserted lines). */
  bomSpace = false,
  onRule?: (ruleId: string | undefined) => void,
): RunOutput {
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const errors: RuleError[] = [];
  const timings: Record<string, number> = {};
  const builder = createEditBuilder(model.index, bomSpace);
  // One report sink and one context for every rule (#8), emptied before each rule: nothing is
  // allocated for a rule that reports nothing.
  const reports: Report<string>[] = [];
  const context = { model: model as never, options: undefined as never, report: (r: Report<string>) => void reports.push(r) };
  // One clock reading per rule, not two: the host's clock can cost 0.2 µs a call (a syscall
  // here). A rule's time runs from the previous rule's end to the end of its own findings'
  // formatting (work the rule caused).
  let clock = now();
  for (const rule of rules) {
    const meta = rule.meta;
    const severity = severityOf(meta, config);
    if (severity === 'off') continue;
    reports.length = 0;
    context.options = ruleOptions<unknown>(meta.id, rule.defaultOptions, config) as never;
    onRule?.(meta.id);
    try {
      rule.check(context);
    } catch (e) {
      errors.push({ ruleId: meta.id, message: e instanceof Error ? e.message : String(e) });
    }
    onRule?.(undefined);
    // Most rules report nothing on most files: no closures for them.
    if (reports.length > 0) addFindings(rule, severity, reports);
    const ended = now();
    timings[meta.id] = ended - clock;
    clock = ended;
  }
  reports.length = 0;
  // Rule ids are [a-z0-9-] (meta test), where code-unit order is the collation order, so they
  // compare without ICU: its first use costs ~16 ms of a one-file CLI run. Message ids (camel
  // case, where the two orders differ) keep localeCompare; they are reached only on a tie.
  const order = (a: Finding, b: Finding) =>
    compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || a.messageId.localeCompare(b.messageId);
  return { findings: dedupe(findings.sort(order)), suppressed: suppressed.sort(order), errors, timings };

  function addFindings(rule: AnyRule, severity: Severity, reports: readonly Report<string>[]): void {
    const meta = rule.meta;
    const fixError = (e: unknown) => errors.push({ ruleId: meta.id, message: `fix failed: ${e instanceof Error ? e.message : String(e)}` });
    // A fix runs the rule's code again, later (code actions, fix-all): the host hears about it too.
    const lazy = (fn: () => readonly TextEdit[]) =>
      lazyEdits(() => {
        onRule?.(meta.id);
        try {
          return fn();
        } finally {
          onRule?.(undefined);
        }
      }, fixError);
    if (!meta.fix && reports.some((r) => r.fix)) errors.push({ ruleId: meta.id, message: 'rule reported a fix but declares no meta.fix' });
    const messages = meta.messages as Record<string, string>;
    const fixTemplate = messages['fix'];
    for (const r of reports) {
      // Compose rules see the merged project; a finding in another file belongs to that file's analysis.
      if (r.file !== undefined && r.file !== model.file) continue;
      const data = r.data ?? NO_DATA;
      const template = messages[r.messageId];
      const fixFn = r.fix;
      const suggest = r.suggest;
      const finding: Finding = {
        ruleId: meta.id,
        messageId: r.messageId,
        message: template === undefined ? r.messageId : formatMessage(template, data),
        data,
        severity,
        category: meta.category,
        range: r.range,
        fix:
          fixFn && meta.fix
            ? { safety: meta.fix, title: fixTemplate ? formatMessage(fixTemplate, data) : `Fix: ${meta.title}`, edits: lazy(() => fixFn(builder)) }
            : undefined,
        suggestions:
          suggest && suggest.length > 0
            ? suggest.map((s) => ({
                messageId: s.messageId,
                title: formatMessage(messages[s.messageId] ?? s.messageId, s.data ?? data),
                edits: lazy(() => s.fix(builder)),
              }))
            : NO_SUGGESTIONS,
        ...(r.related && r.related.length > 0 ? { related: r.related } : {}),
      };
      const by = suppressions.length > 0 ? findSuppression(suppressions, meta.id, r.range) : undefined;
      if (by) suppressed.push({ ...finding, suppressedBy: by });
      else findings.push(finding);
    }
  }
}

/** Drops exact duplicates (same rule, message and range), which a rule may emit via two paths. */
function dedupe(sorted: Finding[]): Finding[] {
  return sorted.filter((f, i) => {
    const p = sorted[i - 1];
    return !p || p.ruleId !== f.ruleId || p.message !== f.message || compareRanges(p.range, f.range) !== 0;
  });
}
