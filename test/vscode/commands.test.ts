import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { byCode, codeOf, codeActions, open, waitForDiagnostics } from './helpers';

describe('commands', () => {
  let uri: vscode.Uri;

  before(async () => {
    uri = (await open('Dockerfile')).document.uri;
    await waitForDiagnostics(uri, 'prefer-copy', (ds) => ds.some((d) => codeOf(d) === 'prefer-copy'));
  });

  it('bulkhead.showOutputChannel runs', async () => {
    await vscode.commands.executeCommand('bulkhead.showOutputChannel');
  });

  it('bulkhead.revalidate runs and the diagnostics stay', async () => {
    await vscode.commands.executeCommand('bulkhead.revalidate');
    await waitForDiagnostics(uri, 'prefer-copy after revalidate', (ds) => ds.some((d) => codeOf(d) === 'prefer-copy'));
  });

  it('bulkhead.restart restarts the server, which reports again and answers code actions', async () => {
    // Subscribed before the command: the new server's diagnostics must arrive as an event.
    const again = waitForDiagnostics(uri, 'diagnostics from the restarted server', (ds) => ds.some((d) => codeOf(d) === 'prefer-copy'), { sinceEvent: true, timeoutMs: 60_000 });
    await vscode.commands.executeCommand('bulkhead.restart');
    await again;
    const diagnostic = byCode(uri, 'prefer-copy')[0]!;
    const titles = (await codeActions(uri, diagnostic.range)).map((a) => a.title);
    assert.ok(titles.includes('Replace ADD with COPY'), `after restart, code actions are: ${titles.join(' | ')}`);
  });
});
