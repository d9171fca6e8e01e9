/**
 * The thin client: starts dist/server.js over IPC for Dockerfiles and Compose files, shows its
 * status, and registers the commands. All analysis happens in the server.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { RestartPolicy } from '../../shared/src/restartPolicy';
import { SERVER_EXEC_ARGV } from '../../shared/src/serverRuntime';
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
import { ActivationTimer, type ActivationTimings } from './activation';
import { listenForChecklistChanges, registerChecklistView, type ChecklistView } from './checklist';
import { Status } from './status';

/** When the bundle's top-level code ran: the start of the activation timings. */
const MODULE_LOADED_AT = performance.now();

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

/** Extensions that already report some of what Bulkhead finds, and which `references` tool each one is. */
const PEER_EXTENSIONS: readonly { readonly id: string; readonly peer: 'buildkit' | 'hadolint'; readonly name: string }[] = [
  { id: 'docker.docker', peer: 'buildkit', name: 'Docker DX' },
  { id: 'ms-azuretools.vscode-containers', peer: 'buildkit', name: 'Container Tools (Docker DX)' },
  { id: 'exiasr.hadolint', peer: 'hadolint', name: 'hadolint' },
];
const DEDUPE_OFFERED_KEY = 'bulkhead.dedupeOffered';

function installedPeers(): (typeof PEER_EXTENSIONS)[number][] {
  return PEER_EXTENSIONS.filter((p) => vscode.extensions.getExtension(p.id) !== undefined);
}

/**
 * Once (remembered in globalState, whatever the answer, dismissing included): when a peer
 * linter is installed and `bulkhead.dedupe` was never set, offer to hide the duplicates.
 */
async function offerDedupe(context: vscode.ExtensionContext, peers: readonly (typeof PEER_EXTENSIONS)[number][]): Promise<void> {
  if (peers.length === 0 || context.globalState.get<boolean>(DEDUPE_OFFERED_KEY)) return;
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<boolean>('dedupe');
  if (inspected?.globalValue !== undefined || inspected?.workspaceValue !== undefined) return;
  await context.globalState.update(DEDUPE_OFFERED_KEY, true);
  const names = [...new Set(peers.map((p) => p.name))].join(' and ');
  const hide = 'Hide duplicates';
  const answer = await vscode.window.showInformationMessage(
    `${names} also reports some of the problems Bulkhead finds. Hide Bulkhead findings that duplicate theirs? (setting bulkhead.dedupe; every Bulkhead problem says "bulkhead")`,
    hide,
    'Keep all',
  );
  if (answer === hide) await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('dedupe', true, vscode.ConfigurationTarget.Global);
}

/**
 * What `activate` returns (`vscode.extensions.getExtension('bulkhead.bulkhead').exports`): the
 * checklist tree and view, for the extension-host suite. Not a stable API for other extensions.
 */
export interface BulkheadExports {
  readonly checklist: ChecklistView;
  /** Resolves when the language server has started (rejects when it could not start). */
  readonly ready: Promise<void>;
  /** Activation timings so far (the server-ready and first-analysis marks arrive after activate() resolved). */
  readonly activation: ActivationTimings;
}

export function activate(context: vscode.ExtensionContext): BulkheadExports {
  const timer = new ActivationTimer(MODULE_LOADED_AT);
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const selector = documentSelector();
  const status = new Status(selector);
  context.subscriptions.push(output, status);

  const peers = installedPeers();
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011', ...SERVER_EXEC_ARGV] } },
  };
  // A crashing server is restarted a bounded number of times, and the output says each time.
  const restarts = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    errorHandler: {
      // A broken message on the wire: keep the connection for the first few, then shut it down.
      error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: false }),
      closed: () => {
        const d = restarts.closed();
        if (d.restart) {
          output.warn(d.message);
          return { action: CloseAction.Restart, handled: true };
        }
        output.error(d.message);
        return { action: CloseAction.DoNotRestart, message: d.message };
      },
    },
    // Config files are synced too: the server reads unsaved `.bulkhead.yaml` buffers before the
    // disk and reports their problems in them (its own watcher sees changes on disk).
    // Globs in `bulkhead.validate` (any folder's) are synced too; the server decides per resource.
    documentSelector: [
      ...selector,
      { scheme: 'file', pattern: '**/.bulkhead.{yaml,yml,json}' },
      ...validateGlobs().map((pattern) => ({ scheme: 'file', pattern })),
    ],
    outputChannel: output,
    synchronize: { configurationSection: SETTINGS_SECTION },
    diagnosticPullOptions: { onChange: true, onSave: true },
    // Which peer linters are installed: `bulkhead.dedupe` hides only their duplicates.
    initializationOptions: { peers: [...new Set(peers.map((p) => p.peer))] },
  };
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  let firstAnalysis = true;
  context.subscriptions.push(
    client.onNotification(StatusNotification, (p: StatusParams) => {
      if (firstAnalysis) {
        firstAnalysis = false;
        output.info(`First analysis done ${timer.mark('firstAnalysisMs')} ms after activation started (${p.durationMs} ms in the server).`);
      }
      status.update(p);
    }),
  );
  const checklist = registerChecklistView(context, () => client, output);
  context.subscriptions.push(listenForChecklistChanges(client, checklist));

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restart, async () => {
      restarts.reset();
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

  // Not awaited: activation returns at once and the server starts beside it (~0.4–0.8 s that
  // VS Code would otherwise count as this extension's activation time). Requests sent meanwhile
  // wait for the start inside the client; `ready` tells API callers when the server answers.
  const started = client.start();
  const ready = started.then(
    () => {
      timer.mark('serverReadyMs');
      output.info(timer.summary());
    },
    (e: unknown) => {
      output.error(`The Bulkhead language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    },
  );
  ready.catch(() => undefined);
  void offerDedupe(context, peers).catch((e: unknown) => output.warn(`dedupe offer: ${e instanceof Error ? e.message : String(e)}`));
  timer.mark('activateMs');
  return {
    checklist,
    ready,
    get activation() {
      return timer.timings;
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
