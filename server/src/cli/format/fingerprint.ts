/**
 * Stable identities for findings, so code scanning tracks a result across commits
 * (SARIF `partialFingerprints`). Line numbers are deliberately left out: adding a line
 * above a finding must not make it "new". The identity is the rule and message id, the
 * normalised text of what the finding is about (the whole Dockerfile instruction, or the
 * finding's lines in a Compose file) and the occurrence index of that same text in the file.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../engine';
import type { ReportedResult } from '../report';

/** Key in `partialFingerprints`; bump the version when the recipe changes. */
export const FINGERPRINT_KEY = 'bulkhead/v1';

/** Line continuations removed, whitespace runs collapsed, trimmed. */
export function normaliseSnippet(text: string): string {
  return text
    .replace(/[\\`][ \t]*\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text the finding is about: its Dockerfile instruction (smallest enclosing), or its own lines. */
function contextText(result: Pick<ReportedResult, 'model'>, f: Finding): string {
  const model = result.model;
  if (!model) return '';
  const index = model.index;
  let from = f.range.start.line;
  let to = f.range.end.line;
  if (model.kind === 'dockerfile') {
    let best: { from: number; to: number } | undefined;
    for (const ins of model.instructions) {
      const r = ins.range;
      if (r.start.line <= f.range.start.line && f.range.start.line <= r.end.line) {
        if (!best || r.end.line - r.start.line < best.to - best.from) best = { from: r.start.line, to: r.end.line };
      }
    }
    if (best) ({ from, to } = best);
  }
  const start = index.offsetAt({ line: from, character: 0 });
  const end = index.lineEnd(Math.min(to, index.lineCount - 1));
  return normaliseSnippet(index.text.slice(start, Math.max(start, end)));
}

/** One fingerprint per finding, in the order given. */
export function fingerprints(result: Pick<ReportedResult, 'model'>, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\u0000${f.messageId}\u0000${contextText(result, f)}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
