// Bad input gets a clear problem, never an exception (DEVELOPERS.md "Bad input").
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fixAll, MAX_TEXT_LENGTH } from '../../server/src/engine/index';

const codes = (text: string, kind: 'dockerfile' | 'compose' = 'dockerfile') => analyze(text, { kind }).problems.map((p) => p.code);

describe('engine: bad input', () => {
  it('empty file: one "empty" warning, no findings', () => {
    const r = analyze('', { kind: 'dockerfile' });
    assert.deepEqual(r.problems.map((p) => [p.code, p.severity]), [['empty', 'warning']]);
    assert.equal(r.findings.length, 0);
  });

  it('only comments and blank lines count as empty', () => {
    assert.deepEqual(codes('# just a comment\n\n   \n'), ['empty']);
  });

  it('binary content is not analysed', () => {
    const r = analyze('FROM alpine\u0000\u0001\u0002\nRUN x', { kind: 'dockerfile' });
    assert.deepEqual(r.problems.map((p) => p.code), ['binary']);
    assert.equal(r.findings.length, 0);
    assert.equal(r.model, undefined);
  });

  it('random bytes decoded as text do not throw', () => {
    let s = '';
    for (let i = 0; i < 5000; i++) s += String.fromCharCode((i * 7919) % 256);
    assert.doesNotThrow(() => analyze(s, { kind: 'dockerfile' }));
    assert.doesNotThrow(() => analyze(s, { kind: 'compose' }));
  });

  it('a file above the size limit gets "too-large" and is not parsed', () => {
    const r = analyze('#'.repeat(MAX_TEXT_LENGTH + 1), { kind: 'dockerfile' });
    assert.deepEqual(r.problems.map((p) => p.code), ['too-large']);
  });

  it('a large but legal file is analysed (10,000 instructions)', () => {
    const lines = ['FROM alpine:3.20'];
    for (let i = 0; i < 10000; i++) lines.push(`ADD ./f${i} /app/f${i}`);
    const r = analyze(lines.join('\n'), { kind: 'dockerfile' });
    assert.equal(r.findings.filter((f) => f.ruleId === 'prefer-copy').length, 10000);
  });

  it('a BOM keeps positions of the original text', () => {
    const r = analyze('\uFEFFFROM alpine:3.20\nADD ./a /a\n', { kind: 'dockerfile' });
    assert.deepEqual(r.problems, []);
    const f = r.findings.find((x) => x.ruleId === 'prefer-copy');
    assert.deepEqual(f?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  });

  it('CRLF and lone CR line endings', () => {
    const crlf = analyze('FROM alpine:3.20\r\nADD ./a /a\r\n', { kind: 'dockerfile' });
    assert.deepEqual(crlf.findings.find((x) => x.ruleId === 'prefer-copy')?.range.start, { line: 1, character: 0 });
    assert.doesNotThrow(() => analyze('FROM alpine:3.20\rADD ./a /a\r', { kind: 'dockerfile' }));
  });

  it('no FROM is an error problem on the first instruction', () => {
    const r = analyze('RUN echo hi\n', { kind: 'dockerfile' });
    assert.deepEqual(r.problems.map((p) => [p.code, p.range.start.line]), [['no-from', 0]]);
  });

  it('unknown instructions are reported at their keyword', () => {
    const r = analyze('FROM alpine:3.20\nFROBNICATE now\n', { kind: 'dockerfile' });
    assert.deepEqual(r.problems.map((p) => [p.code, p.range]), [['unknown-instruction', { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } }]]);
  });

  it('an unterminated continuation at end of file is reported', () => {
    assert.ok(codes('FROM alpine:3.20\nRUN echo a \\').includes('unterminated-continuation'));
    assert.ok(!codes('FROM alpine:3.20\nRUN echo a \\\n  b\n').includes('unterminated-continuation'));
  });

  it('heredocs, closed and unclosed', () => {
    assert.deepEqual(codes('# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n'), []);
    assert.ok(codes('FROM alpine:3.20\nRUN <<EOF\napk add curl\n').includes('unterminated-heredoc'));
  });

  it('escape directive with Windows paths', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD C:\\src\\app `\n    C:\\app\\\n';
    const r = analyze(text, { kind: 'dockerfile' });
    assert.deepEqual(r.problems, []);
    assert.equal(r.findings.filter((f) => f.ruleId === 'prefer-copy').length, 1);
  });

  it('broken YAML gives a syntax problem, not an exception', () => {
    const r = analyze('services:\n  web:\n    image: "unterminated\n  - : :\n', { kind: 'compose' });
    assert.ok(r.problems.some((p) => p.code === 'syntax' && p.severity === 'error'));
  });

  it('a YAML alias bomb is bounded', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${'abcdefghijklmnop'[i]}: &${'abcdefghijklmnop'[i]} [${Array(9).fill('*' + 'abcdefghijklmnop'[i - 1]).join(',')}]`);
    bomb.push('services: {}');
    assert.doesNotThrow(() => analyze(bomb.join('\n'), { kind: 'compose' }));
  });

  it('fixAll on hostile input returns the input unchanged', () => {
    for (const t of ['', '\u0000\u0000', 'FROM', 'RUN \\', 'services: [']) {
      assert.equal(fixAll(t, { kind: t.startsWith('services') ? 'compose' : 'dockerfile' }).text, t);
    }
  });
});
