// docs/rules/README.md, the rule index, is generated from rule metadata by
// scripts/gen-docs-index.mjs, which `npm run build` runs after `tsc -b`: after any build it
// is fresh, so adding a rule never fails this test; it fails when the generator and the file
// disagree for the compiled registry (the same comparison `npm run gen:check` makes).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { allRules } from '../../server/src/engine/index';
import { TOOL_NAMES } from '../../server/src/engine/rule';

const root = resolve(__dirname, '../../..');
const index = () => readFileSync(join(root, 'docs/rules/README.md'), 'utf8');

describe('meta: rule index (docs/rules/README.md)', () => {
  it('rule ids are lower-case kebab-case (file names, URLs, and the runner sorts them by code unit)', () => {
    for (const r of allRules()) assert.match(r.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('matches a fresh generation from the compiled registry', () => {
    assert.doesNotThrow(() => execFileSync(process.execPath, [join(root, 'scripts/gen-docs-index.mjs'), '--check'], { stdio: 'pipe' }));
  });

  it('has one row per rule with its severity, category and fix, linking to its page', () => {
    const text = index();
    for (const r of allRules()) {
      const m = r.meta;
      const row = text.split('\n').find((l) => l.startsWith(`| [${m.id}](./${m.id}.md) |`));
      assert.ok(row, `row for ${m.id}`);
      const cells = row.split(' | ');
      assert.ok(cells[1]?.startsWith(m.severity), `${m.id} severity`);
      assert.equal(cells[2], m.category, `${m.id} category`);
      assert.equal(cells[3], m.fix ?? (m.suggestions ? 'suggestion' : ''), `${m.id} fix`);
      for (const ref of m.references) assert.ok(row.includes(ref.id.replace(/\|/g, '\\|')), `${m.id}: ${ref.tool} ${ref.id}`);
    }
  });

  it('counts coverage per peer tool', () => {
    const text = index();
    assert.equal(TOOL_NAMES.length, 9);
    const hadolint = allRules().filter((r) => r.meta.references.some((x) => x.tool === 'hadolint')).length;
    assert.match(text, new RegExp(`^\\| hadolint \\| ${hadolint} \\|`, 'm'));
    assert.match(text, new RegExp(`^${allRules().length} rules: `, 'm'));
  });
});
