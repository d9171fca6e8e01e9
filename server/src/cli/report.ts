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
}

export interface FormatOptions {
  readonly color: boolean;
}

export type Formatter = (report: ScanReport, options: FormatOptions) => string;
