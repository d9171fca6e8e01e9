/**
 * Checklist requests (issue 7): `bulkhead/checklist` answers the hardening checklist of every
 * workspace folder from the workspace scan; `bulkhead/scanWorkspace` re-reads everything;
 * `bulkhead/checklistChanged` tells the client to ask again after a file changed. Watched-file
 * events (registered dynamically when the client allows) keep the scan incremental.
 */
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WatchKind,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { COMPOSE_GLOBS, DOCKERFILE_GLOBS } from '../../../shared/src/ids';
import {
  ChecklistChangedNotification,
  ChecklistRequest,
  ScanWorkspaceRequest,
  type ChecklistChangedParams,
  type ChecklistFolder,
  type ChecklistParams,
  type ChecklistResult,
  type ScanWorkspaceResult,
} from '../../../shared/src/protocol';
import { evaluateChecklist, type ChecklistReport } from '../engine/checklist';
import { checklistToMarkdown } from '../engine/checklist-markdown';
import { analyze, type AnalysisResult, type AnalyzeOptions, type AnyRule, type EngineConfig, type FileKind } from '../engine/index';
import { uriToPath, WorkspaceScan, type Folder } from './workspaceScan';

export interface ChecklistHost {
  /** Engine config for a resource (its `bulkhead.*` settings), undefined when analysis is disabled. */
  config(uri: string): Promise<EngineConfig | undefined>;
  readonly rules?: readonly AnyRule[] | undefined;
  readonly now: () => number;
  /** Debounce for checklistChanged notifications, ms. */
  readonly notifyDelayMs?: number;
  log(message: string): void;
  /** The analysis to run (the server's guarded one, node/guard.ts); default the engine's analyze. */
  readonly analyze?: (text: string, options: AnalyzeOptions) => AnalysisResult;
}

export const WATCHED_GLOBS = [...DOCKERFILE_GLOBS, ...COMPOSE_GLOBS, '**/.github/workflows/*.{yml,yaml}', '**/.gitlab-ci.{yml,yaml}', '**/azure-pipelines.{yml,yaml}', '**/Jenkinsfile*', '**/.circleci/config.{yml,yaml}', '**/bitbucket-pipelines.yml', '**/.bulkhead/checklist.json'];

export interface ChecklistFeature {
  initialize(params: InitializeParams): void;
  initialized(): void;
  analysed(uri: string, kind: FileKind, result: AnalysisResult | undefined): void;
  closed(uri: string): void;
  readonly scan: WorkspaceScan;
  dispose(): void;
}

function foldersOf(params: InitializeParams): Folder[] {
  const list = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri.slice(params.rootUri.lastIndexOf('/') + 1) }] : []);
  const out: Folder[] = [];
  for (const f of list) {
    const fsPath = uriToPath(f.uri);
    if (fsPath) out.push({ uri: f.uri, name: f.name, fsPath });
  }
  return out;
}

export function registerChecklist(connection: Connection, host: ChecklistHost): ChecklistFeature {
  let dynamicWatch = false;
  let workDone = false;
  let pendingUris = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const notify = (uris: readonly string[]) => {
    for (const u of uris) pendingUris.add(u);
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const params: ChecklistChangedParams = { uris: [...pendingUris] };
      pendingUris = new Set();
      void connection.sendNotification(ChecklistChangedNotification, params).catch(() => undefined);
    }, host.notifyDelayMs ?? 300);
  };

  const scan = new WorkspaceScan({
    async analyse(text, kind, uri, folder) {
      const config = await host.config(folder.uri);
      if (!config) return undefined;
      return (host.analyze ?? analyze)(text, { kind, path: uri, config, now: host.now, ...(host.rules ? { rules: host.rules } : {}) });
    },
    async progress() {
      if (!workDone) return undefined;
      try {
        const p = await connection.window.createWorkDoneProgress();
        p.begin('Bulkhead: scanning the workspace', 0, undefined, false);
        return { report: (percent, message) => p.report(percent, message), done: () => p.done() };
      } catch {
        return undefined;
      }
    },
    changed: notify,
    log: host.log,
  });

  const report = async (folder: Folder): Promise<ChecklistReport> => {
    const files = scan.filesOf(folder).flatMap((f) => (f.result ? [{ path: f.rel, result: f.result }] : []));
    return evaluateChecklist({ files, ci: scan.ciOf(folder), confirmations: await scan.confirmationsOf(folder), ...(host.rules ? { rules: host.rules } : {}) });
  };

  connection.onRequest(ChecklistRequest, async (params: ChecklistParams | undefined): Promise<ChecklistResult> => {
    try {
      await scan.ensureScanned();
      const reports: { folder: Folder; report: ChecklistReport }[] = [];
      for (const f of scan.folderList) reports.push({ folder: f, report: await report(f) });
      const folders: ChecklistFolder[] = reports.map((r) => ({ name: r.folder.name, uri: r.folder.uri, report: r.report }));
      const markdown =
        params?.format === 'markdown'
          ? reports.map((r) => checklistToMarkdown(r.report, reports.length > 1 ? { title: `Container hardening checklist: ${r.folder.name}` } : {})).join('\n')
          : undefined;
      return { folders, files: scan.fileCount, ...(markdown !== undefined ? { markdown } : {}) };
    } catch (e) {
      host.log(`bulkhead/checklist failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return { folders: [], files: 0 };
    }
  });

  connection.onRequest(ScanWorkspaceRequest, async (): Promise<ScanWorkspaceResult> => {
    const started = host.now();
    const files = await scan.rescan();
    return { files, durationMs: Math.round(host.now() - started) };
  });

  connection.onDidChangeWatchedFiles((params) => {
    void (async () => {
      for (const c of params.changes) {
        try {
          await scan.diskChanged(c.uri, c.type === FileChangeType.Deleted);
        } catch (e) {
          host.log(`Workspace scan: ${c.uri}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    })();
  });

  return {
    scan,
    initialize(params) {
      scan.setFolders(foldersOf(params));
      dynamicWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
      workDone = !!params.capabilities.window?.workDoneProgress;
    },
    initialized() {
      if (!dynamicWatch) return;
      const watchers = WATCHED_GLOBS.map((globPattern) => ({ globPattern, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch((e: unknown) => host.log(`register file watcher: ${String(e)}`));
    },
    analysed(uri, kind, result) {
      scan.documentAnalysed(uri, kind, result);
    },
    closed(uri) {
      void scan.documentClosed(uri).catch(() => undefined);
    },
    dispose() {
      if (timer) clearTimeout(timer);
    },
  };
}
