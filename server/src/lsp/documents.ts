/**
 * Per-URI analysis cache: the analysis of the latest version of each open document, computed
 * at most once per version (and per settings). Work for a version that is no longer current is
 * dropped, and a closed document's entry is deleted.
 *
 * Scheduling is adaptive (issue #8): a document whose analyses are cheap is analysed as soon as
 * the event loop has applied the changes already queued (keys typed while the server was busy
 * are coalesced into one analysis, none is skipped: diagnostics of version n cover every key up
 * to n). A document whose analyses are expensive is analysed at once after a quiet period (an
 * isolated edit), and debounced while changes keep coming. One document never has two runs in
 * flight: a request during a run is served by one more run after it.
 *
 * Memory: full analyses (models, findings with their lazily computed fixes) are kept for the
 * most recently used documents only; the others keep what is needed to recompute the same
 * analysis (version, kind, settings), which happens on demand (a code action, a pull) and sends
 * nothing, since the result is the one already published.
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

export interface CacheOptions {
  /**
   * A document whose recent analyses all cost at least this many ms of CPU is debounced while
   * typing. CPU rather than wall time: waiting for a core on a loaded machine is no reason to
   * delay a cheap document's diagnostics further. Default 20.
   */
  readonly cheapMs?: number;
  /** Full analyses kept for this many most recently used documents; default 16. */
  readonly keepFull?: number;
  /** Clock (ms); default performance.now. */
  readonly now?: () => number;
}

/** What an evicted analysis keeps: enough to recompute it for the same version. */
type Slim = Omit<Analysis, 'result'>;

/** Scheduling state of one document. */
interface Slot {
  timer: ReturnType<typeof setTimeout> | undefined;
  immediate: ReturnType<typeof setImmediate> | undefined;
  running: boolean;
  /** A request arrived during the run: run again after it (debounced if any request asked so). */
  rerun: 'no' | 'now' | 'debounced';
  readonly waiters: ((a: Analysis | undefined) => void)[];
  /** When the last debounced request (an edit) arrived, and when the last run ended. */
  lastChange: number;
  /** When the oldest edit not yet covered by a run arrived (bounds the debounce: maxWait). */
  firstUnserved: number | undefined;
  lastEnd: number;
  /** CPU ms of the last few analyses, newest last. */
  readonly costs: number[];
}

const COSTS_KEPT = 3;

export class AnalysisCache {
  /** Full analyses; Map order is recency (least recently used first). */
  private readonly entries = new Map<string, Analysis>();
  private readonly slim = new Map<string, Slim>();
  private readonly slots = new Map<string, Slot>();
  /** Bumped by invalidate(): results of runs started before it are not cached. */
  private generation = 0;
  private readonly cheapMs: number;
  private readonly keepFull: number;
  private readonly now: () => number;

  constructor(
    private readonly host: AnalysisHost,
    private readonly debounceMs: number,
    options: CacheOptions = {},
  ) {
    this.cheapMs = options.cheapMs ?? 20;
    this.keepFull = Math.max(1, options.keepFull ?? 16);
    this.now = options.now ?? (() => performance.now());
  }

  /** The cached analysis, whatever its version (run=onSave shows the last saved state). */
  latest(uri: string): Analysis | undefined {
    const full = this.entries.get(uri);
    if (full) return this.touch(full);
    const s = this.slim.get(uri);
    return s ? this.rehydrate(s) : undefined;
  }

  /** The cached analysis of exactly this version. */
  forVersion(uri: string, version: number): Analysis | undefined {
    const full = this.entries.get(uri);
    if (full) return full.version === version ? this.touch(full) : undefined;
    const s = this.slim.get(uri);
    return s && s.version === version ? this.rehydrate(s) : undefined;
  }

  /** How many documents hold a full analysis, and how many only what recomputes it (tests). */
  get sizes(): { full: number; slim: number } {
    return { full: this.entries.size, slim: this.slim.size };
  }

  /**
   * The analysis of the document's current version: from the cache, or computed (`debounce`
   * true while typing: adaptive delay, see the file comment; false: at once). Resolves
   * undefined when the document closed or changed in a way no run covers (stale work
   * dropped), or is not a file we analyse.
   */
  request(uri: string, debounce: boolean): Promise<Analysis | undefined> {
    const doc = this.host.document(uri);
    if (!doc) return Promise.resolve(undefined);
    const cached = this.forVersion(uri, doc.version);
    if (cached) return Promise.resolve(cached);
    const slot = this.slot(uri);
    const promise = new Promise<Analysis | undefined>((resolve) => slot.waiters.push(resolve));
    this.schedule(uri, slot, debounce);
    return promise.then((a) => (a && this.host.document(uri)?.version === a.version ? a : undefined));
  }

  private slot(uri: string): Slot {
    let s = this.slots.get(uri);
    if (!s) {
      s = {
        timer: undefined,
        immediate: undefined,
        running: false,
        rerun: 'no',
        waiters: [],
        lastChange: -Infinity,
        lastEnd: -Infinity,
        firstUnserved: undefined,
        costs: [],
      };
      this.slots.set(uri, s);
    }
    return s;
  }

  /** Milliseconds to wait before analysing: 0 unless the document is expensive and being edited. */
  private delay(slot: Slot, debounce: boolean, at: number): number {
    if (!debounce || this.debounceMs <= 0) return 0;
    // The cheapest recent run estimates the document's cost (load and GC only ever add to it).
    const cost = slot.costs.length > 0 ? Math.min(...slot.costs) : 0;
    if (cost < this.cheapMs) return 0;
    const quiet = at - Math.max(slot.lastChange, slot.lastEnd) >= this.debounceMs;
    return quiet ? 0 : this.debounceMs;
  }

