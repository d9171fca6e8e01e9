// The rule guard (server/src/node/guard.ts, issue #8 item 4) with the real analyze(): a rule
// that loops, backtracks catastrophically or whose fix loops is stopped, turned off for the
// session, reported once, and every other rule still reports. Budgets are small; nothing here
// asserts a duration, only that the calls finish.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, getRule, type AnyRule } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';
import { fixLooper as makeFixLooper, looper } from '../harness/looping-rules';
import { RuleGuard, type GuardEvent } from '../../server/src/node/guard';

const preferCopy = getRule('prefer-copy') as AnyRule;

/** A regex that backtracks exponentially (2^40 steps) on a file containing REGEX. */
const backtracker = defineRule({
  meta: { id: 'test-backtracker', kind: 'dockerfile', title: 'Backtracks', severity: 'high', category: 'hygiene', messages: { m: 'matched' }, references: [] },
  defaultOptions: undefined,
  check({ model, report }) {
    if (model.text.includes('REGEX') && /^(a+)+$/.test(`${'a'.repeat(40)}!`)) report({ messageId: 'm', range: model.instructions[0]!.range });
  },
}) as AnyRule;

const fixLooper = makeFixLooper('safe', 'low');

const composeRule = defineRule({
  meta: { id: 'test-compose', kind: 'compose', title: 'Compose', severity: 'low', category: 'hygiene', messages: { m: 'x' }, references: [] },
  defaultOptions: undefined,
  check() {},
}) as AnyRule;

function guard(events: GuardEvent[]): RuleGuard {
  return new RuleGuard({ budget: { stopMs: 200, warnMs: 100_000 }, report: (e) => events.push(e) });
}

const LOOPING = 'FROM alpine:3.20\nLABEL x=LOOP\nADD ./a /a\n';

