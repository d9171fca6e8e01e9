// `.bulkhead.yaml` in the editor: discovery per workspace folder, precedence, open buffers,
// the watcher, diagnostics in an invalid config, multi-root.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, DidChangeWorkspaceFoldersNotification, FileChangeType } from 'vscode-languageserver/node';
import { getRule, type AnyRule } from '../../server/src/engine/index';
import { startTestServer, type TestClient } from '../harness/lsp';

const preferCopy = getRule('prefer-copy') as AnyRule;
const TEXT = 'FROM alpine:3.20\nADD ./app /app\n';
const uri = (p: string) => pathToFileURL(p).href;

function write(file: string, text: string): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('config file in the editor', () => {
  let root: string;
  let a: string;
  let b: string;
  let client: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'bulkhead-lsp-config-'));
    a = join(root, 'a');
    b = join(root, 'b');
    // Above both workspace folders: never read (discovery stops at the folder).
    write(join(root, '.bulkhead.yaml'), 'rules:\n  prefer-copy: off\n');
    write(join(a, '.bulkhead.yaml'), 'rules:\n  prefer-copy: critical\nignore:\n  - legacy/**\n');
    write(join(a, 'sub', '.bulkhead.yml'), 'rules:\n  prefer-copy: medium\n');
    write(join(b, 'Dockerfile'), TEXT);
    client = await startTestServer({
      rules: [preferCopy],
      workspaceFolders: [
        { uri: uri(a), name: 'a' },
        { uri: uri(b), name: 'b' },
      ],
    });
  });
  after(() => {
    client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const severityOf = async (file: string, text = TEXT): Promise<DiagnosticSeverity | 'none'> => {
    await client.open(uri(file), text);
    const items = await client.pull(uri(file));
    await client.close(uri(file));
    return items.find((d) => d.code === 'prefer-copy')?.severity ?? 'none';
  };

  it('uses the nearest config, stops at the workspace folder, each folder its own (multi-root)', async () => {
    assert.equal(await severityOf(join(a, 'Dockerfile')), DiagnosticSeverity.Error);
    assert.equal(await severityOf(join(a, 'sub', 'deeper', 'Dockerfile')), DiagnosticSeverity.Warning);
    // Folder b has no config: the one above it does not apply, the rule's default does.
    assert.equal(await severityOf(join(b, 'Dockerfile')), DiagnosticSeverity.Information);
  });

  it('honours ignore globs, relative to the config', async () => {
    assert.equal(await severityOf(join(a, 'legacy', 'Dockerfile')), 'none');
    assert.equal(await severityOf(join(a, 'current', 'Dockerfile')), DiagnosticSeverity.Error);
  });

  it('precedence: inline comment > nearest config > settings > defaults', async () => {
    const refreshes = client.refreshes;
    await client.changeSettings({ rules: { customizations: [{ rule: 'prefer-copy', severity: 'off' }] } });
    await client.waitForRefresh(refreshes);
    // The config says critical: it wins over the settings' `off`.
    assert.equal(await severityOf(join(a, 'Dockerfile')), DiagnosticSeverity.Error);
    // Without a config, the settings apply.
    assert.equal(await severityOf(join(b, 'Dockerfile')), 'none');
    // An inline comment wins over the config.
    assert.equal(await severityOf(join(a, 'Dockerfile'), 'FROM alpine:3.20\n# bulkhead ignore=prefer-copy vendored\nADD ./app /app\n'), 'none');
    await client.changeSettings({});
  });

  it('a change to a file reached through extends (any name) re-validates', async () => {
    const dir = join(a, 'ext');
    const base = write(join(root, 'platform', 'base.yaml'), 'rules:\n  prefer-copy: high\n');
    write(join(dir, '.bulkhead.yaml'), `extends: ${base}\n`);
    const doc = uri(join(dir, 'Dockerfile'));
    await client.open(doc, TEXT);
    assert.equal((await client.pull(doc))[0]?.severity, DiagnosticSeverity.Error);
    const refreshes = client.refreshes;
    write(base, 'rules:\n  prefer-copy: off\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(base), type: FileChangeType.Changed }] });
    await client.waitForRefresh(refreshes);
    assert.deepEqual(await client.pull(doc), []);
    // Watched by name, next to the config glob.
    const globs = client.registrations
      .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern));
    assert.ok(globs.includes('**/.bulkhead.{yaml,yml,json}'));
    assert.ok(globs.some((g) => JSON.stringify(g) === JSON.stringify({ baseUri: uri(join(root, 'platform')), pattern: 'base.yaml' })));
    await client.close(doc);
  });

  it('a folder added later is its own root; a removed one no longer stops discovery', async () => {
    const c = join(root, 'c');
    write(join(c, '.bulkhead.yaml'), 'rules:\n  prefer-copy: high\n');
    const doc = join(c, 'deep', 'Dockerfile');
    let refreshes = client.refreshes;
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: uri(c), name: 'c' }], removed: [{ uri: uri(b), name: 'b' }] },
    });
    await client.waitForRefresh(refreshes);
    assert.equal(await severityOf(doc), DiagnosticSeverity.Error);
    // b is no longer a folder: its files walk up past it, to the config above (prefer-copy: off).
    assert.equal(await severityOf(join(b, 'Dockerfile')), 'none');
    refreshes = client.refreshes;
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: uri(b), name: 'b' }], removed: [{ uri: uri(c), name: 'c' }] },
    });
    await client.waitForRefresh(refreshes);
    assert.equal(await severityOf(join(b, 'Dockerfile')), DiagnosticSeverity.Information);
  });

  it('an open config buffer stands in for the disk; its problems are pulled; closing restores the disk', async () => {
    const doc = uri(join(a, 'Dockerfile'));
    const cfg = uri(join(a, '.bulkhead.yaml'));
    await client.open(doc, TEXT);
    assert.equal((await client.pull(doc))[0]?.severity, DiagnosticSeverity.Error);

    let refreshes = client.refreshes;
    await client.open(cfg, 'rules:\n  prefer-copy: off\n', 'yaml');
    await client.waitForRefresh(refreshes);
    assert.deepEqual(await client.pull(doc), []);
    assert.deepEqual(await client.pull(cfg), []);

    refreshes = client.refreshes;
    await client.change(cfg, 'rules:\n  prefer-copy: loud\n', 2);
    await client.waitForRefresh(refreshes);
    const problems = await client.pull(cfg);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.source, 'bulkhead');
    assert.equal(problems[0]?.severity, DiagnosticSeverity.Error);
    assert.match(problems[0]?.message as string, /Invalid severity "loud"/);
    assert.deepEqual(problems[0]?.range, { start: { line: 1, character: 15 }, end: { line: 1, character: 19 } });
    // Invalid: the defaults apply (prefer-copy is low), never a half-applied policy.
    assert.equal((await client.pull(doc))[0]?.severity, DiagnosticSeverity.Information);

    refreshes = client.refreshes;
    await client.close(cfg);
    await client.waitForRefresh(refreshes);
    assert.equal((await client.pull(doc))[0]?.severity, DiagnosticSeverity.Error);
    await client.close(doc);
  });

  it('the watcher re-validates on a change on disk; an invalid config gets diagnostics in it and defaults apply', async () => {
    const file = join(b, '.bulkhead.json');
    const doc = uri(join(b, 'Dockerfile'));
    await client.open(doc, TEXT);
    assert.equal((await client.pull(doc))[0]?.severity, DiagnosticSeverity.Information);

    let refreshes = client.refreshes;
    write(file, '{ "rules": { "prefer-copy": "high" } }\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(file), type: FileChangeType.Created }] });
    await client.waitForRefresh(refreshes);
    assert.equal((await client.pull(doc))[0]?.severity, DiagnosticSeverity.Error);

    refreshes = client.refreshes;
    write(file, '{ "rules": { "no-such-rule": "high" }, "extends": "./missing.yaml" }\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(file), type: FileChangeType.Changed }] });
    await client.waitForRefresh(refreshes);
    assert.equal((await client.pull(doc))[0]?.severity, DiagnosticSeverity.Information);
    const published = await client.waitForPublish(uri(file), (p) => p.diagnostics.length > 0);
    assert.match(published.diagnostics[0]?.message as string, /Unknown rule "no-such-rule"/);
    assert.equal(published.diagnostics[0]?.source, 'bulkhead');

    refreshes = client.refreshes;
    rmSync(file);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(file), type: FileChangeType.Deleted }] });
    await client.waitForRefresh(refreshes);
    await client.pull(doc);
    // The problems in the deleted config are withdrawn.
    const cleared = await client.waitForPublish(uri(file), (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
    await client.close(doc);
  });
});

