import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { defineRule } from '../../server/src/engine/rule';
import { startTestServer, type TestClient } from '../harness/lsp';

const preferCopy = getRule('prefer-copy') as AnyRule;

/** A rule that always throws: the runner must contain it. */
const crasher = defineRule({
  meta: { id: 'test-crasher', kind: 'dockerfile', title: 'Crashes', severity: 'high', category: 'hygiene', messages: { m: 'never' }, references: [] },
  defaultOptions: undefined,
  check() {
    throw new Error('boom');
  },
}) as AnyRule;

describe('bad input and failures', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: [preferCopy, crasher] });
  });
  after(() => client.dispose());

  it('an empty document gets a clear diagnostic', async () => {
    const uri = 'file:///work/empty/Dockerfile';
    await client.open(uri, '');
    const items = await client.pull(uri);
    assert.deepEqual(
      items.map((d) => [d.code, d.severity, d.source]),
      [['empty', DiagnosticSeverity.Warning, 'bulkhead']],
    );
    await client.close(uri);
  });

  it('a binary document gets a clear diagnostic, and the server keeps working', async () => {
    const uri = 'file:///work/bin/Dockerfile';
    await client.open(uri, '\u0000\u0001\u0002ELF\u0000\u0000\u0003');
    const items = await client.pull(uri);
    assert.deepEqual(
      items.map((d) => [d.code, d.severity]),
      [['binary', DiagnosticSeverity.Error]],
    );
    assert.match(items[0]?.message as string, /binary/);
    assert.deepEqual(await client.codeActions(uri, items[0]!.range, items, ['source.fixAll.bulkhead']), []);
    await client.close(uri);
  });

  it('a crashing rule does not take the other diagnostics down, and is reported once', async () => {
    const a = 'file:///work/a/Dockerfile';
    const b = 'file:///work/b/Dockerfile';
    await client.open(a, 'FROM alpine\nADD x /x\n');
    await client.open(b, 'FROM alpine\nADD y /y\n');
    assert.deepEqual(
      (await client.pull(a)).map((d) => d.code),
      ['prefer-copy'],
    );
    assert.deepEqual(
      (await client.pull(b)).map((d) => d.code),
      ['prefer-copy'],
    );
    const status = await client.waitForStatus((s) => s.uri === b);
    assert.deepEqual(status.errors, [{ ruleId: 'test-crasher', message: 'boom' }]);
    await client.waitForLog((m) => m.includes('test-crasher'));
    assert.equal(client.logs.filter((l) => l.message.includes('test-crasher')).length, 1);
    await client.close(a);
    await client.close(b);
  });

  it('a code action request for an unknown document returns nothing', async () => {
    const r = await client.codeActions('file:///nowhere/Dockerfile', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', data: { ruleId: 'prefer-copy', index: 99, version: 1 } },
    ]);
    assert.deepEqual(r, []);
  });

  it('answers the revalidate request with the number of open documents', async () => {
    const uri = 'file:///work/c/compose.yaml';
    await client.open(uri, 'services:\n  web:\n    image: nginx\n', 'yaml');
    const refreshes = client.refreshes;
    const r = await client.connection.sendRequest<{ documents: number }>('bulkhead/revalidate');
    assert.deepEqual(r, { documents: 1 });
    await client.waitForRefresh(refreshes);
    await client.close(uri);
  });
});