describe('rule guard', () => {
  it('stops a looping rule, reports it once naming the rule and the file, and keeps every other finding', () => {
    const events: GuardEvent[] = [];
    const g = guard(events);
    const r = g.analyze(LOOPING, { kind: 'dockerfile', path: '/w/a/Dockerfile', rules: [preferCopy, looper] });
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.range.start.line]),
      [['prefer-copy', 2]],
    );
    assert.deepEqual(
      r.errors.map((e) => e.ruleId),
      ['test-looper'],
    );
    assert.match(r.errors[0]!.message, /on \/w\/a\/Dockerfile without finishing \(budget 200 ms\) and was stopped; turned off/);
    assert.deepEqual(
      events.map((e) => [e.kind, e.ruleId, e.file]),
      [['stopped', 'test-looper', '/w/a/Dockerfile']],
    );
    assert.equal(g.isStopped('test-looper'), true);
  });

  it('analyzeAll (the CLI: many files per guarded call): results in order, the rule stopped once on the file it looped on', () => {
    const events: GuardEvent[] = [];
    const g = guard(events);
    const job = (path: string, text: string) => ({ text, options: { kind: 'dockerfile' as const, path, rules: [preferCopy, looper] } });
    const results = g.analyzeAll([
      job('/w/1/Dockerfile', 'FROM alpine:3.20\nADD ./a /a\n'),
      job('/w/2/Dockerfile', LOOPING),
      job('/w/3/Dockerfile', LOOPING),
      job('/w/4/Dockerfile', 'FROM alpine:3.20\nADD ./a /a\n'),
    ]);
    assert.deepEqual(
      results.map((r) => [r.findings.map((f) => f.ruleId), r.errors.map((e) => e.ruleId)]),
      [
        [['prefer-copy'], []],
        [['prefer-copy'], ['test-looper']],
        [['prefer-copy'], ['test-looper']],
        [['prefer-copy'], ['test-looper']],
      ],
    );
    assert.deepEqual(
      events.map((e) => [e.kind, e.ruleId, e.file]),
      [['stopped', 'test-looper', '/w/2/Dockerfile']],
    );
  });

  it('a stopped rule stays off for the session: later files are not slowed down, and carry the same error object', () => {
    const events: GuardEvent[] = [];
    const g = guard(events);
    const first = g.analyze(LOOPING, { kind: 'dockerfile', path: '/w/a/Dockerfile', rules: [preferCopy, looper] });
    const second = g.analyze(LOOPING, { kind: 'dockerfile', path: '/w/b/Dockerfile', rules: [preferCopy, looper] });
    assert.equal(events.length, 1);
    assert.equal(second.errors[0], first.errors[0]);
    assert.deepEqual(Object.keys(second.timings), ['prefer-copy']);
    // A Compose result does not list a Dockerfile rule.
    assert.deepEqual(g.analyze('services:\n  web:\n    image: nginx:1.27\n', { kind: 'compose', rules: [composeRule] }).errors, []);
  });

  it('a stopped rule behaves exactly as a rule turned off: same findings, problems and timings', () => {
    const text = 'FROM alpine:3.20\n# bulkhead ignore=prefer-copy\nLABEL x=LOOP\nADD ./a /a\nADD ./b /b\n';
    const g = guard([]);
    // A user setting that turns every rule on again does not revive it (the guard's "off" comes last).
    const config = { customizations: [{ rule: '*', severity: 'high' as const }] };
    const guarded = g.analyze(text, { kind: 'dockerfile', rules: [preferCopy, looper], config });
    const off = analyze(text, {
      kind: 'dockerfile',
      rules: [preferCopy, looper],
      config: { customizations: [...config.customizations, { rule: 'test-looper', severity: 'off' }] },
    });
    const shape = (r: typeof off) => ({
      findings: r.findings.map((f) => [f.ruleId, f.severity, f.range.start.line]),
      problems: r.problems.map((p) => [p.code, p.range.start.line]),
      rules: Object.keys(r.timings),
    });
    assert.deepEqual(shape(guarded), shape(off));
    assert.deepEqual(shape(guarded), {
      findings: [
        ['prefer-copy', 'high', 3],
        ['prefer-copy', 'high', 4],
      ],
      problems: [['unused-suppression', 1]],
      rules: ['prefer-copy'],
    });
  });

  it('stops a regex that backtracks catastrophically', () => {
    const events: GuardEvent[] = [];
    const r = guard(events).analyze('FROM alpine:3.20\nLABEL x=REGEX\nADD ./a /a\n', { kind: 'dockerfile', rules: [backtracker, preferCopy] });
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['prefer-copy'],
    );
    assert.deepEqual(
      events.map((e) => [e.kind, e.ruleId, e.file]),
      [['stopped', 'test-backtracker', '(unnamed)']],
    );
  });

  it('a rule that finishes leaves nothing behind, and one over the warning budget is reported once (injected clock)', () => {
    const events: GuardEvent[] = [];
    const g = new RuleGuard({ budget: { stopMs: 200, warnMs: 500 }, report: (e) => events.push(e) });
    let t = 0;
    const options = { kind: 'dockerfile' as const, rules: [preferCopy], now: () => (t += 300) };
    const r = g.analyze('FROM alpine:3.20\nADD ./a /a\n', options);
    assert.deepEqual(r.errors, []);
    assert.equal(events.length, 0);
    t = 0;
    const slow = { ...options, now: () => (t += 600) };
    g.analyze('FROM alpine:3.20\nADD ./a /a\n', slow);
    g.analyze('FROM alpine:3.20\nADD ./b /b\n', slow);
    assert.deepEqual(
      events.map((e) => [e.kind, e.ruleId]),
      [['slow', 'prefer-copy']],
    );
    assert.equal(g.isStopped('prefer-copy'), false);
  });

  it("fixAll: a fix that loops stops its rule, and the other rules' fixes are still applied", () => {
    const events: GuardEvent[] = [];
    const g = guard(events);
    const out = g.fixAll('FROM alpine:3.20\nADD ./a /a\n', { kind: 'dockerfile', rules: [fixLooper, preferCopy] }, { file: 'Dockerfile' });
    assert.equal(out.text, 'FROM alpine:3.20\nCOPY ./a /a\n');
    assert.deepEqual(
      events.map((e) => [e.kind, e.ruleId, e.file]),
      [['stopped', 'test-fix-looper', 'Dockerfile']],
    );
  });

  it('run(): a lazy fix computed later (code actions) is guarded too; the caller skips the stopped rule on the second try', () => {
    const events: GuardEvent[] = [];
    const g = guard(events);
    const r = g.analyze('FROM alpine:3.20\nADD ./a /a\n', { kind: 'dockerfile', rules: [fixLooper, preferCopy] });
    let tries = 0;
    const titles = g.run(
      'dockerfile',
      { file: 'Dockerfile' },
      () => {
        tries++;
        return r.findings.filter((f) => !g.isStopped(f.ruleId) && f.fix && f.fix.edits().length > 0).map((f) => f.ruleId);
      },
      ['fallback'],
    );
    assert.deepEqual(titles, ['prefer-copy']);
    assert.equal(tries, 2);
    assert.deepEqual(
      events.map((e) => e.ruleId),
      ['test-fix-looper'],
    );
  });

  it('one looping cause charged to rule after rule (a lazily built model part) stops at most 3 rules, then the file is given up', () => {
    const looping = (id: string) =>
      defineRule({
        meta: { id, kind: 'dockerfile', title: 'Loops', severity: 'high', category: 'hygiene', messages: { m: 'never' }, references: [] },
        defaultOptions: undefined,
        check() {
          for (;;) {
            /* loops */
          }
        },
      }) as AnyRule;
    const events: GuardEvent[] = [];
    const r = guard(events).analyze('FROM alpine:3.20\n', {
      kind: 'dockerfile',
      path: 'Dockerfile',
      rules: ['test-a', 'test-b', 'test-c', 'test-d'].map(looping),
    });
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.severity]),
      [['too-large', 'warning']],
    );
    assert.deepEqual(
      r.errors.map((e) => e.ruleId),
      ['test-a', 'test-b', 'test-c'],
    );
    assert.deepEqual(
      events.map((e) => [e.kind, e.ruleId]),
      [
        ['stopped', 'test-a'],
        ['stopped', 'test-b'],
        ['stopped', 'test-c'],
        ['engine', undefined],
      ],
    );
  });

  it('run(): work that never finishes and names no rule gives the fallback, reported once', () => {
    const events: GuardEvent[] = [];
    const g = guard(events);
    const loop = (): string => {
      for (;;) {
        /* not a rule */
      }
    };
    assert.equal(g.run('dockerfile', { file: 'Dockerfile' }, loop, 'fallback'), 'fallback');
    assert.equal(g.run('dockerfile', { file: 'Dockerfile' }, loop, 'fallback'), 'fallback');
    assert.deepEqual(
      events.map((e) => [e.kind, e.ruleId]),
      [['engine', undefined]],
    );
  });
});
