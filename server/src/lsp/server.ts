/**
 * The language server's logic, independent of the transport: main.ts hands it a connection
 * over IPC/stdio, the tests an in-memory one with a short debounce.
 *
 * Diagnostics are pulled (textDocument/diagnostic) when the client can, pushed otherwise; both
 * paths read the same per-version cache (documents.ts), so a document is analysed once per
 * version whichever way its diagnostics travel.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  WatchKind,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type DocumentDiagnosticReport,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COMPOSE_LANGUAGE_ID, DOCKERFILE_LANGUAGE_ID, FIX_ALL_KIND } from '../../../shared/src/ids';
import { RevalidateRequest, StatusNotification, type RevalidateResult, type StatusParams } from '../../../shared/src/protocol';
import type { Settings } from '../../../shared/src/settings';
import { allRules, kindFromContent, kindFromName, TextIndex, type AnyRule, type EngineConfig, type FileKind } from '../engine/index';
import { configOf, fixAllAction, fixProblemsAction, quickFixes, wants, type CodeActionEnv } from './codeActions';
import { toDiagnostics } from './diagnostics';
import { registerChecklist } from './checklist';
import { AnalysisCache, type Analysis } from './documents';
import { isValidated, SettingsCache } from './settings';
import { CONFIG_GLOB, EditorConfigs, isConfigUri } from './config';
import { dedupe, duplicatedRules, peersFrom } from './dedupe';
import { ProjectFiles, uriToPath } from './projectFiles';
import { MULTI_STAGE_KIND, multiStageAction, resolveMultiStage } from './refactor';
import { RuleGuard, type GuardCall } from '../node/guard';

export interface ServerOptions {
  /** Directory holding `docs/rules/<id>.md` (the extension root; main.ts passes dist/..). */
  readonly docsRoot: string;
  /** Debounce while typing, per document whose analyses are expensive (documents.ts). Default 150 ms. */
  readonly debounceMs?: number;
  /** Analyses faster than this (ms) are not debounced (documents.ts). Default 20 ms. */
  readonly cheapMs?: number;
  /** Documents whose full analysis (model, fixes) stays in memory; others recompute it on demand. Default 16. */
  readonly keepFull?: number;
  /** Rules to run instead of the registry (tests inject a crashing rule here). */
  readonly rules?: readonly AnyRule[];
  /** Wall clock for durations; default performance.now. */
  readonly now?: () => number;
}

export interface RunningServer {
  readonly documents: TextDocuments<TextDocument>;
  dispose(): void;
}

