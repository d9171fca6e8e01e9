/**
 * `--format json`: a stable, versioned document for scripts and CI. Positions are 1-based,
 * end columns exclusive (the engine's 0-based ranges plus one). Bump `version` on any
 * incompatible change; test/cli pins the shape exactly.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { Finding, ParseProblem, RuleError } from '../../engine';
import type { FileReport, Formatter } from '../report';
import { TOOL_NAME, VERSION } from '../version';
import { summarize } from './summary';

export const JSON_FORMAT_VERSION = 1;

/** A related file as the scan names files: relative to the scan root when inside it (the CLI analyses absolute paths). */
function shown(p: string, root: string | undefined): string {
  if (root === undefined || !isAbsolute(p)) return p;
  const rel = relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : p;
}

function finding(f: Finding, root?: string) {
  return {
    rule: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    fixable: f.fix !== undefined,
    // Cross-file rules: the Dockerfile lines behind a Compose finding (absent otherwise, so the shape of other findings is unchanged).
    ...(f.related && f.related.length > 0
      ? { related: f.related.map((r) => ({ file: shown(r.file, root), line: r.range.start.line + 1, column: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1, message: r.message })) }
      : {}),
  };
}

function problem(p: ParseProblem) {
  return {
    type: 'parse' as const,
    code: p.code,
    severity: p.severity,
    message: p.message,
    line: p.range.start.line + 1,
    column: p.range.start.character + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.character + 1,
  };
}

function ruleError(e: RuleError) {
  return { type: 'rule' as const, rule: e.ruleId, message: e.message };
}

function file(f: FileReport, fixMode: boolean, root?: string) {
  return {
    path: f.path,
    kind: f.kind,
    findings: f.findings.map((x) => finding(x, root)),
    errors: [...f.result.problems.map(problem), ...f.result.errors.map(ruleError)],
    // Present only with --fix, so the default shape stays minimal.
    ...(fixMode ? { fixed: { ...f.fixed } } : {}),
  };
}

export const formatJson: Formatter = (report, options) => {
  const s = summarize(report);
  const doc = {
    version: JSON_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    files: report.files.map((f) => file(f, report.fixMode, options.cwd)),
    summary: {
      files: s.files,
      findings: s.findings,
      bySeverity: s.bySeverity,
      ...(report.fixMode ? { fixed: s.fixed } : {}),
    },
  };
  return JSON.stringify(doc) + '\n';
};
