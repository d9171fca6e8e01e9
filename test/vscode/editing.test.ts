import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { byCode, codeOf, describeDiagnostic, open, waitForDiagnostics } from './helpers';

/** Types into edit/Dockerfile (unsaved) and waits for the diagnostics to follow. */
describe('editing updates diagnostics', () => {
  let editor: vscode.TextEditor;
  let uri: vscode.Uri;

  const has = (ds: vscode.Diagnostic[], code: string) => ds.some((d) => codeOf(d) === code);

  before(async () => {
    editor = await open('edit/Dockerfile');
    uri = editor.document.uri;
    await waitForDiagnostics(uri, 'the initial findings', (ds) => has(ds, 'from-latest') && has(ds, 'missing-user') && has(ds, 'prefer-copy'));
  });

  it('pinning the tag removes from-latest', async () => {
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(0, 5, 0, 18), 'debian:12')));
    await waitForDiagnostics(uri, 'from-latest to go', (ds) => !has(ds, 'from-latest') && has(ds, 'missing-user'));
  });

  it('typing a USER line before CMD removes missing-user', async () => {
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(3, 0), 'USER 10001:10001\n')));
    await waitForDiagnostics(uri, 'missing-user to go', (ds) => !has(ds, 'missing-user') && has(ds, 'prefer-copy'));
  });

  it('a new problem appears where it is typed, and existing ranges move with the text', async () => {
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'ADD ./more /more\n')));
    const ds = await waitForDiagnostics(uri, 'two prefer-copy findings', (all) => all.filter((d) => codeOf(d) === 'prefer-copy').length === 2);
    const lines = byCode(uri, 'prefer-copy').map((d) => d.range.start.line).sort();
    assert.deepEqual(lines, [1, 3], ds.map(describeDiagnostic).join(', '));
  });

  it('undo brings the previous diagnostics back', async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, 'one prefer-copy after undo', (ds) => ds.filter((d) => codeOf(d) === 'prefer-copy').length === 1);
    assert.equal(byCode(uri, 'prefer-copy')[0]!.range.start.line, 2);
  });
});
