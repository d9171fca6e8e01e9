import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { minimalEdits } from '../../server/src/lsp/diff';
import { applyTextEdits } from '../harness/lsp';

describe('minimalEdits (fix-all results as small edits)', () => {
  it('returns no edits for equal texts', () => {
    assert.deepEqual(minimalEdits('FROM a\n', 'FROM a\n'), []);
  });

  it('keeps distant changes as separate, character-trimmed edits', () => {
    const before = 'FROM a\nADD x /x\nRUN true\nRUN true\nADD y /y\n';
    const after = 'FROM a\nCOPY x /x\nRUN true\nRUN true\nCOPY y /y\n';
    assert.deepEqual(minimalEdits(before, after), [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'COPY' },
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } }, newText: 'COPY' },
    ]);
  });

  it('inserts and removes whole lines without splitting CRLF pairs', () => {
    const before = 'FROM a\r\nUSER root\r\nRUN x\r\n';
    const inserted = 'FROM a\r\nUSER root\r\nRUN x\r\nUSER 10001\r\n';
    const removed = 'FROM a\r\nRUN x\r\n';
    for (const after of [inserted, removed]) {
      const edits = minimalEdits(before, after);
      assert.equal(applyTextEdits(before, edits), after);
      for (const e of edits) assert.ok(!e.newText.startsWith('\n') && !e.newText.endsWith('\r'), JSON.stringify(e));
    }
  });

  it('handles a missing final newline and a text that becomes empty', () => {
    for (const [a, b] of [
      ['FROM a\nADD x /x', 'FROM a\nCOPY x /x'],
      ['FROM a\n', ''],
      ['', 'FROM a\n'],
    ] as const) {
      assert.equal(applyTextEdits(a, minimalEdits(a, b)), b);
    }
  });
});
