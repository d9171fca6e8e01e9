/**
 * Activation through onLanguage: the workspace is empty (so no workspaceContains event fires at
 * startup), the extension must be inactive, and opening the first Dockerfile or Compose file
 * created afterwards must activate it. One file kind per VS Code session (activation happens
 * once), chosen by BULKHEAD_VSCODE_FIRST_FILE.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, extension, waitForDiagnostics, waitUntil, workspaceUri } from '../helpers';

const FILES: Record<string, { languageId: string; text: string; expect?: string }> = {
  Dockerfile: { languageId: 'dockerfile', text: 'FROM debian:12\nADD ./app /app\nUSER 10001:10001\n', expect: 'prefer-copy' },
  'compose.yaml': { languageId: 'dockercompose', text: 'services:\n  web:\n    image: nginx:1.27\n' },
};

const name = process.env['BULKHEAD_VSCODE_FIRST_FILE'] ?? 'Dockerfile';
const file = FILES[name];

describe(`activation by opening a ${name} first`, () => {
  it('is inactive in a workspace with no Dockerfile or Compose file', () => {
    assert.ok(file, `BULKHEAD_VSCODE_FIRST_FILE must be one of ${Object.keys(FILES).join(', ')}`);
    assert.equal(extension().isActive, false, 'the extension activated before any Dockerfile or Compose file was opened');
  });

  it(`activates when ${name} is opened`, async () => {
    const uri = workspaceUri(name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(file!.text));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.equal(editor.document.languageId, file!.languageId);
    await waitUntil(`the extension to activate after opening ${name}`, () => extension().isActive, 60_000);
    if (file!.expect) {
      await waitForDiagnostics(uri, `${file!.expect} from the freshly started server`, (ds) => ds.some((d) => codeOf(d) === file!.expect), { timeoutMs: 60_000 });
    }
  });
});
