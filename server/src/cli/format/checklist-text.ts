/**
 * The checklist for a terminal: one block per Dockerfile / Compose service, one line per
 * decided item with its evidence, findings (line numbers) or question; n/a items on one line.
 */
import type { ChecklistItemResult, ChecklistReport, ChecklistStatus } from '../../engine/checklist';
import { detailsOf, subjectTitle } from '../../engine/checklist-markdown';
import { createStyle, type Style } from './ansi';

const MARK: Readonly<Record<ChecklistStatus, string>> = { pass: '✔', fail: '✘', human: '?', confirmed: '☑', na: '–' };

function mark(s: ChecklistStatus, st: Style): string {
  const m = MARK[s];
  return s === 'pass' || s === 'confirmed' ? st.green(m) : s === 'fail' ? st.red(m) : s === 'human' ? st.yellow(m) : st.dim(m);
}

function itemLines(items: readonly ChecklistItemResult[], titles: ReadonlyMap<string, string>, st: Style): string[] {
  const out: string[] = [];
  const width = Math.max(...items.map((i) => i.id.length), 10);
  for (const r of items.filter((i) => i.status !== 'na')) {
    const details = detailsOf(r);
    out.push(`  ${mark(r.status, st)} ${r.id.padEnd(width)}  ${titles.get(r.id) ?? ''}`);
    for (const d of details) out.push(`      ${r.status === 'fail' ? d : st.dim(d)}`);
  }
  const na = items.filter((i) => i.status === 'na');
  if (na.length) out.push(st.dim(`  – n/a: ${na.map((i) => i.id).join(', ')}`));
  return out;
}

export function formatChecklistText(report: ChecklistReport, options: { readonly color: boolean }): string {
  const st = createStyle(options.color);
  const titles = new Map(report.items.map((i) => [i.id, i.title]));
  const out: string[] = [st.bold('Hardening checklist'), ''];
  for (const s of report.subjects) {
    const c = s.counts;
    out.push(
      `${st.bold(st.underline(subjectTitle(s)))}  ${s.score}%  ${st.green(`${c.pass + c.confirmed} pass`)}  ${st.red(`${c.fail} fail`)}  ${st.yellow(`${c.human} human`)}`,
    );
    out.push(...itemLines(s.items, titles, st), '');
  }
  out.push(st.bold('Workspace'), ...itemLines(report.workspace, titles, st), '');
  const c = report.counts;
  out.push(
    `${st.green(`${c.pass} pass`)}, ${st.red(`${c.fail} fail`)}, ${st.yellow(`${c.human} need a human`)}, ${c.confirmed} confirmed, ${c.na} not applicable`,
    '',
  );
  return out.join('\n');
}
