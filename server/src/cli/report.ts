/**
 * What a scan produced, independent of how it is printed. Formatters (format/*.ts) turn a
 * ScanReport into text; nothing else in the CLI knows about output formats.
 */
import type { AnalysisResult, FileKind, Finding, Range, Severity, TextIndex } from '../engine';

export type FailOn = Severity | 'none';

/** What a report keeps of a file's model: what SARIF fingerprints read (format/fingerprint.ts). */
export type ReportedModel =
  | { readonly kind: 'dockerfile'; readonly index: TextIndex; readonly instructions: readonly { readonly range: Range }[] }
  | { readonly kind: 'compose'; readonly index: TextIndex };

/** An analysis as a report keeps it: plain data, without the model the engine's findings refer to. */
export interface ReportedResult extends Omit<AnalysisResult, 'model'> {
  readonly model: ReportedModel | undefined;
}

const NO_EDITS = Object.freeze([]) as readonly never[];

/**
 * A finding as data. The engine's fix and suggestion edits are computed lazily from the file's
 * model: keeping them kept every analysed file's whole model (syntax tree, shell words, YAML
 * nodes) alive until the report was printed, 180 MB for the 1,737-file corpus, all of it
 * copied by the garbage collector. A report only says whether a fix exists and how safe it is;
 * `--fix` computes its edits afresh (engine fixAll).
 */
function reportedFinding(f: Finding): Finding {
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    message: f.message,
    data: f.data,
    severity: f.severity,
    category: f.category,
    range: f.range,
    fix: f.fix ? { safety: f.fix.safety, title: f.fix.title, edits: () => NO_EDITS } : undefined,
    suggestions: NO_EDITS,
    ...(f.related ? { related: f.related } : {}),
    ...(f.suppressedBy ? { suppressedBy: f.suppressedBy } : {}),
  };
}

/** The result as a report keeps it: findings as data, and of the model only the text index and instruction ranges. */
export function reportedResult(result: AnalysisResult): ReportedResult {
  const m = result.model;
  const model: ReportedModel | undefined =
    m === undefined
      ? undefined
      : m.kind === 'dockerfile'
        ? { kind: 'dockerfile', index: m.index, instructions: m.instructions.map((i) => ({ range: i.range })) }
        : { kind: 'compose', index: m.index };
  return {
    ...result,
    findings: result.findings.map(reportedFinding),
    suppressed: result.suppressed.map(reportedFinding),
    model,
  };
}

export interface FileReport {
  /** As given on the command line, or joined from a given directory; forward slashes. */
  readonly path: string;
  readonly kind: FileKind;
  readonly result: ReportedResult;
  /** The findings to show (all of them, or with --quiet only those at/above the threshold). */
  readonly findings: readonly Finding[];
  /** With --fix: how many findings each rule had fixed in this file (empty when nothing changed). */
  readonly fixed?: Readonly<Record<string, number>>;
}

export interface ScanReport {
  readonly files: readonly FileReport[];
  readonly failOn: FailOn;
  /** Whether --fix ran (formatters then report what changed). */
  readonly fixMode: boolean;
  readonly unsafeFixes: boolean;
  readonly elapsedMs: number;
  /** Problems with configuration files (invalid `.bulkhead.yaml`): the scan fell back to defaults for them. */
  readonly configProblems?: readonly ConfigProblemReport[];
}

export interface ConfigProblemReport {
  /** Display path of the configuration file. */
  readonly path: string;
  readonly message: string;
  /** 1-based, when the problem has a position in the file. */
  readonly line?: number;
  readonly column?: number;
}

export interface FormatOptions {
  readonly color: boolean;
  /** The scan root that relative paths in `files` are relative to (SARIF's %SRCROOT%). */
  readonly cwd?: string;
  /** Base URL that `docs/rules/<id>.md` is appended to for rule help links (SARIF `helpUri`). */
  readonly docsUrl?: string;
}

export type Formatter = (report: ScanReport, options: FormatOptions) => string;
