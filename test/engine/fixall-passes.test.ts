// Fix-all's loop (server/src/engine/index.ts fixAll, used by source.fixAll.bulkhead and
// `bulkhead fix`): bounded passes, stop on a cycle, safe-only by default, rule selection.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll, getRule, type AnyRule } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';

/** Rewrites one keyword into another: two of these in opposite directions fight forever. */
function rewrite(id: string, from: string, to: string, safety: 'safe' | 'unsafe' = 'safe'): AnyRule {
  return defineRule({
    meta: { id, kind: 'dockerfile', title: id, severity: 'low', category: 'hygiene', messages: { x: 'x' }, fix: safety, references: [] },
    defaultOptions: undefined,
    check({ model, report }) {
      for (const ins of model.instructions)
        if (ins.keyword === from) report({ range: ins.keywordRange, messageId: 'x', fix: (edit) => [edit.replace(ins.keywordRange, to)] });
    },
  });
}

/** Always finds something new to fix: only the pass bound stops it. */
const grows = defineRule({
  meta: { id: 'test-grows', kind: 'dockerfile', title: 'grows', severity: 'low', category: 'hygiene', messages: { x: 'x' }, fix: 'safe', references: [] },
  defaultOptions: undefined,
  check({ model, report }) {
    const last = model.instructions[model.instructions.length - 1];
    if (last) report({ range: last.range, messageId: 'x', fix: (edit) => [edit.insertAt(last.range.end, '!')] });
  },
});

describe('fixAll passes', () => {
  it('stops when a pass brings back an earlier text (two fixes undoing each other)', () => {
    const r = fixAll('FROM alpine:3.20\nADD ./a /a\n', {
      kind: 'dockerfile',
      rules: [rewrite('test-to-copy', 'ADD', 'COPY'), rewrite('test-to-add', 'COPY', 'ADD')],
    });
    assert.equal(r.passes, 2);
    assert.equal(r.text, 'FROM alpine:3.20\nADD ./a /a\n');
  });
  it('stops at the pass bound', () => {
    const r = fixAll('FROM alpine:3.20\nRUN true\n', { kind: 'dockerfile', rules: [grows], maxPasses: 3 });
    assert.equal(r.passes, 3);
    assert.equal(r.text, 'FROM alpine:3.20\nRUN true!!!\n');
  });
  it('applies unsafe fixes only when asked, and only the selected rules', () => {
    const rules = [getRule('prefer-copy') as AnyRule, rewrite('test-unsafe', 'WORKDIR', 'workdir', 'unsafe')];
    const text = 'FROM alpine:3.20\nWORKDIR /app\nADD ./a /a\n';
    assert.equal(fixAll(text, { kind: 'dockerfile', rules }).text, 'FROM alpine:3.20\nWORKDIR /app\nCOPY ./a /a\n');
    assert.equal(fixAll(text, { kind: 'dockerfile', rules, safeOnly: false }).text, 'FROM alpine:3.20\nworkdir /app\nCOPY ./a /a\n');
    assert.equal(fixAll(text, { kind: 'dockerfile', rules, safeOnly: false, ruleIds: ['test-unsafe'] }).text, 'FROM alpine:3.20\nworkdir /app\nADD ./a /a\n');
  });
});
