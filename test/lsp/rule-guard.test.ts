// Issue #8 item 4 over the protocol: a rule that loops on one document is stopped by the
// server's rule guard (server/src/node/guard.ts). The server keeps answering, publishes the
// other rules' diagnostics, names the rule and the file once in the output channel, shows it
// as failed in the status, and a fix that loops is contained the same way.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { fixLooper as makeFixLooper, looper } from '../harness/looping-rules';
import { startTestServer } from '../harness/lsp';

const preferCopy = getRule('prefer-copy') as AnyRule;

const fixLooper = makeFixLooper('unsafe', 'high');

/** `bulkhead.timeBudget.perRule`: a small stop so the test is quick. */
const settings = { timeBudget: { perRule: { warn: 100_000, stop: 200 } } };

describe('rule guard over the protocol', () => {
  it('a rule looping on one document: other diagnostics are published, the error is said once, the server keeps answering', async () => {
    const client = await startTestServer({ rules: [preferCopy, looper], settings });
    try {
      const fine = 'file:///work/fine/Dockerfile';
      const hostile = 'file:///work/hostile/Dockerfile';
      await client.open(fine, 'FROM alpine\nADD x /x\n');
      assert.deepEqual(
        (await client.pull(fine)).map((d) => d.code),
        ['prefer-copy'],
      );
      await client.open(hostile, 'FROM alpine\nLABEL x=LOOP\nADD y /y\n');
      assert.deepEqual(
        (await client.pull(hostile)).map((d) => [d.code, d.range.start.line]),
        [['prefer-copy', 2]],
      );
      const status = await client.waitForStatus((s) => s.uri === hostile);
      assert.deepEqual(
        status.errors.map((e) => e.ruleId),
        ['test-looper'],
      );
      await client.waitForLog((m) => m.includes('test-looper'));
      // The server re-analyses the open documents without the rule; it still answers.
      await client.change(hostile, 'FROM alpine\nLABEL x=LOOP\nADD z /z\n', 2);
      assert.deepEqual(
        (await client.pull(hostile)).map((d) => [d.code, d.range.start.line]),
        [['prefer-copy', 2]],
      );
      assert.deepEqual(
        (await client.pull(fine)).map((d) => d.code),
        ['prefer-copy'],
      );
      const said = client.logs.filter((l) => l.message.includes('test-looper'));
      assert.equal(said.length, 1);
      assert.match(
        said[0]!.message,
        /^Rule test-looper ran for \d+ ms on file:\/\/\/work\/hostile\/Dockerfile without finishing \(budget 200 ms\) and was stopped/,
      );
    } finally {
      client.dispose();
    }
  });

  it('a fix that loops: the code action request still answers, the rule is stopped once and its diagnostic goes away', async () => {
    const client = await startTestServer({ rules: [preferCopy, fixLooper], settings });
    try {
      const uri = 'file:///work/fix/Dockerfile';
      await client.open(uri, 'FROM alpine\nADD x /x\n');
      const items = await client.pull(uri);
      assert.deepEqual(
        items.map((d) => d.code),
        ['test-fix-looper', 'prefer-copy'],
      );
      const refreshes = client.refreshes;
      const actions = await client.codeActions(uri, items[0]!.range, [items[0]!], ['quickfix']);
      // The looping fix is not offered; the ignore and documentation actions are.
      assert.ok(actions.every((a) => a.title !== 'Fix: Fix loops'));
      await client.waitForRefresh(refreshes);
      assert.deepEqual(
        (await client.pull(uri)).map((d) => d.code),
        ['prefer-copy'],
      );
      assert.equal(client.logs.filter((l) => l.message.includes('test-fix-looper')).length, 1);
    } finally {
      client.dispose();
    }
  });
});