  private schedule(uri: string, slot: Slot, debounce: boolean): void {
    const at = this.now();
    let wait = this.delay(slot, debounce, at);
    if (debounce) slot.lastChange = at;
    slot.firstUnserved ??= at;
    // Continuous typing must not postpone an expensive document's diagnostics forever: at most
    // two debounce periods after the oldest edit they do not include yet.
    if (wait > 0) wait = Math.max(0, Math.min(wait, slot.firstUnserved + 2 * this.debounceMs - at));
    if (slot.running) {
      if (slot.rerun !== 'debounced') slot.rerun = wait > 0 ? 'debounced' : 'now';
      return;
    }
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (wait > 0) {
      if (slot.immediate !== undefined) clearImmediate(slot.immediate);
      slot.immediate = undefined;
      slot.timer = setTimeout(() => this.start(uri, slot), wait);
    } else if (slot.immediate === undefined) {
      // After the messages already queued (more keys) are applied: one run covers them all.
      slot.immediate = setImmediate(() => this.start(uri, slot));
    }
  }

  private start(uri: string, slot: Slot): void {
    slot.timer = undefined;
    slot.immediate = undefined;
    if (this.slots.get(uri) !== slot) return; // closed meanwhile
    slot.running = true;
    slot.rerun = 'no';
    slot.firstUnserved = undefined;
    this.run(uri).then(
      (a) => this.finish(uri, slot, a),
      () => this.finish(uri, slot, undefined),
    );
  }

  private finish(uri: string, slot: Slot, a: Analysis | undefined): void {
    slot.running = false;
    slot.lastEnd = this.now();
    if (this.slots.get(uri) !== slot) return; // closed: delete() resolved the waiters
    const doc = this.host.document(uri);
    const current = a && doc && doc.version === a.version;
    if (!current && slot.rerun !== 'no' && doc) {
      // The document moved on during the run and a newer request is waiting: its run serves everyone.
      const debounce = slot.rerun === 'debounced';
      slot.rerun = 'no';
      this.schedule(uri, slot, debounce);
      return;
    }
    slot.rerun = 'no';
    const waiters = slot.waiters.splice(0);
    for (const w of waiters) w(current ? a : undefined);
  }

  private async run(uri: string): Promise<Analysis | undefined> {
    const doc = this.host.document(uri);
    if (!doc) return undefined;
    const cached = this.forVersion(uri, doc.version);
    if (cached) return cached;
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
    const cpu = process.cpuUsage();
    const analysis = this.host.analyse(now, kind, settings);
    const used = process.cpuUsage(cpu);
    const slot = this.slots.get(uri);
    if (slot) {
      slot.costs.push((used.user + used.system) / 1000);
      if (slot.costs.length > COSTS_KEPT) slot.costs.shift();
    }
    this.store(analysis);
    this.host.analysed(analysis);
    return analysis;
  }

  private store(a: Analysis): void {
    this.slim.delete(a.uri);
    this.entries.delete(a.uri);
    this.entries.set(a.uri, a);
    while (this.entries.size > this.keepFull) {
      const [oldest] = this.entries.values();
      if (!oldest) break;
      this.entries.delete(oldest.uri);
      const { uri, version, kind, settings, config, durationMs } = oldest;
      this.slim.set(uri, { uri, version, kind, settings, durationMs, ...(config ? { config } : {}) });
    }
  }

  private touch(a: Analysis): Analysis {
    this.entries.delete(a.uri);
    this.entries.set(a.uri, a);
    return a;
  }

  /**
   * The full analysis of an evicted entry, recomputed from the same text and settings (the
   * engine is deterministic, so findings and their indexes match the diagnostics already
   * sent). Undefined when the document has moved on.
   */
  private rehydrate(s: Slim): Analysis | undefined {
    const doc = this.host.document(s.uri);
    if (!doc || doc.version !== s.version) return undefined;
    const a = this.host.analyse(doc, s.kind, s.settings);
    this.store(a);
    return a;
  }

  /**
   * A stand-in for the document's analysis result that holds nothing itself: every read is
   * answered from the cache's latest analysis (recomputed if evicted), so a long-lived holder
   * (the checklist's workspace scan keeps one per open document) does not keep models alive.
   * Between a settings change and the next analysis it reads as empty.
   */
  liveResult(uri: string, kind: FileKind): AnalysisResult {
    const current = () => this.latest(uri)?.result;
    return {
      kind,
      get findings() {
        return current()?.findings ?? [];
      },
      get suppressed() {
        return current()?.suppressed ?? [];
      },
      get problems() {
        return current()?.problems ?? [];
      },
      get errors() {
        return current()?.errors ?? [];
      },
      get timings() {
        return current()?.timings ?? {};
      },
      get model() {
        return current()?.model;
      },
      get dependencies() {
        return current()?.dependencies ?? [];
      },
    };
  }

  /**
   * Drop one document's cached result without cancelling a pending run: a file it depends on
   * changed, so the same version must be analysed again (lsp/projectFiles.ts).
   */
  forget(uri: string): void {
    this.entries.delete(uri);
    this.slim.delete(uri);
  }

  /** Forget one document (closed) and cancel its pending run. */
  delete(uri: string): void {
    this.forget(uri);
    const slot = this.slots.get(uri);
    if (!slot) return;
    this.slots.delete(uri);
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    if (slot.immediate !== undefined) clearImmediate(slot.immediate);
    for (const w of slot.waiters.splice(0)) w(undefined);
  }

  /** Forget every result (settings changed); runs already waiting for settings are dropped. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.slim.clear();
  }

  dispose(): void {
    for (const uri of [...this.slots.keys()]) this.delete(uri);
    this.entries.clear();
    this.slim.clear();
  }
}
