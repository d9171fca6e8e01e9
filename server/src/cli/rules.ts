/** `bulkhead rules`: the rule registry as a table or as stable JSON. */
import { allRules, ruleDocPath, type AnyRule } from '../engine';
import { JSON_FORMAT_VERSION } from './format/json';
import { TOOL_NAME, VERSION } from './version';

function sorted(): AnyRule[] {
  return [...allRules()].sort((a, b) => a.meta.kind.localeCompare(b.meta.kind) || (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
}

export function rulesJson(): string {
  const rules = sorted().map(({ meta }) => ({
    id: meta.id,
    kind: meta.kind,
    title: meta.title,
    severity: meta.severity,
    category: meta.category,
    fix: meta.fix ?? null,
    enabledByDefault: meta.enabledByDefault !== false,
    references: meta.references.map((r) => ({ tool: r.tool, id: r.id, match: r.match })),
    checklist: [...(meta.checklist ?? [])],
    docs: ruleDocPath(meta.id),
  }));
  return JSON.stringify({ version: JSON_FORMAT_VERSION, tool: { name: TOOL_NAME, version: VERSION }, rules }) + '\n';
}

export function rulesText(): string {
  const rows = sorted().map(({ meta }) => [meta.id, meta.kind, meta.severity + (meta.enabledByDefault === false ? ' (off)' : ''), meta.category, meta.fix ? `fix:${meta.fix}` : '-', meta.title]);
  const header = ['RULE', 'KIND', 'SEVERITY', 'CATEGORY', 'FIX', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  return [line(header), ...rows.map(line), '', `${rows.length} rules. Details: docs/rules/<rule>.md, or bulkhead rules --format json.`, ''].join('\n');
}
