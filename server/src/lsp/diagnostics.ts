/**
 * Finding → Diagnostic. `code` is the rule id, `codeDescription.href` the rule's page shipped
 * in the extension, and `data` points back into the cached analysis ({ruleId, index, version})
 * so code actions never re-analyse.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE } from '../../../shared/src/ids';
import { ruleDocPath, type AnalysisResult, type Finding, type ParseProblem, type Severity } from '../engine/index';
import { pathToUri } from './projectFiles';

/** What a Bulkhead diagnostic carries in `data`. */
export interface DiagnosticData {
  readonly ruleId: string;
  /** Index into the cached result's `findings`. */
  readonly index: number;
  /** Document version the finding was computed for. */
  readonly version: number;
}

export function isDiagnosticData(v: unknown): v is DiagnosticData {
  const d = v as Partial<DiagnosticData> | undefined;
  return !!d && typeof d === 'object' && typeof d.ruleId === 'string' && typeof d.index === 'number' && typeof d.version === 'number';
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

/**
 * file: URL of a rule's page. The pages ship in the VSIX next to dist/ (docs/rules/<id>.md),
 * so they open offline and always match the installed version.
 */
export function ruleDocUrl(docsRoot: string, ruleId: string): string {
  const key = `${docsRoot}\u0000${ruleId}`;
  let url = docUrls.get(key);
  if (url === undefined) {
    url = pathToFileURL(path.join(docsRoot, ruleDocPath(ruleId))).href;
    docUrls.set(key, url);
  }
  return url;
}

/**
 * URLs already built: pathToFileURL was most of the finding → diagnostic conversion (~80% of
 * it, ~8 ms per analysis of a 10,000-line Dockerfile). Bounded by roots × rule ids.
 */
const docUrls = new Map<string, string>();

export function toDiagnostic(finding: Finding, index: number, version: number, docsRoot: string): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, index, version };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(docsRoot, finding.ruleId) },
    message: finding.message,
    data,
    // Cross-file rules: the Dockerfile lines behind a Compose finding (engine paths → URIs).
    ...(finding.related && finding.related.length > 0
      ? { relatedInformation: finding.related.map((r) => ({ location: { uri: pathToUri(r.file), range: r.range }, message: r.message })) }
      : {}),
  };
}

export function problemToDiagnostic(problem: ParseProblem): Diagnostic {
  return {
    range: problem.range,
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : problem.severity === 'hint' ? DiagnosticSeverity.Hint : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: problem.code,
    message: problem.message,
  };
}

/**
 * `lineLength` given (`bulkhead.problems.shortenToSingleLine`): a range over several lines is
 * cut to the end of its first line.
 */
export function toDiagnostics(result: AnalysisResult | undefined, version: number, docsRoot: string, lineLength?: (line: number) => number): Diagnostic[] {
  if (!result) return [];
  const all = [...result.problems.map(problemToDiagnostic), ...result.findings.map((f, i) => toDiagnostic(f, i, version, docsRoot))];
  if (!lineLength) return all;
  return all.map((d) =>
    d.range.end.line > d.range.start.line
      ? { ...d, range: { start: d.range.start, end: { line: d.range.start.line, character: lineLength(d.range.start.line) } } }
      : d,
  );
}
