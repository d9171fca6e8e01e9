/**
 * The hardening checklist in VS Code (issue 7): a tree in the Bulkhead view container
 * (workspace folder → Dockerfile / Compose service → item → findings or evidence), with
 * pass/fail/human icons and click-to-line, refreshed when the server says a file changed;
 * Markdown and JSON export; human items confirmed with a note in `.bulkhead/checklist.json`.
 * All evaluation happens in the server; this file only renders and writes confirmations.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHECKLIST_VIEW_ID, ChecklistCommands } from '../../shared/src/ids';
import {
  CHECKLIST_CONFIRMATIONS_PATH,
  ChecklistChangedNotification,
  ChecklistRequest,
  ScanWorkspaceRequest,
  type ChecklistFolder,
  type ChecklistItemInfo,
  type ChecklistItemResult,
  type ChecklistParams,
  type ChecklistResult,
  type ChecklistStatus,
  type ChecklistSubject,
  type ScanWorkspaceResult,
  type WireRange,
} from '../../shared/src/protocol';

export type Node =
  | { readonly type: 'folder'; readonly folder: ChecklistFolder }
  | { readonly type: 'workspace'; readonly folder: ChecklistFolder }
  | { readonly type: 'subject'; readonly folder: ChecklistFolder; readonly subject: ChecklistSubject }
  | { readonly type: 'item'; readonly folder: ChecklistFolder; readonly subject: ChecklistSubject | undefined; readonly item: ChecklistItemResult }
  | {
      readonly type: 'detail';
      readonly label: string;
      readonly uri: vscode.Uri | undefined;
      readonly range: WireRange | undefined;
      readonly status: ChecklistStatus;
    }
  | { readonly type: 'message'; readonly label: string };

const STATUS_ICON: Readonly<Record<ChecklistStatus, vscode.ThemeIcon>> = {
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  fail: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  human: new vscode.ThemeIcon('question', new vscode.ThemeColor('editorWarning.foreground')),
  confirmed: new vscode.ThemeIcon('verified', new vscode.ThemeColor('testing.iconPassed')),
  na: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};
const STATUS_WORD: Readonly<Record<ChecklistStatus, string>> = { pass: 'pass', fail: 'fail', human: 'needs a human', confirmed: 'confirmed', na: 'n/a' };
/** Failures first, then what a human must answer, then passes; n/a last. */
const ORDER: Readonly<Record<ChecklistStatus, number>> = { fail: 0, human: 1, pass: 2, confirmed: 3, na: 4 };

function fileUri(folder: ChecklistFolder, rel: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.parse(folder.uri), ...rel.split('/'));
}

