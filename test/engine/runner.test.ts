// Rule isolation, severity overrides, suppressions and fix-all (style.md §3.4 item 6).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fixAll, getRule, allRules } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';

const preferCopy = getRule('prefer-copy')!;
const throwing = defineRule({
  meta: { id: 'test-throws', kind: 'dockerfile', title: 'Throws', severity: 'high', category: 'hygiene', messages: { x: 'x' }, references: [] },
  defaultOptions: undefined,
  check() {
    throw new Error('boom');
  },
});
const src = 'FROM alpine:3.20\nADD ./a /a\nADD ./b /b\n';

describe('engine: runner', () => {
  it('a throwing rule is reported once and other rules still report', () => {
    const r = analyze(src, { kind: 'dockerfile', rules: [throwing, preferCopy] });
    assert.deepEqual(r.errors, [{ ruleId: 'test-throws', message: 'boom' }]);
    assert.equal(r.findings.filter((f) => f.ruleId === 'prefer-copy').length, 2);
  });

  it('per-rule timings use the injected clock', () => {
    let t = 0;
    const r = analyze(src, { kind: 'dockerfile', rules: [preferCopy], now: () => (t += 5) });
    assert.deepEqual(r.timings, { 'prefer-copy': 5 });
  });

  it('config.rules sets severity or turns a rule off', () => {
    assert.equal(analyze(src, { kind: 'dockerfile', config: { rules: { 'prefer-copy': 'critical' } } }).findings.find((f) => f.ruleId === 'prefer-copy')?.severity, 'critical');
    assert.equal(analyze(src, { kind: 'dockerfile', config: { rules: { 'prefer-copy': 'off' } } }).findings.filter((f) => f.ruleId === 'prefer-copy').length, 0);
  });

  it('customizations: globs, negation, upgrade/downgrade, last match wins', () => {
    const sev = (customizations: { rule: string; severity: 'off' | 'default' | 'upgrade' | 'downgrade' | 'info' | 'high' }[]) =>
      analyze(src, { kind: 'dockerfile', rules: [preferCopy], config: { customizations } }).findings[0]?.severity ?? 'none';
    assert.equal(sev([{ rule: 'prefer-*', severity: 'upgrade' }]), 'medium');
    assert.equal(sev([{ rule: '*', severity: 'downgrade' }]), 'info');
    assert.equal(sev([{ rule: '!prefer-copy', severity: 'off' }]), 'low');
    assert.equal(sev([{ rule: '*', severity: 'off' }, { rule: 'prefer-copy', severity: 'default' }]), 'low');
    assert.equal(sev([{ rule: 'prefer-copy', severity: 'high' }, { rule: '*', severity: 'off' }]), 'none');
  });

  it('# bulkhead ignore= suppresses the next instruction only, keeping the reason', () => {
    const text = 'FROM alpine:3.20\n# bulkhead ignore=prefer-copy vendored tree, reviewed\nADD ./a /a\nADD ./b /b\n';
    const r = analyze(text, { kind: 'dockerfile', rules: [preferCopy] });
    assert.deepEqual(r.findings.map((f) => f.range.start.line), [3]);
    assert.deepEqual(r.suppressed.map((f) => [f.range.start.line, f.suppressedBy?.reason]), [[2, 'vendored tree, reviewed']]);
  });

  it('ignore covers continuation lines and skips blank/comment lines before the instruction', () => {
    const text = 'FROM alpine:3.20\n# bulkhead ignore=prefer-copy\n\n# other comment\nADD \\\n  ./a /a\n';
    assert.equal(analyze(text, { kind: 'dockerfile', rules: [preferCopy] }).findings.length, 0);
  });

  it('# bulkhead ignore-file= suppresses everywhere; unknown ids are reported', () => {
    const text = '# bulkhead ignore-file=prefer-copy,no-such-rule\nFROM alpine:3.20\nADD ./a /a\nADD ./b /b\n';
    const r = analyze(text, { kind: 'dockerfile', rules: [preferCopy] });
    assert.equal(r.findings.length, 0);
    assert.equal(r.suppressed.length, 2);
    assert.deepEqual(r.problems.map((p) => p.message), ['Unknown rule id "no-such-rule" in bulkhead comment.']);
  });

  it('fixAll applies safe fixes until nothing changes', () => {
    const r = fixAll(src, { kind: 'dockerfile', rules: [preferCopy] });
    assert.equal(r.text, 'FROM alpine:3.20\nCOPY ./a /a\nCOPY ./b /b\n');
    assert.equal(r.applied, 2);
    assert.equal(fixAll(r.text, { kind: 'dockerfile', rules: [preferCopy] }).applied, 0);
  });

  it('every registered rule has a unique kebab-case id', () => {
    const ids = allRules().map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
