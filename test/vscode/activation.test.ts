import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bulkhead, byCode, COMMANDS, extension, open, waitForDiagnostics, waitUntil, workspaceUri } from './helpers';

describe('activation in a workspace with Dockerfiles', () => {
  it('is loaded from the development folder and contributes its commands and settings', () => {
    const pkg = extension().packageJSON as {
      contributes?: { commands?: { command: string }[]; configuration?: { properties?: Record<string, unknown> } | { properties?: Record<string, unknown> }[] };
    };
    const commands = (pkg.contributes?.commands ?? []).map((c) => c.command);
    for (const id of COMMANDS) assert.ok(commands.includes(id), `package.json does not contribute ${id} (has: ${commands.join(', ')})`);
    const configs = pkg.contributes?.configuration;
    const props = Object.assign({}, ...(Array.isArray(configs) ? configs : configs ? [configs] : []).map((c) => c.properties ?? {})) as Record<string, unknown>;
    for (const key of ['bulkhead.enable', 'bulkhead.run', 'bulkhead.rules.customizations'])
      assert.ok(key in props, `package.json does not contribute the setting ${key}`);
  });

  it('activates at startup (workspaceContains), before any file is opened', async () => {
    await waitUntil('the extension to activate', () => extension().isActive, 60_000);
  });

  it('analyses a Dockerfile when it is opened', async () => {
    const editor = await open('Dockerfile');
    assert.equal(editor.document.languageId, 'dockerfile');
    // The first analysis includes the language server's start.
    await waitForDiagnostics(editor.document.uri, 'the first Bulkhead diagnostics', (ds) => ds.length > 0, { timeoutMs: 60_000 });
    assert.ok(
      byCode(editor.document.uri, 'prefer-copy').length === 1,
      `expected one prefer-copy diagnostic, got ${bulkhead(editor.document.uri).length} diagnostics`,
    );
  });

  it('records its activation timings (a measurement for test/bench/lsp.mjs: test-results/activation.json; figures not asserted)', async () => {
    const ext = extension();
    const exports = ext.exports as { ready?: Promise<void>; activation?: { firstAnalysisMs?: number } } | undefined;
    assert.ok(exports?.ready instanceof Promise, 'activate() returns a ready promise');
    await exports.ready;
    const timings = () => exports.activation;
    await waitUntil('the first analysis mark', () => timings()?.firstAnalysisMs !== undefined, 60_000);
    const file = path.join(ext.extensionPath, 'test-results', 'activation.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const record = { host: `${vscode.env.appName} ${vscode.version}`, at: new Date().toISOString(), timings: timings() };
    fs.writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
    console.log(`activation timings: ${JSON.stringify(record.timings)}`);
  });

  it('registers its commands once active', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of COMMANDS) assert.ok(all.includes(id), `command ${id} is not registered`);
  });

  it('opens Compose files as dockercompose, a language in the client selector', async () => {
    const editor = await open('compose/compose.yaml');
    assert.equal(editor.document.languageId, 'dockercompose');
    assert.equal(editor.document.uri.toString(), workspaceUri('compose/compose.yaml').toString());
    assert.ok(extension().isActive);
  });
});
