/**
 * Inline suppressions, applied centrally after rules run:
 *   # bulkhead ignore=<id>[,<id>...] [reason]      the next instruction (all its lines)
 *   # bulkhead ignore-file=<id>[,<id>...] [reason] the whole file
 * A reason after the ids is kept for "show ignored" and reviews. Unknown ids are reported
 * so a typo never silently disables nothing.
 */
import type { ParseProblem, Range } from './types';

export interface SuppressionComment {
  readonly line: number;
  readonly text: string;
  readonly range: Range;
}

export interface Suppression {
  readonly ids: readonly string[];
  readonly reason: string | undefined;
  /** Lines covered (inclusive); undefined means the whole file. */
  readonly lines: { readonly from: number; readonly to: number } | undefined;
  readonly comment: Range;
}

const PATTERN = /^#\s*bulkhead\s+(ignore|ignore-file)\s*=\s*([A-Za-z0-9_,\s-]*?[A-Za-z0-9-])(?:\s+(?:--\s*)?(.*))?$/;

export function parseSuppressions(
  comments: readonly SuppressionComment[],
  nextUnit: (line: number) => { from: number; to: number } | undefined,
  knownIds: ReadonlySet<string>,
): { suppressions: Suppression[]; problems: ParseProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: ParseProblem[] = [];
  for (const c of comments) {
    const m = PATTERN.exec(c.text.trim());
    if (!m) {
      if (/^#\s*bulkhead\s+ignore/.test(c.text.trim())) {
        problems.push({ code: 'syntax', message: 'Malformed bulkhead comment: write "# bulkhead ignore=<rule-id> <reason>".', range: c.range, severity: 'warning' });
      }
      continue;
    }
    const ids = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
    for (const id of ids) {
      if (!knownIds.has(id)) problems.push({ code: 'syntax', message: `Unknown rule id "${id}" in bulkhead comment.`, range: c.range, severity: 'warning' });
    }
    const reason = m[3]?.trim() || undefined;
    const lines = m[1] === 'ignore-file' ? undefined : nextUnit(c.line);
    if (m[1] === 'ignore' && !lines) continue;
    suppressions.push({ ids, reason, lines, comment: c.range });
  }
  return { suppressions, problems };
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

export function findSuppression(suppressions: readonly Suppression[], ruleId: string, range: Range): Suppression | undefined {
  return suppressions.find((s) => s.ids.includes(ruleId) && (!s.lines || (range.start.line >= s.lines.from && range.start.line <= s.lines.to)));
}
