/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding, shown on
 * the pull request's changed lines without code scanning. Values are escaped as the runner
 * expects (`%`, CR, LF everywhere; also `:` and `,` in properties).
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import type { Severity } from '../../engine';
import type { Formatter } from '../report';
import { summarize } from './summary';

const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Span {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

function annotation(command: string, file: string, span: Span | undefined, title: string, message: string): string {
  const props = [`file=${escapeProperty(file)}`];
  if (span) {
    props.push(`line=${span.start.line + 1}`, `col=${span.start.character + 1}`, `endLine=${span.end.line + 1}`, `endColumn=${span.end.character + 1}`);
  }
  props.push(`title=${escapeProperty(title)}`);
  return `::${command} ${props.join(',')}::${escapeData(message)}`;
}

export const formatGithub: Formatter = (report) => {
  const out: string[] = [];
  for (const c of report.configProblems ?? []) {
    const span =
      c.line !== undefined
        ? { start: { line: c.line - 1, character: (c.column ?? 1) - 1 }, end: { line: c.line - 1, character: (c.column ?? 1) - 1 } }
        : undefined;
    out.push(annotation('error', c.path, span, 'bulkhead config', `${c.message} (defaults used)`));
  }
  for (const file of report.files) {
    for (const p of file.result.problems)
      out.push(
        annotation(p.severity === 'error' ? 'error' : p.severity === 'hint' ? 'notice' : 'warning', file.path, p.range, `bulkhead parse:${p.code}`, p.message),
      );
    for (const f of file.findings) out.push(annotation(COMMAND[f.severity], file.path, f.range, `${f.ruleId} (${f.severity})`, f.message));
    for (const e of file.result.errors)
      out.push(annotation('error', file.path, undefined, `bulkhead rule-error:${e.ruleId}`, `Rule failed, its findings are missing: ${e.message}`));
  }
  const s = summarize(report);
  const by = Object.entries(s.bySeverity)
    .map(([sev, n]) => `${n} ${sev}`)
    .join(', ');
  out.push(`bulkhead: ${s.findings} finding${s.findings === 1 ? '' : 's'}${by ? ` (${by})` : ''} in ${s.files} file${s.files === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
};
