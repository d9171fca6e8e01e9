// The engine's onRule hook (AnalyzeOptions.onRule): hosts learn which rule's code is running,
// in its check and later in its lazy fixes (server/src/node/guard.ts names a runaway rule with it).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, getRule, type AnyRule } from '../../server/src/engine/index';

const preferCopy = getRule('prefer-copy') as AnyRule;
const fromLatest = getRule('from-latest') as AnyRule;

describe('engine: onRule hook', () => {
  it('brackets every check with the rule id and undefined, in run order', () => {
    const calls: (string | undefined)[] = [];
    analyze('FROM alpine:3.20\nADD ./a /a\n', { kind: 'dockerfile', rules: [preferCopy, fromLatest], onRule: (id) => calls.push(id) });
    assert.deepEqual(calls, ['prefer-copy', undefined, 'from-latest', undefined]);
  });

  it('names the rule again when one of its lazy fixes is computed', () => {
    const calls: (string | undefined)[] = [];
    const r = analyze('FROM alpine:3.20\nADD ./a /a\n', { kind: 'dockerfile', rules: [preferCopy], onRule: (id) => calls.push(id) });
    calls.length = 0;
    assert.equal(r.findings[0]?.fix?.edits().length, 1);
    assert.deepEqual(calls, ['prefer-copy', undefined]);
  });

  it('a rule that is off is never announced', () => {
    const calls: (string | undefined)[] = [];
    analyze('FROM alpine:3.20\nADD ./a /a\n', {
      kind: 'dockerfile',
      rules: [preferCopy],
      config: { rules: { 'prefer-copy': 'off' } },
      onRule: (id) => calls.push(id),
    });
    assert.deepEqual(calls, []);
  });
});
