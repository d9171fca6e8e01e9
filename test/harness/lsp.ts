/**
 * In-memory client ↔ server pair for protocol tests (vscode-languageserver-node's approach):
 * two duplex streams, the real startServer() on one end, a bare protocol connection on the
 * other playing the editor. Every wait is on an event with a timeout, never a fixed sleep.
 */
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  CodeActionRequest,
  createConnection,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Command,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import { StatusNotification, type StatusParams } from '../../shared/src/protocol';
import { applyEdits, TextIndex, type AnyRule } from '../../server/src/engine/index';
import { startServer, type RunningServer } from '../../server/src/lsp/server';

/** The repository root: docs/rules/<id>.md live under it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface TestServerOptions {
  /** Client announces pull diagnostics (default true); false exercises the push fallback. */
  readonly pull?: boolean;
  readonly debounceMs?: number;
  /** Analyses faster than this are not debounced (server default 20 ms); 0 debounces every edit. */
  readonly cheapMs?: number;
  /** Documents whose full analysis stays cached (server default 16). */
  readonly keepFull?: number;
  /** Raw `bulkhead` settings the client answers workspace/configuration with (per scope URI if a function). */
  readonly settings?: unknown;
  readonly rules?: readonly AnyRule[];
  /** Client announces codeAction/resolve support for `edit` (default false: edits come with the action). */
  readonly codeActionResolve?: boolean;
  /** Workspace folders announced at initialize (checklist workspace scan); default none. */
  readonly workspaceFolders?: readonly { readonly uri: string; readonly name: string }[];
}

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly initializeResult: InitializeResult;
  readonly published: PublishDiagnosticsParams[];
  readonly statuses: StatusParams[];
  readonly logs: { type: number; message: string }[];
  /** Raw settings returned for every scope; change it, then call changeSettings(). */
  settings: unknown;
  open(uri: string, text: string, languageId?: string, version?: number): Promise<void>;
  change(uri: string, text: string, version: number): Promise<void>;
  save(uri: string): Promise<void>;
  close(uri: string): Promise<void>;
  changeSettings(settings: unknown): Promise<void>;
  pull(uri: string): Promise<Diagnostic[]>;
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[]>;
  /** Resolves with the first event (already received or future) that matches. */
  waitForPublish(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  waitForStatus(predicate: (s: StatusParams) => boolean): Promise<StatusParams>;
  waitForLog(predicate: (message: string) => boolean): Promise<string>;
  /** Resolves on the next workspace/diagnostic/refresh request after `since` were counted. */
  waitForRefresh(since: number): Promise<void>;
  readonly refreshes: number;
  /** Every client/registerCapability registration the server made (method and options). */
  readonly registrations: { method: string; registerOptions?: unknown }[];
  dispose(): void;
}

const TIMEOUT_MS = 5000;

/** Waits until `check` returns a value, re-checking whenever `subscribe`'s callback fires. */
function waitUntil<T>(label: string, check: () => T | undefined, subscribe: (fire: () => void) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const now = check();
    if (now !== undefined) return resolve(now);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${TIMEOUT_MS} ms waiting for ${label}`));
    }, TIMEOUT_MS);
    const unsubscribe = subscribe(() => {
      const v = check();
      if (v === undefined) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(v);
    });
  });
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return applyEdits(new TextIndex(text), edits);
}

/** Edits of a code action for one document, from `documentChanges` or `changes`. */
export function actionEdits(action: CodeAction | Command): TextEdit[] {
  if (!('kind' in action) && !('edit' in action)) return [];
  const edit = (action as CodeAction).edit;
  if (!edit) return [];
  if (edit.documentChanges) return edit.documentChanges.flatMap((c) => ('edits' in c ? (c.edits as TextEdit[]) : []));
  return Object.values(edit.changes ?? {}).flat();
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestClient> {
  const pull = options.pull ?? true;
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const server: RunningServer = startServer(serverConnection, {
    docsRoot: REPO_ROOT,
    debounceMs: options.debounceMs ?? 10,
    ...(options.cheapMs !== undefined ? { cheapMs: options.cheapMs } : {}),
    ...(options.keepFull !== undefined ? { keepFull: options.keepFull } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
  });
  serverConnection.listen();

  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const statuses: StatusParams[] = [];
  const logs: { type: number; message: string }[] = [];
  const listeners = new Set<() => void>();
  const fire = () => {
    for (const l of [...listeners]) l();
  };
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => void listeners.delete(l);
  };
  let refreshes = 0;
  const state: { settings: unknown } = { settings: options.settings ?? {} };

  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    fire();
  });
  connection.onNotification(StatusNotification, (p: StatusParams) => {
    statuses.push(p);
    fire();
  });
  connection.onNotification(LogMessageNotification.type, (p) => {
    logs.push({ type: p.type, message: p.message });
    fire();
  });
  connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
    params.items.map((i) => (typeof state.settings === 'function' ? (state.settings as (uri?: string) => unknown)(i.scopeUri) : state.settings)),
  );
  connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    fire();
    return null;
  });
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    registrations.push(...params.registrations);
    fire();
    return null;
  });
  connection.listen();

  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    workspaceFolders: options.workspaceFolders ? [...options.workspaceFolders] : null,
    capabilities: {
      textDocument: {
        ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
          ...(options.codeActionResolve ? { resolveSupport: { properties: ['edit'] } } : {}),
        },
      },
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: false },
        workspaceEdit: { documentChanges: true },
        ...(options.workspaceFolders ? { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
        ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
    },
  });
  await connection.sendNotification(InitializedNotification.type, {});

  const texts = new Map<string, string>();
  const client: TestClient = {
    connection,
    initializeResult,
    published,
    statuses,
    logs,
    get settings() {
      return state.settings;
    },
    set settings(v: unknown) {
      state.settings = v;
    },
    registrations,
    get refreshes() {
      return refreshes;
    },
    async open(uri, text, languageId = 'dockerfile', version = 1) {
      texts.set(uri, text);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    async change(uri, text, version) {
      texts.set(uri, text);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async save(uri) {
      await connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    },
    async close(uri) {
      texts.delete(uri);
      await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    async changeSettings(settings) {
      state.settings = settings;
      await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    },
    async pull(uri) {
      const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      if (report.kind !== 'full') throw new Error(`Expected a full report, got ${report.kind}`);
      return report.items;
    },
    async codeActions(uri, range, diagnostics, only) {
      const r = await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
      return r ?? [];
    },
    waitForPublish(uri, predicate = () => true) {
      return waitUntil(`diagnostics for ${uri}`, () => published.find((p) => p.uri === uri && predicate(p)), subscribe);
    },
    waitForStatus(predicate) {
      return waitUntil('a status notification', () => statuses.find(predicate), subscribe);
    },
    waitForLog(predicate) {
      return waitUntil('a log message', () => logs.find((l) => predicate(l.message))?.message, subscribe);
    },
    waitForRefresh(since) {
      return waitUntil('a diagnostics refresh', () => (refreshes > since ? true : undefined), subscribe).then(() => undefined);
    },
    dispose() {
      server.dispose();
      connection.dispose();
      serverConnection.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
  return client;
}
