import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { startTestServer, type TestClient } from '../harness/lsp';

const preferCopy = getRule('prefer-copy') as AnyRule;
const URI = 'file:///work/app/Dockerfile';

describe('diagnostics (pull)', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: [preferCopy] });
  });
  after(() => client.dispose());

  it('announces pull diagnostics, incremental sync and both code action kinds', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.diagnosticProvider, { identifier: 'bulkhead', interFileDependencies: false, workspaceDiagnostics: false });
    assert.deepEqual(caps.codeActionProvider, {
      codeActionKinds: ['quickfix', 'source.fixAll.bulkhead', 'refactor.rewrite.bulkhead.multiStage'],
      resolveProvider: true,
    });
  });

  it('reports a finding with exact code, range, severity, source and docs link', async () => {
    await client.open(URI, 'FROM alpine:3.20\nADD ./app /app\n');
    const items = await client.pull(URI);
    assert.equal(items.length, 1);
    const d = items[0]!;
    assert.equal(d.code, 'prefer-copy');
    assert.equal(d.source, 'bulkhead');
    assert.equal(d.severity, DiagnosticSeverity.Information); // prefer-copy is `low`
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    assert.match(d.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\/prefer-copy\.md$/);
    assert.deepEqual(d.data, { ruleId: 'prefer-copy', index: 0, version: 1 });
    await client.close(URI);
  });

  it('updates after didChange', async () => {
    await client.open(URI, 'FROM alpine:3.20\nADD ./app /app\n');
    assert.equal((await client.pull(URI)).length, 1);
    await client.change(URI, 'FROM alpine:3.20\nADD ./app /app\nADD ./etc /etc\n', 2);
    const after2 = await client.pull(URI);
    assert.deepEqual(
      after2.map((d) => [d.range.start.line, (d.data as { version: number }).version]),
      [
        [1, 2],
        [2, 2],
      ],
    );
    await client.change(URI, 'FROM alpine:3.20\nCOPY ./app /app\n', 3);
    assert.deepEqual(await client.pull(URI), []);
    await client.close(URI);
  });

  it('forgets a closed document: a pull for it is empty', async () => {
    await client.open(URI, 'FROM alpine:3.20\nADD ./app /app\n');
    assert.equal((await client.pull(URI)).length, 1);
    await client.close(URI);
    assert.deepEqual(await client.pull(URI), []);
  });

  it('analyses documents by language id and by file name only', async () => {
    await client.open('file:///work/app/build.Dockerfile', 'FROM alpine\nADD a /a\n', 'plaintext');
    await client.open('untitled:Untitled-1', 'FROM alpine\nADD a /a\n', 'dockerfile');
    await client.open('file:///work/app/notes.txt', 'FROM alpine\nADD a /a\n', 'plaintext');
    assert.equal((await client.pull('file:///work/app/build.Dockerfile')).length, 1);
    assert.equal((await client.pull('untitled:Untitled-1')).length, 1);
    assert.deepEqual(await client.pull('file:///work/app/notes.txt'), []);
    for (const uri of ['file:///work/app/build.Dockerfile', 'untitled:Untitled-1', 'file:///work/app/notes.txt']) await client.close(uri);
  });

  it('sends a status notification after each analysis', async () => {
    await client.open(URI, 'FROM alpine:3.20\nADD ./app /app\n', 'dockerfile', 7);
    await client.pull(URI);
    const s = await client.waitForStatus((p) => p.uri === URI && p.findings === 1);
    assert.deepEqual(s.counts, { low: 1 });
    assert.deepEqual(s.errors, []);
    assert.equal(s.rules, 1);
    await client.close(URI);
  });
});

describe('diagnostics (push fallback for clients without pull)', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ pull: false, rules: [preferCopy] });
  });
  after(() => client.dispose());

  it('does not announce a diagnostic provider', () => {
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
  });

  it('publishes on open, on every change and clears on close', async () => {
    await client.open(URI, 'FROM alpine:3.20\nADD ./app /app\n');
    const first = await client.waitForPublish(URI, (p) => p.version === 1);
    assert.deepEqual(
      first.diagnostics.map((d) => d.code),
      ['prefer-copy'],
    );
    await client.change(URI, 'FROM alpine:3.20\nADD ./app /app\nADD ./b /b\n', 2);
    const second = await client.waitForPublish(URI, (p) => p.version === 2);
    assert.equal(second.diagnostics.length, 2);
    await client.close(URI);
    const cleared = await client.waitForPublish(URI, (p) => p.version === undefined && p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('debounces a burst of changes to an expensive document into one analysis of the last version', async () => {
    // Its own server with a debounce that a loaded machine cannot outrun between two notifications;
    // cheapMs 0 makes every document count as expensive (cheap ones: test/lsp/scheduling.test.ts).
    const client = await startTestServer({ pull: false, rules: [preferCopy], debounceMs: 250, cheapMs: 0 });
    const uri = 'file:///work/burst/Dockerfile';
    await client.open(uri, 'FROM alpine\n');
    await client.waitForPublish(uri, (p) => p.version === 1);
    await client.change(uri, 'FROM alpine\nADD a /a\n', 2);
    await client.change(uri, 'FROM alpine\nADD a /a\nADD b /b\n', 3);
    await client.change(uri, 'FROM alpine\nADD a /a\nADD b /b\nADD c /c\n', 4);
    const last = await client.waitForPublish(uri, (p) => p.version === 4);
    assert.equal(last.diagnostics.length, 3);
    // Versions 2 and 3 were superseded within the debounce window: never analysed, never published.
    assert.deepEqual(
      client.published.filter((p) => p.uri === uri).map((p) => p.version),
      [1, 4],
    );
    await client.close(uri);
    client.dispose();
  });
});
