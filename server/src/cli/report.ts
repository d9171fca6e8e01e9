/**
 * What a scan produced, independent of how it is printed. Formatters (format/*.ts) turn a
 * ScanReport into text; nothing else in the CLI knows about output formats.
 */
import type { AnalysisResult, FileKind, Finding, Severity } from '../engine';

export type FailOn = Severity | 'none';

export interface FileReport {
  /** As given on the command line, or joined from a given directory; forward slashes. */
  readonly path: string;
  readonly kind: FileKind;
  readonly result: AnalysisResult;
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
