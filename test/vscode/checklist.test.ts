/**
 * The hardening checklist in VS Code (issue 7): `bulkhead.showChecklist` opens the tree view in
 * the Bulkhead view container; the tree reads workspace → file/service → item → detail with a
 * line link; fixing a finding in the editor flips its item without a reload; exports open
 * Markdown and JSON documents.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, open, waitUntil, workspaceUri } from './helpers';

// Structural copies of the client's types (the suite does not compile against client/).
type Status = 'pass' | 'fail' | 'human' | 'confirmed' | 'na';
interface Range {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}
interface ItemResult {
  readonly id: string;
  readonly status: Status;
  readonly findings: readonly { readonly rule: string; readonly range: Range; readonly message: string }[];
}
interface Subject {
  readonly id: string;
  readonly path: string;
  readonly kind: 'dockerfile' | 'compose';
  readonly service?: string;
  readonly items: readonly ItemResult[];
}
interface Folder {
  readonly report: { readonly subjects: readonly Subject[]; readonly workspace: readonly ItemResult[] };
}
interface Result {
  readonly folders: readonly Folder[];
}
type Node =
  | { readonly type: 'folder' | 'workspace'; readonly folder: Folder }
  | { readonly type: 'subject'; readonly subject: Subject }
  | { readonly type: 'item'; readonly item: ItemResult; readonly subject?: Subject }
  | { readonly type: 'detail'; readonly label: string; readonly uri?: vscode.Uri; readonly range?: Range; readonly status: Status }
  | { readonly type: 'message'; readonly label: string };
interface Exports {
  readonly checklist: {
    readonly tree: vscode.TreeDataProvider<Node> & { readonly current: Result | undefined; refresh(): Promise<Result | undefined> };
    readonly view: vscode.TreeView<Node>;
  };
}

const label = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

describe('hardening checklist', () => {
  let api: Exports['checklist'];

  const children = async (node?: Node): Promise<Node[]> => (await api.tree.getChildren(node)) ?? [];
  const subjectNode = async (path: string): Promise<Extract<Node, { type: 'subject' }> | undefined> => {
    const [folder] = await children();
    assert.ok(folder, 'no folder node');
    return (await children(folder)).find((n): n is Extract<Node, { type: 'subject' }> => n.type === 'subject' && n.subject.path === path);
  };
  const statusOf = (r: Result | undefined, path: string, item: string): Status | undefined =>
    r?.folders[0]?.report.subjects.find((s) => s.path === path)?.items.find((i) => i.id === item)?.status;

  before(async () => {
    const ext = extension();
    await waitUntil('extension active', () => ext.isActive);
    api = (ext.exports as Exports).checklist;
    assert.ok(api?.tree && api.view, 'activate() returns the checklist tree and view');
  });

  it('bulkhead.showChecklist shows the view and returns the checklist of the workspace', async () => {
    const r = await vscode.commands.executeCommand<Result | undefined>('bulkhead.showChecklist');
    assert.ok(r && r.folders.length === 1, `one workspace folder, got ${JSON.stringify(r?.folders.length)}`);
    await waitUntil('checklist view visible', () => api.view.visible);
    const paths = r.folders[0]!.report.subjects.map((s) => s.id);
    assert.ok(paths.includes('Dockerfile'), `subjects: ${paths.join(', ')}`);
    assert.ok(paths.includes('compose/compose.yaml#web'), `subjects: ${paths.join(', ')}`);
    assert.equal(statusOf(r, 'Dockerfile', 'non-root-user'), 'fail');
    assert.equal(statusOf(r, 'Dockerfile', 'trusted-pinned-base'), 'fail', 'debian:latest is neither a pinned tag nor a digest');
  });

  it('the tree reads folder → workspace items and subjects → items (fail first) → line links', async () => {
    const [folder] = await children();
    assert.equal(folder?.type, 'folder');
    const top = await children(folder);
    assert.equal(top[0]?.type, 'workspace', 'workspace-wide items come first');
    const workspaceItems = await children(top[0]);
    assert.ok(
      workspaceItems.some((n) => n.type === 'item' && n.item.id === 'base-image-scan' && n.item.status === 'human'),
      'no CI scanner in the fixture: image scanning needs a human',
    );

    const dockerfile = await subjectNode('Dockerfile');
    assert.ok(dockerfile, 'Dockerfile subject');
    const subjectItem = await api.tree.getTreeItem(dockerfile);
    assert.equal(label(subjectItem), 'Dockerfile');

    const items = await children(dockerfile);
    const statuses = items.map((n) => (n.type === 'item' ? n.item.status : 'other'));
    const order: Record<string, number> = { fail: 0, human: 1, pass: 2, confirmed: 3, na: 4 };
    assert.deepEqual(
      statuses,
      [...statuses].sort((a, b) => (order[a] ?? 9) - (order[b] ?? 9)),
      'failing items first',
    );
    const nonRoot = items.find((n): n is Extract<Node, { type: 'item' }> => n.type === 'item' && n.item.id === 'non-root-user');
    assert.ok(nonRoot, 'non-root-user item');
    const nonRootItem = await api.tree.getTreeItem(nonRoot);
    assert.equal((nonRootItem.iconPath as vscode.ThemeIcon | undefined)?.id !== undefined, true, 'status icon');
    assert.equal(nonRootItem.collapsibleState !== vscode.TreeItemCollapsibleState.None, true, 'a failing item expands to its findings');

    const details = await children(nonRoot);
    const detail = details.find((n): n is Extract<Node, { type: 'detail' }> => n.type === 'detail');
    assert.ok(detail && detail.range, `a detail with a line: ${JSON.stringify(details)}`);
    assert.match(detail.label, /^Line \d+: /);
    const detailItem = await api.tree.getTreeItem(detail);
    assert.equal(detailItem.command?.command, 'bulkhead.revealChecklistLocation', 'clicking a finding goes to its line');

    // Clicking it opens the Dockerfile with the finding's line selected.
    await vscode.commands.executeCommand(detailItem.command.command, ...(detailItem.command.arguments ?? []));
    await waitUntil('Dockerfile revealed', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/Dockerfile') === true);
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, detail.range.start.line);
  });

  it('adding a USER in the editor flips non-root-user from fail to pass without a reload', async () => {
    const uri = workspaceUri('checklist/Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM alpine:3.20\nCOPY app /app\nCMD ["/app/run"]\n'));
    await vscode.commands.executeCommand('bulkhead.showChecklist');
    await waitUntil(
      'checklist/Dockerfile non-root-user to fail',
      () => {
        void api.tree.refresh();
        return statusOf(api.tree.current, 'checklist/Dockerfile', 'non-root-user') === 'fail';
      },
      30_000,
    );

    const editor = await open('checklist/Dockerfile');
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'USER 10001:10001\n'));
    assert.ok(editor.document.isDirty, 'the fix is in the buffer only (not saved)');
    // The server re-analyses the open buffer and notifies the view, which refreshes itself.
    await waitUntil('non-root-user to pass', () => statusOf(api.tree.current, 'checklist/Dockerfile', 'non-root-user') === 'pass', 30_000);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('exports the checklist as Markdown and as JSON documents', async () => {
    const md = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('bulkhead.exportChecklistMarkdown');
    assert.ok(md, 'a Markdown document');
    assert.equal(md.languageId, 'markdown');
    assert.match(md.getText(), /Dockerfile/);
    assert.match(md.getText(), /non-root/i);

    const json = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('bulkhead.exportChecklistJson');
    assert.ok(json, 'a JSON document');
    const data = JSON.parse(json.getText()) as { version: number; folders: Folder[] };
    assert.equal(data.version, 1);
    assert.ok(data.folders[0]?.report.subjects.some((s) => s.path === 'Dockerfile'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