function message(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** Which kind of file a document is: by language id first, then by file name. */
export function documentKind(doc: { readonly uri: string; readonly languageId: string }): FileKind | undefined {
  if (doc.languageId === DOCKERFILE_LANGUAGE_ID) return 'dockerfile';
  if (doc.languageId === COMPOSE_LANGUAGE_ID) return 'compose';
  let path = doc.uri;
  try {
    path = decodeURIComponent(new URL(doc.uri).pathname);
  } catch {
    // Not a URL: use it as a path.
  }
  return kindFromName(path);
}

/**
 * documentKind, then the content for a document the client synced for another reason (a
 * `bulkhead.validate` glob naming, say, `stack.yml`); config files are never analysed.
 */
function kindOf(doc: TextDocument): FileKind | undefined {
  if (isConfigUri(doc.uri)) return undefined;
  return documentKind(doc) ?? kindFromContent(doc.getText());
}

/** `problems.shortenToSingleLine`: the line length the diagnostics' ranges are cut to. */
function lineLengths(doc: TextDocument | undefined, s: Settings): ((line: number) => number) | undefined {
  if (!doc || !s.problems.shortenToSingleLine) return undefined;
  const index = new TextIndex(doc.getText());
  return (line) => index.lineText(line).length;
}

export function startServer(connection: Connection, options: ServerOptions): RunningServer {
  const documents = new TextDocuments(TextDocument);
  const now = options.now ?? (() => performance.now());
  // After the connection is disposed (shutdown, a test ending) a late log must not turn into an
  // unhandled rejection of whatever async handler was still running.
  const safely = (send: () => void) => {
    try {
      send();
    } catch {
      /* the connection is gone */
    }
  };
  const log = (m: string) => safely(() => connection.console.log(m));
  const logError = (m: string) => safely(() => connection.console.error(m));
  const settings = new SettingsCache(connection, log);
  /** `.bulkhead.yaml` discovery per workspace folder; open buffers are read before the disk. */
  const configs = new EditorConfigs((uri) => documents.get(uri)?.getText());
  /** Settings' customizations under the nearest config (inline comment > config > settings > defaults). */
  const effective = (uri: string, s: Settings): { config: EngineConfig; ignored: boolean } => configs.effective(uri, configOf(s));
  /** Rule crashes already written to the output channel (each is reported once). */
  const reportedCrashes = new Set<string>();
  let pull = false;
  let refreshSupport = false;
  let documentChanges = false;
  /** Client fills a code action's edit through codeAction/resolve (the multi-stage refactoring). */
  let resolveEdit = false;
  let dynamicConfiguration = false;
  let dynamicWatch = false;
  /** Workspace folder URIs: config discovery stops at the folder that holds a file. */
  let folders: string[] = [];
  let folderChanges = false;
  /** Other files analyses read (open buffer, else disk) and the open documents that depend on each. */
  const project = new ProjectFiles(documents, () => folders);
  /** Rules whose findings `bulkhead.dedupe` hides (set at initialize from the installed peers). */
  let duplicated = duplicatedRules(options.rules ?? allRules(), peersFrom(undefined));
  /**
   * Interrupts a rule that loops or is catastrophically slow (node/guard.ts): it is reported
   * once here, with the file it ran on, turned off for the session, and every open document is
   * analysed again without it (its findings and quick fixes disappear, as for a rule set off).
   */
  const ruleGuard = new RuleGuard({
    report: (e) => {
      if (e.kind === 'slow') return log(e.message);
      logError(e.message);
      if (!e.error) return;
      // analysed() reports rule errors once by id and message: this one has been said.
      reportedCrashes.add(`${e.error.ruleId}\u0000${e.error.message}`);
      setTimeout(() => {
        if (!disposed) void revalidateAll().catch((err: unknown) => logError(`revalidate after stopping ${e.ruleId}: ${message(err)}`));
      }, 0);
    },
  });
  /** The guard's file name and budget (`bulkhead.timeBudget.perRule`) for one document. */
  const at = (uri: string, s: Settings): GuardCall => ({ file: uri, budget: { warnMs: s.timeBudget.perRule.warn, stopMs: s.timeBudget.perRule.stop } });

  /** Handlers never take the server down: log, and answer with an empty result. */
  const guard =
    <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        logError(`${name} failed: ${message(e)}`);
        return fallback;
      }
    };

  /** Documents whose analysis last went over `timeBudget.onValidation` (logged once per crossing). */
  const overBudget = new Map<string, 'warn' | 'error'>();
  const sendStatus = (a: Analysis) => {
    const r = a.result;
    const limits = a.settings.timeBudget.onValidation;
    const budget = a.durationMs > limits.error ? 'error' : a.durationMs > limits.warn ? 'warn' : undefined;
    if (budget && overBudget.get(a.uri) !== budget) {
      const msg = `Analysing ${a.uri} took ${Math.round(a.durationMs)} ms, over the ${budget === 'error' ? limits.error : limits.warn} ms budget (bulkhead.timeBudget.onValidation.${budget}).`;
      if (budget === 'error') logError(msg);
      else log(msg);
    }
    if (budget) overBudget.set(a.uri, budget);
    else overBudget.delete(a.uri);
    const counts: Record<string, number> = {};
    for (const f of r?.findings ?? []) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    const params: StatusParams = {
      uri: a.uri,
      counts,
      findings: r?.findings.length ?? 0,
      durationMs: Math.round(a.durationMs * 100) / 100,
      errors: r?.errors ?? [],
      problems: r?.problems.length ?? 0,
      // Rules that ran (the runner times every rule that is not off).
      rules: r ? Object.keys(r.timings).length : 0,
      at: new Date().toISOString(),
      ...(budget ? { budget } : {}),
    };
    void connection.sendNotification(StatusNotification, params).catch(() => undefined);
  };

  const publish = (a: Analysis) => {
    void connection
      .sendDiagnostics({
        uri: a.uri,
        version: a.version,
        diagnostics: toDiagnostics(a.result, a.version, options.docsRoot, lineLengths(documents.get(a.uri), a.settings)),
      })
      .catch(() => undefined);
  };

  const watchedFileHandlers: ((p: DidChangeWatchedFilesParams) => void)[] = [];
  const checklistConnection = Object.create(connection, {
    onDidChangeWatchedFiles: { value: (h: (p: DidChangeWatchedFilesParams) => void) => (watchedFileHandlers.push(h), { dispose: () => undefined }) },
  }) as Connection;
  const checklist = registerChecklist(checklistConnection, {
    config: async (uri) => {
      const s = await settings.get(uri);
      if (!s.enable) return undefined;
      const e = effective(uri, s);
      return e.ignored ? undefined : e.config;
    },
    rules: options.rules,
    now,
    log,
    analyze: (text, o) => ruleGuard.analyze(text, o),
  });

  const cache = new AnalysisCache(
    {
      document: (uri) => documents.get(uri),
      kind: kindOf,
      settings: (uri) => settings.get(uri),
      analyse(doc: TextDocument, kind: FileKind, s: Settings): Analysis {
        const started = now();
        const e = effective(doc.uri, s);
        // A file: document is analysed under its file-system path with a reader for the files
        // around it (override, extends/include, the Dockerfile of a build:, .dockerignore).
        const fsPath = uriToPath(doc.uri);
        const host = fsPath !== undefined ? { path: fsPath, files: project.reader(doc.uri) } : { path: doc.uri };
        const analysed =
          s.enable && !e.ignored && isValidated(s.validate, doc.languageId, doc.uri)
            ? ruleGuard.analyze(
                doc.getText(),
                {
                  kind,
                  ...host,
                  config: e.config,
                  maxTextLength: s.maxFileSize * 1024,
                  ...(options.rules ? { rules: options.rules } : {}),
                },
                at(doc.uri, s),
              )
            : undefined;
        project.record(doc.uri, analysed?.dependencies);
        const result = analysed && s.dedupe ? dedupe(analysed, duplicated) : analysed;
        return { uri: doc.uri, version: doc.version, kind, settings: s, config: e.config, result, durationMs: now() - started };
      },
      analysed(a) {
        // The diagnostics first: every message is written in order (the connection's write
        // queue), so whatever is sent before them delays what the user waits for (issue #8).
        if (!pull) publish(a);
        for (const e of a.result?.errors ?? []) {
          const key = `${e.ruleId}\u0000${e.message}`;
          if (reportedCrashes.has(key)) continue;
          reportedCrashes.add(key);
          logError(`Rule ${e.ruleId} failed on ${a.uri}: ${e.message}. Other rules still ran.`);
        }
        sendStatus(a);
        afterPublish();
        // The scan keeps this for as long as the document is open: a view of the cache, not the model itself.
        checklist.analysed(a.uri, a.kind, a.result && cache.liveResult(a.uri, a.kind));
      },
    },
    options.debounceMs ?? 150,
    { now, ...(options.cheapMs !== undefined ? { cheapMs: options.cheapMs } : {}), ...(options.keepFull !== undefined ? { keepFull: options.keepFull } : {}) },
  );

  /**
   * Files reached through `extends` with other names (`../platform/base.yaml`) are watched one
   * by one (relative patterns), re-registered when the set changes.
   */
  let extended = new Set<string>();
  let extendedWatch: Promise<{ dispose(): void } | undefined> = Promise.resolve(undefined);
  const watchExtended = () => {
    const now = configs.extendedFiles();
    if (now.size === extended.size && [...now].every((u) => extended.has(u))) return;
    extended = now;
    if (!dynamicWatch) return;
    const watchers = [...now].map((u) => ({
      globPattern: { baseUri: u.slice(0, u.lastIndexOf('/')), pattern: decodeURIComponent(u.slice(u.lastIndexOf('/') + 1)) },
      kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete,
    }));
    const previous = extendedWatch;
    extendedWatch = previous
      .then(async (d) => {
        d?.dispose();
        return watchers.length > 0 ? connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }) : undefined;
      })
      .catch((e: unknown) => {
        logError(`register extends watcher: ${message(e)}`);
        return undefined;
      });
  };

  /**
   * The files open documents depend on are watched one by one (relative patterns, as for
   * `extends` above), so a change on disk, or a file that appears (a new override), refreshes
   * them. Watchers are only added (bounded), never unregistered mid-session: an unregistration
   * still in flight when the connection closes would log on a disposed connection.
   */
  const dependencyWatch = new Set<string>();
  const MAX_WATCHED_DEPENDENCIES = 1000;
  /** Set by dispose(): late registrations and refreshes must not touch the closed connection. */
  let disposed = false;
  const watchDependencies = () => {
    if (disposed || !dynamicWatch) return;
    const added = [...project.watched()].filter((u) => !dependencyWatch.has(u)).slice(0, Math.max(0, MAX_WATCHED_DEPENDENCIES - dependencyWatch.size));
    if (added.length === 0) return;
    for (const u of added) dependencyWatch.add(u);
    const watchers = added.map((u) => ({
      globPattern: { baseUri: u.slice(0, u.lastIndexOf('/')), pattern: decodeURIComponent(u.slice(u.lastIndexOf('/') + 1)) },
      kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete,
    }));
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch((e: unknown) => {
      if (!disposed) logError(`register dependency watcher: ${message(e)}`);
    });
  };

  /**
   * `changed` (a URI) was edited, opened, closed or changed on disk: the open documents whose
   * last analysis read it are analysed again (pushed, or re-pulled after a refresh).
   */
  let dependantsTimer: ReturnType<typeof setTimeout> | undefined;
  const pendingDependants = new Set<string>();
  const refreshDependants = (changed: readonly string[]) => {
    for (const c of changed) for (const d of project.dependants(c)) pendingDependants.add(d);
    if (pendingDependants.size === 0 || dependantsTimer !== undefined) return;
    dependantsTimer = setTimeout(() => {
      dependantsTimer = undefined;
      if (disposed) return;
      const uris = [...pendingDependants].filter((u) => documents.get(u));
      pendingDependants.clear();
      for (const u of uris) cache.forget(u);
      const done = pull
        ? refreshSupport
          ? connection.languages.diagnostics.refresh()
          : Promise.resolve()
        : Promise.all(uris.map((u) => cache.request(u, false)));
      void done.catch((e: unknown) => {
        if (!disposed) logError(`refresh dependants: ${message(e)}`);
      });
    }, options.debounceMs ?? 150);
  };

  /**
   * Work an analysis makes due that the document's own diagnostics do not wait for: watching
   * the files it read and pushing the problems of the configs it loaded (this walks every open
   * document). Done once after a burst of analyses, in the macrotask after the one that queued
   * the diagnostics' write, so it never runs between an analysis and its publication.
   */
  let afterPublishQueued: ReturnType<typeof setImmediate> | undefined;
  const afterPublish = () => {
    if (afterPublishQueued !== undefined) return;
    afterPublishQueued = setImmediate(() => {
      afterPublishQueued = undefined;
      if (disposed) return;
      try {
        watchDependencies();
        syncConfigDiagnostics();
      } catch (e) {
        logError(`after analysis: ${message(e)}`);
      }
    });
  };

  /** Config-file diagnostics last pushed, per URI (JSON), so only changes are sent. */
  const pushedConfig = new Map<string, string>();
  /** Pushes the problems of every config loaded so far; open config buffers of pull clients are pulled instead. */
  const syncConfigDiagnostics = () => {
    const all = documents.all();
    // Every open document's config is loaded (cached), so the set does not depend on which were analysed yet.
    for (const d of all) if (kindOf(d)) configs.forUri(d.uri);
    const open = all.filter((d) => isConfigUri(d.uri)).map((d) => d.uri);
    const wanted = configs.diagnostics(open);
    watchExtended();
    for (const uri of pushedConfig.keys()) if (!wanted.has(uri)) wanted.set(uri, []);
    for (const [uri, diagnostics] of wanted) {
      const items = pull && documents.get(uri) ? [] : diagnostics;
      const key = JSON.stringify(items);
      if ((pushedConfig.get(uri) ?? '[]') === key) continue;
      if (items.length > 0) pushedConfig.set(uri, key);
      else pushedConfig.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: items }).catch(() => undefined);
    }
  };

  /** A config changed (disk or editor buffer): forget every config read, re-analyse after a short debounce. */
  let configTimer: ReturnType<typeof setTimeout> | undefined;
  const configChanged = () => {
    configs.clear();
    if (configTimer !== undefined) clearTimeout(configTimer);
    configTimer = setTimeout(() => {
      configTimer = undefined;
      void revalidateAll()
        .then(syncConfigDiagnostics)
        .catch((e: unknown) => logError(`config change: ${message(e)}`));
    }, options.debounceMs ?? 150);
  };

  /** Re-analyse every open document (settings changed, revalidate command). */
  const revalidateAll = async (): Promise<number> => {
    settings.clear();
    configs.clear();
    cache.invalidate();
    const open = documents.all().filter((d) => kindOf(d));
    if (pull) {
      // The client re-pulls; without refresh support the next edit does it.
      if (refreshSupport) await connection.languages.diagnostics.refresh();
    } else {
      await Promise.all(open.map((d) => cache.request(d.uri, false)));
    }
    return open.length;
  };

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    checklist.initialize(params);
    pull = !!caps.textDocument?.diagnostic;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    resolveEdit = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    settings.supported = !!caps.workspace?.configuration;
    dynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    dynamicWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    duplicated = duplicatedRules(options.rules ?? allRules(), peersFrom(params.initializationOptions));
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folderChanges = !!caps.workspace?.workspaceFolders;
    configs.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, MULTI_STAGE_KIND], resolveProvider: true },
        ...(pull ? { diagnosticProvider: { identifier: 'bulkhead', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        // Folders added or removed later get (or lose) their own config root.
        ...(folderChanges ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'bulkhead' },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'bulkhead' })
        .catch((e: unknown) => logError(`register: ${message(e)}`));
    }
    if (dynamicWatch) {
      const watchers = [{ globPattern: CONFIG_GLOB, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete }];
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers })
        .catch((e: unknown) => logError(`register config watcher: ${message(e)}`));
    }
    if (folderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
        configs.setFolders(folders);
        configChanged();
      });
    }
    checklist.initialized();
    log(`Bulkhead server started (${pull ? 'pull' : 'push'} diagnostics).`);
  });

  const env = (): CodeActionEnv => ({ documentChanges, rules: options.rules, guard: ruleGuard });

  /** TextDocuments reports an open as a content change too; the open is analysed at once instead. */
  const justOpened = new Set<string>();
  documents.onDidOpen(
    guard('didOpen', undefined, async (e) => {
      if (isConfigUri(e.document.uri)) {
        justOpened.add(e.document.uri);
        // The buffer now stands in for the disk: it may differ from what was read.
        configChanged();
        return;
      }
      // The buffer now stands in for the disk for documents that read this file.
      refreshDependants([e.document.uri]);
      if (pull) return; // the client pulls
      justOpened.add(e.document.uri);
      await cache.request(e.document.uri, false);
    }),
  );
  documents.onDidChangeContent(
    guard('didChange', undefined, async (e) => {
      if (isConfigUri(e.document.uri)) {
        if (!justOpened.delete(e.document.uri)) configChanged();
        return;
      }
      if (!justOpened.has(e.document.uri)) refreshDependants([e.document.uri]);
      if (pull || justOpened.delete(e.document.uri)) return;
      const s = await settings.get(e.document.uri);
      if (s.run === 'onType') await cache.request(e.document.uri, true);
    }),
  );
  documents.onDidSave(
    guard('didSave', undefined, async (e) => {
      const s = await settings.get(e.document.uri);
      if (s.run !== 'onSave') return;
      const a = await cache.request(e.document.uri, false);
      if (a && pull && refreshSupport) await connection.languages.diagnostics.refresh();
    }),
  );
  documents.onDidClose(
    guard('didClose', undefined, (e) => {
      const uri = e.document.uri;
      if (isConfigUri(uri)) {
        // The disk stands in again (the buffer may have been closed without saving); the next sync
        // pushes the disk's problems, or clears what was pushed for the buffer.
        configChanged();
        return;
      }
      cache.delete(uri);
      settings.delete(uri);
      project.forget(uri);
      // The disk stands in again for documents that read this file.
      refreshDependants([uri]);
      checklist.closed(uri);
      // Pull clients drop a closed document's diagnostics themselves; push ones need an empty set.
      if (!pull) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    }),
  );

  connection.languages.diagnostics.on(
    guard(
      'textDocument/diagnostic',
      { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport,
      async (params, token): Promise<DocumentDiagnosticReport> => {
        const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
        const doc = documents.get(params.textDocument.uri);
        if (doc && isConfigUri(doc.uri)) {
          return { kind: DocumentDiagnosticReportKind.Full, items: configs.diagnostics([doc.uri]).get(doc.uri) ?? [] };
        }
        if (!doc || !kindOf(doc)) return empty;
        const s = await settings.get(doc.uri);
        let a: Analysis | undefined;
        if (s.run === 'onSave') a = cache.latest(doc.uri) ?? (await cache.request(doc.uri, false));
        // Debounce edits only: the first pull after opening is answered at once.
        else a = await cache.request(doc.uri, cache.latest(doc.uri) !== undefined);
        if (!a) {
          // Stale (edited, closed or settings changed while waiting): the client pulls again for the new state.
          if (token.isCancellationRequested || documents.get(doc.uri))
            throw new ResponseError(LSPErrorCodes.ServerCancelled, 'Document changed', { retriggerRequest: !token.isCancellationRequested });
          return empty;
        }
        return { kind: DocumentDiagnosticReportKind.Full, items: toDiagnostics(a.result, a.version, options.docsRoot, lineLengths(documents.get(a.uri), s)) };
      },
    ),
  );

  connection.onCodeAction(
    guard('textDocument/codeAction', [] as CodeAction[], async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const kind = kindOf(doc);
      if (!kind) return [];
      const only = params.context.only;
      const out: CodeAction[] = [];
      if (wants(only, CodeActionKind.QuickFix)) {
        const a = cache.forVersion(doc.uri, doc.version);
        // Fixes run rule code: a fix that loops stops its rule, and the list is built again without it.
        if (a) out.push(...ruleGuard.run(kind, at(doc.uri, a.settings), () => quickFixes(params, doc, a, env()), []));
      }
      if (wants(only, MULTI_STAGE_KIND)) {
        const a = cache.forVersion(doc.uri, doc.version);
        const action = a && ruleGuard.run(kind, at(doc.uri, a.settings), () => multiStageAction(params, doc, a, documentChanges, resolveEdit), undefined);
        if (action) out.push(action);
      }
      // Source fix-all only when asked for by kind (Source Action menu, codeActionsOnSave).
      if (only && wants(only, FIX_ALL_KIND)) {
        const version = doc.version;
        const s = await settings.get(doc.uri);
        const current = documents.get(doc.uri);
        // Versioned: an edit computed for an older text is dropped, never applied.
        if (!s.enable || !current || current.version !== version) return out;
        const e = effective(doc.uri, s);
        if (e.ignored || !isValidated(s.validate, current.languageId, current.uri)) return out;
        let action: CodeAction | undefined;
        if (s.codeActionsOnSave.mode === 'problems') {
          // The safe fixes of the problems shown for this version, one pass, no re-analysis.
          const a = cache.forVersion(doc.uri, version) ?? (await cache.request(doc.uri, false));
          if (a && documents.get(doc.uri)?.version === version)
            action = ruleGuard.run(kind, at(doc.uri, s), () => fixProblemsAction(current, a, FIX_ALL_KIND, env()), undefined);
        } else action = ruleGuard.run(kind, at(doc.uri, s), () => fixAllAction(current, kind, FIX_ALL_KIND, e.config, env()), undefined);
        if (action) out.push(action);
      }
      return out;
    }),
  );

  // The multi-stage rewrite is computed only when picked, against the version it was offered for.
  connection.onCodeActionResolve((action) => {
    try {
      const data: unknown = action.data;
      const uri = typeof data === 'object' && data !== null && 'uri' in data && typeof data.uri === 'string' ? data.uri : undefined;
      const doc = uri === undefined ? undefined : documents.get(uri);
      const analysis = doc && cache.forVersion(doc.uri, doc.version);
      return analysis
        ? ruleGuard.run(analysis.kind, at(analysis.uri, analysis.settings), () => resolveMultiStage(action, doc, analysis, documentChanges), action)
        : action;
    } catch (e) {
      logError(`codeAction/resolve failed: ${message(e)}`);
      return action;
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const h of watchedFileHandlers) h(params);
    // An open buffer stands in for its file: only closed files' disk changes matter.
    refreshDependants(params.changes.map((c) => c.uri).filter((u) => !documents.get(u)));
    if (params.changes.some((c) => isConfigUri(c.uri) || extended.has(c.uri))) configChanged();
  });

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, async () => {
      await revalidateAll();
    }),
  );

  connection.onRequest(
    RevalidateRequest,
    guard('revalidate', { documents: 0 } as RevalidateResult, async (): Promise<RevalidateResult> => ({ documents: await revalidateAll() })),
  );

  documents.listen(connection);
  return {
    documents,
    dispose() {
      if (configTimer !== undefined) clearTimeout(configTimer);
      disposed = true;
      if (afterPublishQueued !== undefined) clearImmediate(afterPublishQueued);
      if (dependantsTimer !== undefined) clearTimeout(dependantsTimer);
      cache.dispose();
      checklist.dispose();
    },
  };
}
