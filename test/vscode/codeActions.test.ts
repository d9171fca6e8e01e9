import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { byCode, codeOf, codeActions, open, waitForDiagnostics } from './helpers';

/** Works on fix/Dockerfile (same content as the main fixture) so applied edits touch no other test. */
describe('code actions', () => {
  let editor: vscode.TextEditor;
  let uri: vscode.Uri;

  before(async () => {
    editor = await open('fix/Dockerfile');
    uri = editor.document.uri;
    await waitForDiagnostics(uri, 'prefer-copy and no-sudo', (ds) => ds.some((d) => codeOf(d) === 'prefer-copy') && ds.some((d) => codeOf(d) === 'no-sudo'));
  });

  it('prefer-copy: "Replace ADD with COPY" is the preferred quick fix, and the ignore actions are offered', async () => {
    const diagnostic = byCode(uri, 'prefer-copy')[0]!;
    const actions = await codeActions(uri, diagnostic.range);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Replace ADD with COPY');
    assert.ok(fix, `no "Replace ADD with COPY" action; got: ${titles.join(' | ')}`);
    assert.equal(fix.isPreferred, true, 'the safe fix is not marked preferred');
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(fix.edit, 'the fix carries no edit');
    for (const t of ['Ignore prefer-copy for this instruction', 'Ignore prefer-copy for this file', 'Show documentation for prefer-copy']) {
      assert.ok(titles.includes(t), `missing action "${t}"; got: ${titles.join(' | ')}`);
    }
    assert.equal(actions.filter((a) => a.isPreferred).length, 1, `more than one preferred action: ${titles.join(' | ')}`);
  });

  it('no-sudo has no automatic fix, so nothing is preferred, but the ignore actions are there', async () => {
    const diagnostic = byCode(uri, 'no-sudo')[0]!;
    const actions = await codeActions(uri, diagnostic.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore no-sudo for this instruction'), `got: ${titles.join(' | ')}`);
    assert.ok(titles.includes('Ignore no-sudo for this file'), `got: ${titles.join(' | ')}`);
    assert.deepEqual(actions.filter((a) => a.isPreferred && a.diagnostics?.some((d) => codeOf(d) === 'no-sudo')).map((a) => a.title), []);
  });

  it('applying the preferred fix rewrites the line and the diagnostic goes away', async () => {
    const diagnostic = byCode(uri, 'prefer-copy')[0]!;
    const fix = (await codeActions(uri, diagnostic.range)).find((a) => a.isPreferred);
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'VS Code refused the fix edit');
    assert.equal(editor.document.lineAt(2).text, 'COPY ./app /app');
    await waitForDiagnostics(uri, 'prefer-copy to disappear after the fix', (ds) => !ds.some((d) => codeOf(d) === 'prefer-copy') && ds.some((d) => codeOf(d) === 'no-sudo'));
  });

  it('"Ignore no-sudo for this instruction" adds an ignore comment above it and the diagnostic goes away', async () => {
    const diagnostic = byCode(uri, 'no-sudo')[0]!;
    const ignore = (await codeActions(uri, diagnostic.range)).find((a) => a.title === 'Ignore no-sudo for this instruction');
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.match(editor.document.lineAt(1).text, /^# bulkhead ignore=no-sudo\b/);
    assert.equal(editor.document.lineAt(2).text, 'RUN sudo apt-get update');
    await waitForDiagnostics(uri, 'no-sudo to disappear after the ignore comment', (ds) => !ds.some((d) => codeOf(d) === 'no-sudo') && ds.some((d) => codeOf(d) === 'missing-user'));
  });

  it('"Ignore missing-user for this file" puts an ignore-file comment at the top', async () => {
    const diagnostic = byCode(uri, 'missing-user')[0]!;
    const ignore = (await codeActions(uri, diagnostic.range)).find((a) => a.title === 'Ignore missing-user for this file');
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(editor.document.lineAt(0).text, '# bulkhead ignore-file=missing-user');
    await waitForDiagnostics(uri, 'missing-user to disappear', (ds) => !ds.some((d) => codeOf(d) === 'missing-user') && ds.some((d) => codeOf(d) === 'from-latest'));
  });
});
