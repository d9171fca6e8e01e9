/** Counts shared by the text and JSON formats, so both always agree. */
import { SEVERITIES, type Severity } from '../../engine';
import type { FailOn, ScanReport } from '../report';

export interface Summary {
  readonly files: number;
  readonly findings: number;
  /** Non-zero counts only, keys in severity order (critical first). */
  readonly bySeverity: Partial<Record<Severity, number>>;
  /** Parse problems (errors and warnings); hints (unused suppressions) are counted in `hints`. */
  readonly problems: number;
  readonly hints: number;
  readonly ruleErrors: number;
  readonly fixable: number;
  readonly fixableUnsafe: number;
  readonly atOrAbove: number;
  readonly fixedFiles: number;
  readonly fixed: number;
}

export function atOrAbove(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
}

export function summarize(report: ScanReport): Summary {
  const counts = new Map<Severity, number>();
  let findings = 0,
    problems = 0,
    hints = 0,
    ruleErrors = 0,
    fixable = 0,
    fixableUnsafe = 0,
    above = 0,
    fixedFiles = 0,
    fixed = 0;
  for (const file of report.files) {
    for (const p of file.result.problems) {
      if (p.severity === 'hint') hints++;
      else problems++;
    }
    ruleErrors += file.result.errors.length;
    const fixedHere = Object.values(file.fixed ?? {}).reduce((a, b) => a + b, 0);
    fixed += fixedHere;
    if (fixedHere > 0) fixedFiles++;
    for (const f of file.findings) {
      findings++;
      counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
      if (f.fix?.safety === 'safe') fixable++;
      else if (f.fix) fixableUnsafe++;
      if (atOrAbove(f.severity, report.failOn)) above++;
    }
  }
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const s of SEVERITIES) {
    const n = counts.get(s);
    if (n) bySeverity[s] = n;
  }
  return { files: report.files.length, findings, bySeverity, problems, hints, ruleErrors, fixable, fixableUnsafe, atOrAbove: above, fixedFiles, fixed };
}
