import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { startTestServer, type TestClient } from '../harness/lsp';

const preferCopy = getRule('prefer-copy') as AnyRule;
const URI = 'file:///work/app/Dockerfile';
const TEXT = 'FROM alpine:3.20\nADD ./app /app\n';

describe('settings', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ rules: [preferCopy] });
  });
  after(() => client.dispose());

  it('applies customizations, `off` and enable=false, re-validating on change', async () => {
    await client.open(URI, TEXT);
    assert.equal((await client.pull(URI))[0]?.severity, DiagnosticSeverity.Information);

    let refreshes = client.refreshes;
    await client.changeSettings({ rules: { customizations: [{ rule: 'prefer-*', severity: 'critical' }] } });
    await client.waitForRefresh(refreshes);
    assert.equal((await client.pull(URI))[0]?.severity, DiagnosticSeverity.Error);

    refreshes = client.refreshes;
    await client.changeSettings({ rules: { customizations: [{ rule: 'prefer-copy', severity: 'off' }] } });
    await client.waitForRefresh(refreshes);
    assert.deepEqual(await client.pull(URI), []);

    refreshes = client.refreshes;
    await client.changeSettings({ enable: false });
    await client.waitForRefresh(refreshes);
    assert.deepEqual(await client.pull(URI), []);
    assert.deepEqual(await client.codeActions(URI, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, [], ['source.fixAll.bulkhead']), []);

    refreshes = client.refreshes;
    await client.changeSettings({});
    await client.waitForRefresh(refreshes);
    assert.equal((await client.pull(URI)).length, 1);
    await client.close(URI);
  });

  it('asks for settings per resource', async () => {
    client.settings = (uri?: string) => (uri?.includes('/quiet/') ? { enable: false } : {});
    await client.changeSettings(client.settings);
    await client.open('file:///work/quiet/Dockerfile', TEXT);
    await client.open('file:///work/loud/Dockerfile', TEXT);
    assert.deepEqual(await client.pull('file:///work/quiet/Dockerfile'), []);
    assert.equal((await client.pull('file:///work/loud/Dockerfile')).length, 1);
    await client.close('file:///work/quiet/Dockerfile');
    await client.close('file:///work/loud/Dockerfile');
    await client.changeSettings({});
  });

  it('run=onSave analyses on open and save, not on change', async () => {
    const refreshes = client.refreshes;
    await client.changeSettings({ run: 'onSave' });
    await client.waitForRefresh(refreshes);
    await client.open(URI, TEXT);
    assert.deepEqual(
      (await client.pull(URI)).map((d) => (d.data as { version: number }).version),
      [1],
    );
    await client.change(URI, TEXT + 'ADD ./b /b\n', 2);
    // Still the saved state's result: the edit was not analysed.
    assert.deepEqual(
      (await client.pull(URI)).map((d) => (d.data as { version: number }).version),
      [1],
    );
    assert.equal(
      client.statuses.some((s) => s.uri === URI && s.findings === 2),
      false,
    );
    const beforeSave = client.refreshes;
    await client.save(URI);
    await client.waitForRefresh(beforeSave);
    assert.deepEqual(
      (await client.pull(URI)).map((d) => (d.data as { version: number }).version),
      [2, 2],
    );
    await client.close(URI);
    await client.changeSettings({});
  });

  it('maxFileSize: a file above it gets one "too-large" diagnostic saying the limit; raising it analyses the file', async () => {
    const big = 'FROM alpine:3.20\nADD ./a /a\n' + '# padding\n'.repeat(200);
    const refreshes = client.refreshes;
    await client.changeSettings({ maxFileSize: 1 });
    await client.waitForRefresh(refreshes);
    await client.open(URI, big);
    const items = await client.pull(URI);
    assert.deepEqual(
      items.map((d) => [d.code, d.severity]),
      [['too-large', DiagnosticSeverity.Warning]],
    );
    assert.match(items[0]?.message as string, /the limit is 1 KiB/);
    await client.changeSettings({});
    assert.deepEqual(
      (await client.pull(URI)).map((d) => d.code),
      ['prefer-copy'],
    );
    await client.close(URI);
  });

  it('falls back to defaults for malformed settings', async () => {
    const refreshes = client.refreshes;
    await client.changeSettings({ enable: 'yes', run: 42, rules: { customizations: [{ rule: 1 }, 'x', { rule: 'prefer-copy', severity: 'bogus' }] } });
    await client.waitForRefresh(refreshes);
    await client.open(URI, TEXT);
    const items = await client.pull(URI);
    assert.equal(items.length, 1);
    assert.equal(items[0]?.severity, DiagnosticSeverity.Information);
    await client.close(URI);
    await client.changeSettings({});
  });
});
