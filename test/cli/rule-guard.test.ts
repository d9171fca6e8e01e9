// Issue #8 item 4 in the CLI, in process (a test rule cannot be injected into the bundle): a
// rule that loops is stopped on the first file, said once on stderr with the rule and the
// file, turned off for the other files, listed as a failed rule in each file's report, and the
// command exits 2 as for a crashed rule; every other finding is still reported.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { fixLooper as makeFixLooper, looper } from '../harness/looping-rules';
import { run } from '../../server/src/cli/run';
import { removeTree, tempTree } from './helpers';

const preferCopy = getRule('prefer-copy') as AnyRule;

const fixLooper = makeFixLooper('safe', 'low');

function scan(args: string[], cwd: string, rules: readonly AnyRule[]) {
  let stdout = '';
  let stderr = '';
  const status = run(args, {
    cwd,
    env: {},
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    now: () => 0,
    rules,
    ruleBudget: { stopMs: 200, warnMs: 100_000 },
  });
  return { status, stdout, stderr };
}

interface Json {
  files: { path: string; findings: { rule: string; line: number }[]; errors: { type: string; rule?: string }[] }[];
}

describe('CLI: rule guard', () => {
  let dir: string;
  before(() => {
    dir = tempTree({
      'a/Dockerfile': 'FROM alpine:3.20\nLABEL x=LOOP\nADD ./a /a\n',
      'b/Dockerfile': 'FROM alpine:3.20\nLABEL x=LOOP\nADD ./b /b\n',
    });
  });
  after(() => removeTree(dir));

  it('scan: stopped once, said once on stderr, other findings reported for every file, exit 2', () => {
    const r = scan(['scan', '.', '--format', 'json'], dir, [preferCopy, looper]);
    assert.equal(r.status, 2);
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      /^bulkhead: error: Rule test-looper ran for \d+ ms on a\/Dockerfile without finishing \(budget 200 ms\) and was stopped; turned off/,
    );
    const json = JSON.parse(r.stdout) as Json;
    assert.deepEqual(
      json.files.map((f) => [f.path, f.findings.map((x) => [x.rule, x.line]), f.errors.map((e) => [e.type, e.rule])]),
      [
        ['a/Dockerfile', [['prefer-copy', 3]], [['rule', 'test-looper']]],
        ['b/Dockerfile', [['prefer-copy', 3]], [['rule', 'test-looper']]],
      ],
    );
  });

  it('scan: a rule stopped in a later batch of analyses (32 files each) is listed as failed for the files analysed before it too', () => {
    const many = tempTree(
      Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [
          `d${String(i).padStart(2, '0')}/Dockerfile`,
          `FROM alpine:3.20\nLABEL x=${i === 39 ? 'LOOP' : 'ok'}\nADD ./a /a\n`,
        ]),
      ),
    );
    try {
      const r = scan(['scan', '.', '--format', 'json'], many, [preferCopy, looper]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^bulkhead: error: Rule test-looper ran for \d+ ms on d39\/Dockerfile without finishing/);
      const json = JSON.parse(r.stdout) as Json;
      assert.equal(json.files.length, 40);
      for (const f of json.files) {
        assert.deepEqual(
          [f.findings.map((x) => [x.rule, x.line]), f.errors.map((e) => [e.type, e.rule])],
          [[['prefer-copy', 3]], [['rule', 'test-looper']]],
          f.path,
        );
      }
    } finally {
      removeTree(many);
    }
  });

  it('fix: a fix that loops is stopped, the other fixes are written, exit 2', () => {
    const r = scan(['fix', 'a', '--format', 'json'], dir, [preferCopy, fixLooper]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^bulkhead: error: Rule test-fix-looper ran for \d+ ms on a\/Dockerfile without finishing/);
    assert.equal(readFileSync(join(dir, 'a', 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nLABEL x=LOOP\nCOPY ./a /a\n');
    const json = JSON.parse(r.stdout) as Json;
    // Reported as if the rule were off: no finding from it, one failed-rule entry.
    assert.deepEqual(
      json.files.map((f) => [f.findings.map((x) => x.rule), f.errors.map((e) => e.rule)]),
      [[[], ['test-fix-looper']]],
    );
  });
});
