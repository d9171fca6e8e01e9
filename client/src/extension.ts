/**
 * The thin client: starts dist/server.js over IPC for Dockerfiles and Compose files, shows its
 * status, and registers the commands. All analysis happens in the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  Commands,
  COMPOSE_GLOBS,
  COMPOSE_LANGUAGE_ID,
  DOCKERFILE_GLOBS,
  DOCKERFILE_LANGUAGE_ID,
  OUTPUT_CHANNEL_NAME,
  SETTINGS_SECTION,
} from '../../shared/src/ids';
import { RevalidateRequest, StatusNotification, type RevalidateResult, type StatusParams } from '../../shared/src/protocol';
import { listenForChecklistChanges, registerChecklistView } from './checklist';
import { Status } from './status';

let client: LanguageClient | undefined;

/** Language ids, plus file names for files whose language is something else (`yaml`, `plaintext`). */
type Filter = { scheme: string; language: string } | { scheme: string; pattern: string };
export function documentSelector(): Filter[] {
  const schemes = ['file', 'untitled'];
  const out: Filter[] = [];
  for (const scheme of schemes) {
    out.push({ scheme, language: DOCKERFILE_LANGUAGE_ID }, { scheme, language: COMPOSE_LANGUAGE_ID });
    for (const pattern of [...DOCKERFILE_GLOBS, ...COMPOSE_GLOBS]) out.push({ scheme, pattern });
  }
  return out;
}

/** The file-path globs of `bulkhead.validate` in the workspace and every folder (entries with `/` or `*`). */
function validateGlobs(): string[] {
  const scopes = [undefined, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)];
  const globs = new Set<string>();
  for (const scope of scopes) {
    const v = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<unknown>('validate');
    if (Array.isArray(v)) for (const g of v) if (typeof g === 'string' && /[/*?]/.test(g)) globs.add(g.startsWith('/') || g.startsWith('**') ? g : `**/${g}`);
  }
  return [...globs];
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const selector = documentSelector();
  const status = new Status(selector);
  context.subscriptions.push(output, status);

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Config files are synced too: the server reads unsaved `.bulkhead.yaml` buffers before the
    // disk and reports their problems in them (its own watcher sees changes on disk).
    // Globs in `bulkhead.validate` (any folder's) are synced too; the server decides per resource.
    documentSelector: [...selector, { scheme: 'file', pattern: '**/.bulkhead.{yaml,yml,json}' }, ...validateGlobs().map((pattern) => ({ scheme: 'file', pattern }))],
    outputChannel: output,
    synchronize: { configurationSection: SETTINGS_SECTION },
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  context.subscriptions.push(client.onNotification(StatusNotification, (p: StatusParams) => status.update(p)));
  const checklist = registerChecklistView(context, () => client, output);
  context.subscriptions.push(listenForChecklistChanges(client, checklist));

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restart, async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand(Commands.revalidate, async () => {
      const r = await client?.sendRequest<RevalidateResult>(RevalidateRequest);
      if (r) output.info(`Re-analysed ${r.documents} open document${r.documents === 1 ? '' : 's'}.`);
    }),
    vscode.commands.registerCommand(Commands.showOutputChannel, () => output.show(true)),
    vscode.commands.registerCommand(Commands.showRuleDocumentation, async (ruleId: unknown) => {
      if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return;
      const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
      try {
        await vscode.commands.executeCommand('markdown.showPreview', page);
      } catch {
        await vscode.commands.executeCommand('vscode.open', page);
      }
    }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
