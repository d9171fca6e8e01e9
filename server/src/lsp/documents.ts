/**
 * Per-URI analysis cache: the analysis of the latest version of each open document, computed
 * at most once per version (and per settings), after a per-URI debounce while typing. Work for
 * a version that is no longer current is dropped, and a closed document's entry is deleted.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../../../shared/src/settings';
import type { AnalysisResult, EngineConfig, FileKind } from '../engine/index';

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly kind: FileKind;
  readonly settings: Settings;
  /** The engine configuration used: settings under the nearest `.bulkhead.yaml` (lsp/config.ts). */
  readonly config?: EngineConfig;
  /** Undefined when analysis is disabled for this document (`bulkhead.enable` false). */
  readonly result: AnalysisResult | undefined;
  readonly durationMs: number;
}

export interface AnalysisHost {
  /** The open document, or undefined once it is closed. */
  document(uri: string): TextDocument | undefined;
  kind(document: TextDocument): FileKind | undefined;
  settings(uri: string): Promise<Settings>;
  analyse(document: TextDocument, kind: FileKind, settings: Settings): Analysis;
  /** Called after every fresh analysis (status notification, push diagnostics). */
  analysed(analysis: Analysis): void;
}

interface Pending {
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly promise: Promise<Analysis | undefined>;
  readonly resolve: (a: Analysis | undefined) => void;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Analysis>();
  private readonly pending = new Map<string, Pending>();
  /** Bumped by invalidate(): results of runs started before it are not cached. */
  private generation = 0;

  constructor(
    private readonly host: AnalysisHost,
    private readonly debounceMs: number,
  ) {}

  /** The cached analysis, whatever its version (run=onSave shows the last saved state). */
  latest(uri: string): Analysis | undefined {
    return this.entries.get(uri);
  }

  /** The cached analysis of exactly this version. */
  forVersion(uri: string, version: number): Analysis | undefined {
    const a = this.entries.get(uri);
    return a && a.version === version ? a : undefined;
  }

  /**
   * The analysis of the document's current version: from the cache, or computed after the
   * debounce (`debounce` true, while typing) or at once. Resolves undefined when the document
   * changed or closed in the meantime (stale work dropped) or is not a file we analyse.
   */
  request(uri: string, debounce: boolean): Promise<Analysis | undefined> {
    const doc = this.host.document(uri);
    if (!doc) return Promise.resolve(undefined);
    const cached = this.forVersion(uri, doc.version);
    if (cached) return Promise.resolve(cached);
    let p = this.pending.get(uri);
    if (!p) {
      let resolve!: (a: Analysis | undefined) => void;
      const promise = new Promise<Analysis | undefined>((r) => (resolve = r));
      p = { timer: undefined, promise, resolve };
      this.pending.set(uri, p);
    }
    if (p.timer !== undefined) clearTimeout(p.timer);
    const run = () => {
      this.pending.delete(uri);
      this.run(uri).then(p.resolve, () => p.resolve(undefined));
    };
    if (debounce && this.debounceMs > 0) p.timer = setTimeout(run, this.debounceMs);
    else {
      p.timer = undefined;
      run();
    }
    return p.promise.then((a) => (a && this.host.document(uri)?.version === a.version ? a : undefined));
  }

  private async run(uri: string): Promise<Analysis | undefined> {
    const doc = this.host.document(uri);
    if (!doc) return undefined;
    const kind = this.host.kind(doc);
    if (!kind) return undefined;
    const version = doc.version;
    const generation = this.generation;
    const settings = await this.host.settings(uri);
    const now = this.host.document(uri);
    // Stale: the document changed or closed while settings were fetched; the newer version has its own run.
    if (!now || now.version !== version) return undefined;
    // Settings changed meanwhile: the revalidation that followed has its own run.
    if (generation !== this.generation) return undefined;
    const analysis = this.host.analyse(now, kind, settings);
    this.entries.set(uri, analysis);
    this.host.analysed(analysis);
    return analysis;
  }

  /**
   * Drop one document's cached result without cancelling a pending run: a file it depends on
   * changed, so the same version must be analysed again (lsp/projectFiles.ts).
   */
  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** Forget one document (closed) and cancel its pending run. */
  delete(uri: string): void {
    this.entries.delete(uri);
    const p = this.pending.get(uri);
    if (p) {
      if (p.timer !== undefined) clearTimeout(p.timer);
      this.pending.delete(uri);
      p.resolve(undefined);
    }
  }

  /** Forget every result (settings changed); runs already waiting for settings are dropped. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.delete(uri);
    this.entries.clear();
  }
}