describe('config file in the editor (push diagnostics)', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'bulkhead-lsp-config-push-'));
    write(join(root, '.bulkhead.yaml'), 'rules: [oops]\n');
    client = await startTestServer({ pull: false, rules: [preferCopy], workspaceFolders: [{ uri: uri(root), name: 'root' }] });
  });
  after(() => {
    client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes the config problem and analyses with the defaults, no crash', async () => {
    const doc = uri(join(root, 'Dockerfile'));
    await client.open(doc, TEXT);
    const d = await client.waitForPublish(doc, (p) => p.diagnostics.length > 0);
    assert.equal(d.diagnostics[0]?.severity, DiagnosticSeverity.Information);
    const c = await client.waitForPublish(uri(join(root, '.bulkhead.yaml')), (p) => p.diagnostics.length > 0);
    assert.match(c.diagnostics[0]?.message as string, /"rules" must be a mapping/);
    assert.equal(
      client.logs.some((l) => /failed/.test(l.message)),
      false,
    );
  });

  it('an invalid unsaved buffer reports its problems; closing it returns to the valid disk file and clears them', async () => {
    const cfg = uri(write(join(root, 'sub', '.bulkhead.yaml'), 'rules: {}\n'));
    const doc = uri(join(root, 'sub', 'Dockerfile'));
    await client.open(doc, TEXT);
    await client.open(cfg, 'rules: 3\n', 'yaml');
    const bad = await client.waitForPublish(cfg, (p) => p.diagnostics.length > 0);
    assert.match(bad.diagnostics[0]?.message as string, /"rules" must be a mapping/);
    await client.close(cfg);
    await client.waitForPublish(cfg, (p) => p.diagnostics.length === 0);
    await client.close(doc);
  });
});
