/**
 * `--format text` (default): ESLint "stylish"-like, grouped by file, columns aligned per
 * file, then one summary line. Every fact is in the words, so it reads the same without
 * color: parse problems are tagged `parse:<code>`, rule crashes `rule-error:<id>`.
 */
import type { Severity } from '../../engine';
import type { FileReport, Formatter, ScanReport } from '../report';
import { createStyle, type Style } from './ansi';
import { summarize, type Summary } from './summary';

interface Row {
  readonly where: string;
  readonly label: string;
  readonly message: string;
  readonly tag: string;
  readonly paint: (s: string) => string;
}

function severityPaint(style: Style, s: Severity): (x: string) => string {
  switch (s) {
    case 'critical':
      return (x) => style.bold(style.magenta(x));
    case 'high':
      return style.red;
    case 'medium':
      return style.yellow;
    case 'low':
      return style.cyan;
    case 'info':
      return style.dim;
  }
}

function rows(file: FileReport, style: Style): Row[] {
  const out: Row[] = [];
  for (const p of file.result.problems) {
    out.push({
      where: `${p.range.start.line + 1}:${p.range.start.character + 1}`,
      label: p.severity,
      message: p.message,
      tag: `parse:${p.code}`,
      paint: p.severity === 'error' ? style.red : p.severity === 'hint' ? style.dim : style.yellow,
    });
  }
  for (const f of file.findings) {
    out.push({
      where: `${f.range.start.line + 1}:${f.range.start.character + 1}`,
      label: f.severity,
      message: f.message,
      tag: f.ruleId,
      paint: severityPaint(style, f.severity),
    });
  }
  for (const e of file.result.errors) {
    out.push({
      where: '-',
      label: 'crash',
      message: `Rule failed, its findings are missing: ${e.message}`,
      tag: `rule-error:${e.ruleId}`,
      paint: style.magenta,
    });
  }
  return out;
}

function fixedLine(file: FileReport): string | undefined {
  const entries = Object.entries(file.fixed ?? {});
  if (entries.length === 0) return undefined;
  const total = entries.reduce((a, [, n]) => a + n, 0);
  return `  fixed ${total} ${total === 1 ? 'problem' : 'problems'}: ${entries.map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)).join(', ')}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summaryLine(report: ScanReport, s: Summary, style: Style): string[] {
  const lines: string[] = [];
  const parts: string[] = [];
  if (s.findings === 0) parts.push('No findings');
  else {
    const by = Object.entries(s.bySeverity)
      .map(([sev, n]) => `${n} ${sev}`)
      .join(', ');
    parts.push(`${plural(s.findings, 'finding')} (${by})`);
  }
  if (s.problems > 0) parts.push(plural(s.problems, 'parse problem'));
  if (s.hints > 0) parts.push(plural(s.hints, 'hint'));
  if (s.ruleErrors > 0) parts.push(plural(s.ruleErrors, 'rule error'));
  const head = parts.join(', ');
  const mark =
    s.atOrAbove > 0
      ? style.red(style.bold(`✖ ${head}`))
      : s.findings > 0 || s.problems > 0 || s.ruleErrors > 0
        ? style.yellow(style.bold(`! ${head}`))
        : style.green(style.bold(`✔ ${head}`));
  const tail = `${plural(s.files, 'file')} scanned in ${Math.round(report.elapsedMs)} ms`;
  lines.push(`${mark} · ${tail}`);
  if (report.failOn !== 'none' && s.atOrAbove > 0) lines.push(`  ${plural(s.atOrAbove, 'finding')} at or above "${report.failOn}" (--fail-on): exit code 1`);
  if (report.fixMode) lines.push(`  fixed ${plural(s.fixed, 'problem')} in ${plural(s.fixedFiles, 'file')}`);
  if (s.fixable > 0) lines.push(`  ${s.fixable} fixable with --fix`);
  if (s.fixableUnsafe > 0) lines.push(`  ${s.fixableUnsafe} more fixable with --fix --unsafe (review the changes)`);
  return lines;
}

export const formatText: Formatter = (report, options) => {
  const style = createStyle(options.color);
  const out: string[] = [];
  for (const file of report.files) {
    const list = rows(file, style);
    const fixed = fixedLine(file);
    if (list.length === 0 && !fixed) continue;
    out.push(style.underline(file.path));
    if (fixed) out.push(style.green(fixed));
    const w = Math.max(...list.map((r) => r.where.length), 0);
    const l = Math.max(...list.map((r) => r.label.length), 0);
    for (const r of list) out.push(`  ${style.dim(r.where.padEnd(w))}  ${r.paint(r.label.padEnd(l))}  ${r.message}  ${style.dim(r.tag)}`);
    out.push('');
  }
  out.push(...summaryLine(report, summarize(report), style));
  return out.join('\n') + '\n';
};