export class ChecklistTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private result: ChecklistResult | undefined;
  private loading: Promise<ChecklistResult | undefined> | undefined;
  private infos = new Map<string, ChecklistItemInfo>();

  constructor(private readonly client: () => LanguageClient | undefined) {}

  dispose(): void {
    this.emitter.dispose();
  }

  /** The last result (tests and exports). */
  get current(): ChecklistResult | undefined {
    return this.result;
  }

  async load(params: ChecklistParams = {}): Promise<ChecklistResult | undefined> {
    const c = this.client();
    if (!c) return undefined;
    const r = await c.sendRequest<ChecklistResult>(ChecklistRequest, params);
    this.result = r;
    this.infos = new Map(r.folders.flatMap((f) => f.report.items.map((i) => [i.id, i] as const)));
    this.emitter.fire(undefined);
    return r;
  }

  refresh(): Promise<ChecklistResult | undefined> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  getChildren(node?: Node): Node[] {
    const r = this.result;
    if (!node) {
      if (!r) {
        void this.refresh();
        return [{ type: 'message', label: 'Scanning the workspace…' }];
      }
      if (r.folders.length === 0) return [{ type: 'message', label: 'Open a folder to see its hardening checklist.' }];
      return r.folders.map((folder) => ({ type: 'folder', folder }));
    }
    switch (node.type) {
      case 'folder': {
        const subjects = node.folder.report.subjects.map((subject): Node => ({ type: 'subject', folder: node.folder, subject }));
        return [
          { type: 'workspace', folder: node.folder },
          ...(subjects.length ? subjects : [{ type: 'message' as const, label: 'No Dockerfile or Compose file in this folder.' }]),
        ];
      }
      case 'workspace':
        return node.folder.report.workspace.map((item) => ({ type: 'item', folder: node.folder, subject: undefined, item }));
      case 'subject':
        return [...node.subject.items]
          .sort((a, b) => ORDER[a.status] - ORDER[b.status])
          .map((item) => ({ type: 'item', folder: node.folder, subject: node.subject, item }));
      case 'item':
        return this.details(node.folder, node.subject, node.item);
      default:
        return [];
    }
  }

  private details(folder: ChecklistFolder, subject: ChecklistSubject | undefined, item: ChecklistItemResult): Node[] {
    const uri = subject ? fileUri(folder, subject.path) : undefined;
    switch (item.status) {
      case 'fail':
        return item.findings.map((f) => ({
          type: 'detail',
          label: `${f.path !== undefined ? `${f.path} line` : 'Line'} ${f.range.start.line + 1}: ${f.message}`,
          uri: f.path !== undefined ? fileUri(folder, f.path) : uri,
          range: f.range,
          status: 'fail',
        }));
      case 'pass':
        return item.evidence.map((e) => ({
          type: 'detail',
          label: e.text,
          uri: e.path ? fileUri(folder, e.path) : e.range ? uri : undefined,
          range: e.range,
          status: 'pass',
        }));
      case 'human':
        return [{ type: 'detail', label: item.question ?? item.summary, uri: undefined, range: undefined, status: 'human' }];
      case 'confirmed':
        return [
          {
            type: 'detail',
            label: `Confirmed: ${item.confirmation?.note ?? ''}`,
            uri: fileUri(folder, CHECKLIST_CONFIRMATIONS_PATH),
            range: undefined,
            status: 'confirmed',
          },
        ];
      case 'na':
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'message':
        return new vscode.TreeItem(node.label);
      case 'folder': {
        const c = node.folder.report.counts;
        const t = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        t.description = `${c.pass + c.confirmed} pass · ${c.fail} fail · ${c.human} need a human`;
        t.iconPath = new vscode.ThemeIcon('root-folder');
        t.contextValue = 'bulkhead.checklist.folder';
        return t;
      }
      case 'workspace': {
        const items = node.folder.report.workspace;
        const t = new vscode.TreeItem('Workspace', vscode.TreeItemCollapsibleState.Collapsed);
        t.description = `${items.filter((i) => i.status === 'pass' || i.status === 'confirmed').length}/${items.length} pass`;
        t.iconPath = new vscode.ThemeIcon('repo');
        t.tooltip = 'Items decided once for the workspace: CI scanning and signing, secret rotation, host and daemon hardening.';
        return t;
      }
      case 'subject': {
        const s = node.subject;
        const label = s.service !== undefined ? `service ${s.service}` : s.path;
        const t = new vscode.TreeItem(label, s.counts.fail > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        t.description = `${s.service !== undefined ? `${s.path} · ` : ''}${s.score}% · ${s.counts.fail} fail · ${s.counts.human} human`;
        t.iconPath = new vscode.ThemeIcon(s.kind === 'dockerfile' ? 'file-code' : 'layers');
        t.resourceUri = fileUri(node.folder, s.path);
        t.contextValue = 'bulkhead.checklist.subject';
        t.command = { command: ChecklistCommands.reveal, title: 'Open', arguments: [fileUri(node.folder, s.path), s.range] };
        return t;
      }
      case 'item': {
        const i = node.item;
        const info = this.infos.get(i.id);
        const hasChildren = i.status !== 'na' && (i.findings.length > 0 || i.evidence.length > 0 || i.status === 'human' || i.status === 'confirmed');
        const t = new vscode.TreeItem(info?.title ?? i.id, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        t.id = `${node.folder.uri}|${node.subject?.id ?? ''}|${i.id}`;
        t.description = `${STATUS_WORD[i.status]} — ${i.summary}`;
        t.iconPath = STATUS_ICON[i.status];
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${info?.title ?? i.id}** (\`${i.id}\`) — ${STATUS_WORD[i.status]}\n\n`);
        if (info)
          md.appendMarkdown(
            `${info.why}\n\n*How it is decided:* ${info.how}\n\n${info.cis.length ? `CIS Docker Benchmark v1.6.0: ${info.cis.join(', ')}\n\n` : ''}`,
          );
        if (i.question) md.appendMarkdown(`*Question:* ${i.question}\n\n`);
        t.tooltip = md;
        t.contextValue = `bulkhead.checklist.item.${i.status}`;
        // Inherited image items (a service built from a Dockerfile) point into that Dockerfile.
        const hit = i.findings[0] ?? i.evidence.find((e) => e.range);
        const first = hit?.range;
        const target = hit?.path ?? node.subject?.path;
        if (node.subject && first && target !== undefined)
          t.command = { command: ChecklistCommands.reveal, title: 'Go to line', arguments: [fileUri(node.folder, target), first] };
        return t;
      }
      case 'detail': {
        const t = new vscode.TreeItem(node.label);
        t.tooltip = node.label;
        t.iconPath = node.status === 'fail' ? new vscode.ThemeIcon('debug-breakpoint-unverified') : new vscode.ThemeIcon('dash');
        if (node.uri) t.command = { command: ChecklistCommands.reveal, title: 'Go to line', arguments: [node.uri, node.range] };
        return t;
      }
    }
  }
}

async function reveal(uri: unknown, range: unknown): Promise<void> {
  if (!(uri instanceof vscode.Uri)) return;
  const r = range as WireRange | undefined;
  const selection = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
  await vscode.window.showTextDocument(uri, { preview: true, ...(selection ? { selection } : {}) });
}

interface ConfirmationsFile {
  confirmations: Record<string, unknown>[];
  [key: string]: unknown;
}

/** Adds or replaces a confirmation in `<folder>/.bulkhead/checklist.json`, keeping everything else in the file. */
export async function writeConfirmation(folderUri: vscode.Uri, entry: { item: string; subject?: string; note: string; date: string }): Promise<vscode.Uri> {
  const file = vscode.Uri.joinPath(folderUri, ...CHECKLIST_CONFIRMATIONS_PATH.split('/'));
  let data: ConfirmationsFile = { confirmations: [] };
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const p = parsed as Record<string, unknown>;
      data = { ...p, confirmations: Array.isArray(p['confirmations']) ? (p['confirmations'] as Record<string, unknown>[]) : [] };
    }
  } catch {
    // No file yet (or unreadable JSON, which we do not overwrite blindly: start a fresh list only when absent).
    try {
      await vscode.workspace.fs.stat(file);
      throw new Error(`${CHECKLIST_CONFIRMATIONS_PATH} is not valid JSON; fix it before confirming items.`);
    } catch (e) {
      if (e instanceof Error && e.message.includes('not valid JSON')) throw e;
    }
  }
  data.confirmations = data.confirmations.filter((c) => !(c['item'] === entry.item && (c['subject'] ?? undefined) === entry.subject));
  data.confirmations.push({ item: entry.item, ...(entry.subject !== undefined ? { subject: entry.subject } : {}), note: entry.note, date: entry.date });
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folderUri, '.bulkhead'));
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`));
  return file;
}

export interface ChecklistView {
  readonly tree: ChecklistTree;
  /** The tree view (its visibility is what the extension-host suite checks after the show command). */
  readonly view: vscode.TreeView<Node>;
  /** Debounced refresh, for the server's checklistChanged notification. */
  refreshSoon(): void;
}

export function registerChecklistView(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
  output: vscode.LogOutputChannel,
): ChecklistView {
  const tree = new ChecklistTree(getClient);
  const view = vscode.window.createTreeView(CHECKLIST_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    if (!view.visible) return; // refreshed when shown
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tree.refresh().catch((e: unknown) => output.error(`checklist: ${String(e)}`)), 200);
  };
  const updateBadge = () => {
    const c = tree.current?.folders.reduce((n, f) => n + f.report.counts.fail, 0) ?? 0;
    view.badge = c > 0 ? { value: c, tooltip: `${c} failing checklist item${c === 1 ? '' : 's'}` } : undefined;
  };
  context.subscriptions.push(
    tree,
    view,
    tree.onDidChangeTreeData(updateBadge),
    view.onDidChangeVisibility((e) => {
      if (e.visible) void tree.refresh();
    }),
    vscode.commands.registerCommand(ChecklistCommands.show, async () => {
      await vscode.commands.executeCommand(`${CHECKLIST_VIEW_ID}.focus`);
      return tree.refresh();
    }),
    vscode.commands.registerCommand(ChecklistCommands.refresh, () => tree.refresh()),
    vscode.commands.registerCommand(ChecklistCommands.scanWorkspace, async () => {
      const c = getClient();
      if (!c) return undefined;
      const r = await vscode.window.withProgress({ location: { viewId: CHECKLIST_VIEW_ID }, title: 'Bulkhead: scanning the workspace' }, () =>
        c.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest),
      );
      output.info(`Workspace scan: ${r.files} Dockerfile/Compose file${r.files === 1 ? '' : 's'} in ${r.durationMs} ms.`);
      await tree.refresh();
      return r;
    }),
    vscode.commands.registerCommand(ChecklistCommands.exportMarkdown, async () => {
      const r = await getClient()?.sendRequest<ChecklistResult>(ChecklistRequest, { format: 'markdown' } satisfies ChecklistParams);
      if (!r?.markdown) return undefined;
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.markdown });
      await vscode.window.showTextDocument(doc);
      return doc;
    }),
    vscode.commands.registerCommand(ChecklistCommands.exportJson, async () => {
      const r = await getClient()?.sendRequest<ChecklistResult>(ChecklistRequest, {});
      if (!r) return undefined;
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify({ version: 1, folders: r.folders }, null, 2)}\n` });
      await vscode.window.showTextDocument(doc);
      return doc;
    }),
    vscode.commands.registerCommand(ChecklistCommands.confirm, async (node?: Node, noteArg?: string) => {
      if (!node || node.type !== 'item') return undefined;
      const info = tree.current?.folders.flatMap((f) => f.report.items).find((i) => i.id === node.item.id);
      const note =
        noteArg ??
        (await vscode.window.showInputBox({
          title: `Confirm: ${info?.title ?? node.item.id}`,
          prompt: node.item.question ?? 'How is this item satisfied?',
          placeHolder: 'A note for reviewers (e.g. "Vault, rotated every 30 days")',
          value: node.item.confirmation?.note ?? '',
          validateInput: (v) => (v.trim() === '' ? 'A note is required: it is what reviewers check.' : undefined),
        }));
      if (note === undefined || note.trim() === '') return undefined;
      const file = await writeConfirmation(vscode.Uri.parse(node.folder.uri), {
        item: node.item.id,
        ...(node.subject ? { subject: node.subject.id } : {}),
        note: note.trim(),
        date: new Date().toISOString().slice(0, 10),
      });
      await tree.refresh();
      return file;
    }),
    vscode.commands.registerCommand(ChecklistCommands.reveal, reveal),
    { dispose: () => timer && clearTimeout(timer) },
  );
  return { tree, view, refreshSoon };
}

/** Wires the server's change notification to the view (call after the client is created). */
export function listenForChecklistChanges(client: LanguageClient, view: ChecklistView): vscode.Disposable {
  return client.onNotification(ChecklistChangedNotification, () => view.refreshSoon());
}
