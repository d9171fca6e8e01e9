// One rule = one rule file + one test table + one doc page, and the generated registry
// matches the files (style.md habit 2). Doc examples are executed (habit 9).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { allRules, analyze, fixAll, SEVERITIES, ruleDocPath, type AnyRule } from '../../server/src/engine/index';
import { TOOL_NAMES } from '../../server/src/engine/rule';

const root = resolve(__dirname, '../../..');
const kinds = ['dockerfile', 'compose'] as const;
const listIds = (dir: string, suffix: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(suffix))
        .map((f) => f.slice(0, -suffix.length))
        .sort()
    : [];

interface DocExample {
  /** `Fixed` (a `### After the fix` or `### Fixed` heading): the exact text the rule's fixes make of the Incorrect example before it. */
  readonly label: 'Incorrect' | 'Correct' | 'Fixed';
  readonly code: string;
}

/** Splits a rule page into its `## ` sections and the fenced examples under `### Incorrect` / `### Correct`. */
function parseDoc(text: string): { title: string; sections: string[]; meta: string; examples: DocExample[] } {
  const lines = text.split('\n');
  const sections = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
  const examples: DocExample[] = [];
  let label: DocExample['label'] | undefined;
  let fence: string[] | undefined;
  for (const l of lines) {
    if (l.startsWith('## ')) label = undefined;
    if (l.startsWith('### '))
      label =
        l.includes('After the fix') || /^### Fixed\b/.test(l) ? 'Fixed' : l.includes('Incorrect') ? 'Incorrect' : l.includes('Correct') ? 'Correct' : undefined;
    if (fence) {
      if (l.startsWith('```')) {
        if (label) examples.push({ label, code: fence.join('\n') + '\n' });
        fence = undefined;
      } else fence.push(l);
    } else if (/^```(dockerfile|yaml)\s*$/.test(l)) fence = [];
  }
  return { title: lines[0] ?? '', sections, meta: lines.find((l) => l.startsWith('**Severity:**')) ?? '', examples };
}

describe('meta: parity of rules, tests and docs', () => {
  for (const kind of kinds) {
    it(`${kind}: registry = rule files = test tables = doc pages`, () => {
      const files = listIds(join(root, 'server/src/engine/rules', kind), '.ts');
      const registry = allRules()
        .filter((r) => r.meta.kind === kind)
        .map((r) => r.meta.id)
        .sort();
      const tests = listIds(join(root, 'test/rules', kind), '.test.ts');
      assert.deepEqual(registry, files, 'registry vs rule files (run `npm run gen`)');
      assert.deepEqual(tests, files, 'test tables vs rule files');
      for (const id of files) assert.ok(existsSync(join(root, ruleDocPath(id))), `missing doc page ${ruleDocPath(id)}`);
    });
  }

  it('no stray doc pages', () => {
    const ids = new Set(allRules().map((r) => r.meta.id));
    // README.md is the generated rule index (test/meta/docs-index.test.ts), not a rule page.
    for (const id of listIds(join(root, 'docs/rules'), '.md').filter((f) => f !== 'README')) assert.ok(ids.has(id), `docs/rules/${id}.md has no rule`);
  });

  it('the generated registry is up to date', () => {
    assert.doesNotThrow(() => execFileSync(process.execPath, [join(root, 'scripts/gen-rules.mjs'), '--check'], { stdio: 'pipe' }));
  });

  it('docs/architecture.md exists', () => {
    assert.ok(existsSync(join(root, 'docs/architecture.md')));
  });
});

describe('meta: rule metadata and doc pages', () => {
  for (const rule of allRules()) checkRule(rule);
});

function checkRule(rule: AnyRule): void {
  const m = rule.meta;
  describe(m.id, () => {
    it('metadata is complete', () => {
      assert.ok(SEVERITIES.includes(m.severity), 'severity');
      assert.ok(m.title.length > 0 && !m.title.endsWith('.'), 'title: one line, no trailing period');
      assert.ok(Object.keys(m.messages).length > 0, 'messages');
      for (const [id, text] of Object.entries(m.messages)) assert.ok(typeof text === 'string' && text.length > 0, `message ${id}`);
      for (const r of m.references)
        assert.ok(TOOL_NAMES.includes(r.tool) && r.id.length > 0 && ['same', 'partial', 'inspired'].includes(r.match), `reference ${JSON.stringify(r)}`);
    });

    const path = join(root, ruleDocPath(m.id));
    if (!existsSync(path)) return;
    const doc = parseDoc(readFileSync(path, 'utf8'));
    it('doc page has the required sections and matching metadata', () => {
      assert.equal(doc.title, `# ${m.id}`);
      for (const s of ['What it checks', 'Why it matters', 'How to fix', 'Examples', 'References']) assert.ok(doc.sections.includes(s), `section "## ${s}"`);
      assert.ok(doc.meta.includes(`**Severity:** ${m.severity}`), `severity line says ${m.severity}`);
      assert.ok(doc.meta.includes(`**Category:** ${m.category}`), `category line says ${m.category}`);
      assert.ok(
        doc.examples.some((e) => e.label === 'Incorrect'),
        'at least one incorrect example',
      );
      assert.ok(
        doc.examples.some((e) => e.label === 'Correct'),
        'at least one correct example',
      );
    });

    it('doc examples behave as labelled', () => {
      let lastIncorrect: string | undefined;
      for (const e of doc.examples) {
        // A Dockerfile example stands alone in its directory: the host reader finds no other file (no .dockerignore).
        const host = m.kind === 'dockerfile' ? { path: 'Dockerfile', files: { read: () => undefined } } : {};
        if (e.label === 'Fixed') {
          // Fixes are shown in the docs as they are applied: all passes, unsafe ones included.
          assert.ok(lastIncorrect !== undefined, '"### After the fix" needs an incorrect example before it');
          const fixed = fixAll(lastIncorrect, { kind: m.kind, rules: [rule], config: { rules: { [m.id]: 'on' } }, safeOnly: false, ruleIds: [m.id], ...host });
          assert.equal(fixed.text, e.code, 'the "After the fix" / "Fixed" example is not what the fix makes of the incorrect example before it');
          const again = analyze(e.code, { kind: m.kind, rules: [rule], config: { rules: { [m.id]: 'on' } }, ...host });
          assert.equal(again.findings.length, 0, `the fixed example is still flagged (${again.findings.map((f) => f.messageId).join(', ')})`);
          continue;
        }
        if (e.label === 'Incorrect') lastIncorrect = e.code;
        const r = analyze(e.code, { kind: m.kind, rules: [rule], config: { rules: { [m.id]: 'on' } }, ...host });
        assert.deepEqual(r.errors, []);
        const n = r.findings.length;
        if (e.label === 'Incorrect') assert.ok(n > 0, `incorrect example not flagged:\n${e.code}`);
        else assert.equal(n, 0, `correct example flagged (${r.findings.map((f) => f.messageId).join(', ')}):\n${e.code}`);
      }
    });
  });
}
