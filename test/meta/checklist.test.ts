/**
 * Checklist parity (issue 7): every checklist id a rule declares in `meta.checklist` is an
 * item of server/src/engine/checklist.ts, and every item is decidable somewhere (a rule, a
 * model fact, the workspace, or a human question).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine/index';
import { CHECKLIST_ITEM_IDS, checklistItems } from '../../server/src/engine/checklist';

describe('checklist metadata', () => {
  it('every rule checklist id names a checklist item', () => {
    const known = new Set(CHECKLIST_ITEM_IDS);
    const unknown = allRules().flatMap((r) => (r.meta.checklist ?? []).filter((id) => !known.has(id)).map((id) => `${r.meta.id} → ${id}`));
    assert.deepEqual(unknown, []);
  });

  it('item ids are unique and kebab-case', () => {
    assert.equal(new Set(CHECKLIST_ITEM_IDS).size, CHECKLIST_ITEM_IDS.length);
    for (const id of CHECKLIST_ITEM_IDS) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });

  it('every item has a title, why and how, and is decidable by a rule, a fact, the workspace or a human', () => {
    for (const item of checklistItems()) {
      assert.ok(item.title && item.why && item.how, item.id);
      assert.ok(item.rules.length > 0 || item.question !== undefined || item.scopes.includes('workspace'), `${item.id} has no rule and no question`);
      for (const cis of item.cis) assert.match(cis, /^\d+\.\d+$/, `${item.id}: CIS id ${cis}`);
    }
  });

  it('a rule joins its items without editing the checklist module (scopes follow rule kinds)', () => {
    const items = checklistItems(allRules());
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const r of allRules()) for (const id of r.meta.checklist ?? []) assert.ok(byId.get(id)?.rules.includes(r.meta.id), `${id} lists ${r.meta.id}`);
  });
});
