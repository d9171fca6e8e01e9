/**
 * Contains a rule that loops or is catastrophically slow (issue #8 item 4: a regex that
 * backtracks on hostile input must not hang the editor or the CLI). The engine's runner already
 * catches a rule that throws; a rule that never returns cannot be caught, only interrupted.
 *
 * The engine is synchronous and stays pure, so the interruption happens here, in the host:
 * one analysis (or one fix computation) runs as the body of a `vm` script with a `timeout`.
 * When it expires V8 terminates the running JavaScript, functions of this context included,
 * skipping every `catch` and `finally` on the way (checked on Node 20), and `runInContext`
 * throws ERR_SCRIPT_EXECUTION_TIMEOUT. Cost: one watchdog thread per call (≈ 0.1–0.2 ms), so
 * the guard is per analysis, not per rule. The engine's `onRule` hook tells which rule was
 * running and since when; a rule that ran longer than `stopMs` by itself is turned off for
 * the rest of the session and the analysis runs again without it, so every other finding is
 * still reported. "Off" is a last `{ rule, severity: 'off' }` customization layered on the
 * host's config: exactly what a user's own setting does (no timing, no evidence for the
 * checklist, its ignore comments reported as unused).
 *
 * Session, not document: a rule that loops on one document usually loops again on its next
 * version and on other documents with the same construct, and each run costs the whole budget
 * of the single server thread. The user sees the failure once (output channel / stderr) and on
 * every affected status item; restarting the server runs the rule again.
 */
import { createContext, Script } from 'node:vm';
import {
  analyze,
  fixAll,
  type AnalysisResult,
  type AnalyzeOptions,
  type EngineConfig,
  type FileKind,
  type FixAllOptions,
  type FixAllResult,
  type RuleError,
} from '../engine/index';

export interface GuardBudget {
  /** A rule that runs longer than this (milliseconds) on one file, in its check or one of its fixes, is stopped and turned off. */
  readonly stopMs: number;
  /** A rule that finishes but took longer than this on one file is reported once, as a warning (it keeps running). */
  readonly warnMs: number;
}

export const DEFAULT_BUDGET: GuardBudget = { stopMs: 2000, warnMs: 500 };

/** Where one guarded call runs: the file named in messages, and the budget (the editor's per-resource setting). */
export interface GuardCall {
  /** Default: the analysis options' path, else "(unnamed)". */
  readonly file?: string;
  /** Default: the guard's budget. */
  readonly budget?: Partial<GuardBudget>;
}

export interface GuardEvent {
  /** `stopped`: interrupted and turned off for the session; `slow`: finished over `warnMs`; `engine`: the parser or model, not a rule, did not finish. */
  readonly kind: 'stopped' | 'slow' | 'engine';
  /** Undefined for `engine`. */
  readonly ruleId: string | undefined;
  /** The file as the host named it (path or URI). */
  readonly file: string;
  readonly ms: number;
  /** `stopped`: the error every later result carries for this rule (hosts that report errors once by message can skip it). */
  readonly error?: RuleError;
  /** One line naming the rule and the file, for the output channel or stderr. */
  readonly message: string;
}

export interface GuardOptions {
  readonly budget?: Partial<GuardBudget>;
  /** Clock used to decide who ran how long; default performance.now (a host's pinned clock must not be used here). */
  readonly clock?: () => number;
  /** Called once per rule and kind of event (and once per file for `engine`). */
  readonly report?: (event: GuardEvent) => void;
}

/** Analysis time allowed per KiB of text on top of `stopMs`, so a big file is not mistaken for a loop (the engine does ≈ 2 MB/s). */
const MS_PER_KIB = 4;

type Attempt<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly ruleId: string | undefined; readonly ruleMs: number };

const NO_CONFIG: EngineConfig = {};

/** Rules stopped in one guarded call before the file is given up (see guarded()). */
const MAX_STOPS_PER_CALL = 3;

function isTimeout(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

export class RuleGuard {
  readonly budget: GuardBudget;
  private readonly clock: () => number;
  private readonly report: (event: GuardEvent) => void;
  /** Rules turned off for the session: their error (the same object every time, so hosts report it once) and kind. */
  private readonly stopped = new Map<string, { readonly error: RuleError; readonly kind: FileKind }>();
  private readonly warned = new Set<string>();
  private readonly engineReported = new Set<string>();
  /** Derived configs per host config, rebuilt when a rule is stopped (keeps the runner's per-config severity cache warm). */
  private configs = new WeakMap<EngineConfig, EngineConfig>();
  /** The rule whose code is running and when it started (engine `onRule` hook). */
  private current: string | undefined;
  private since = 0;
  private readonly context = createContext({ body: (): void => undefined });
  private readonly script = new Script('body()', { filename: 'bulkhead-guard.vm' });
  /** Set when a guarded call is running: guarded calls do not nest (an inner one runs unguarded inside the outer budget). */
  private active = false;

  constructor(options: GuardOptions = {}) {
    this.budget = { ...DEFAULT_BUDGET, ...options.budget };
    this.clock = options.clock ?? (() => performance.now());
    this.report = options.report ?? (() => undefined);
  }

  /** Passed to the engine as `onRule`. */
  readonly onRule = (ruleId: string | undefined): void => {
    this.current = ruleId;
    // Only a start needs the time (this runs twice per rule per analysis: keep it cheap).
    if (ruleId !== undefined) this.since = this.clock();
  };

  isStopped(ruleId: string): boolean {
    return this.stopped.has(ruleId);
  }

  /** The errors of the rules stopped so far, for results of this kind. */
  stoppedErrors(kind: FileKind): RuleError[] {
    return [...this.stopped.values()].filter((s) => s.kind === kind).map((s) => s.error);
  }

  /** The host's config with every stopped rule turned off (last customization wins over any setting). */
  configFor(base: EngineConfig | undefined): EngineConfig | undefined {
    if (this.stopped.size === 0) return base;
    const key = base ?? NO_CONFIG;
    let config = this.configs.get(key);
    if (!config) {
      const off = [...this.stopped.keys()].map((rule) => ({ rule, severity: 'off' as const }));
      config = { ...key, customizations: [...(key.customizations ?? []), ...off] };
      this.configs.set(key, config);
    }
    return config;
  }

  /** `analyze()` under the budget: a runaway rule is stopped, turned off, and the analysis repeated without it. */
  analyze(text: string, options: AnalyzeOptions, call: GuardCall = {}): AnalysisResult {
    const file = call.file ?? options.path ?? '(unnamed)';
    const budget = this.budgetOf(call);
    const result = this.guarded(
      text.length,
      file,
      budget,
      options.kind,
      (config) => analyze(text, { ...options, config, onRule: this.onRule, now: options.now ?? this.clock } as AnalyzeOptions),
      options.config,
    );
    if (!result) return this.notFinished(options.kind, budget);
    this.warnSlow(result.timings, file, budget);
    return this.withStopped(result);
  }

  /**
   * Many analyses (the CLI's files) in as few guarded calls as possible: a guarded call costs a
   * watchdog thread (≈ 0.2 ms CPU with a real analysis inside, a third of a median file's
   * analysis), so the files run one after another in time slices of one deadline each. When a
   * slice expires, a rule that ran `stopMs` by itself is stopped as in analyze(); otherwise the
   * slice simply ended and the next one restarts the interrupted file. A file that makes no
   * progress in a whole slice gets analyze()'s own treatment (longer deadline, then given up).
   * Reports and I/O stay outside the slices: only the pure analyses are interrupted.
   */
  analyzeAll(jobs: readonly { readonly text: string; readonly options: AnalyzeOptions; readonly call?: GuardCall }[]): AnalysisResult[] {
    const out: AnalysisResult[] = [];
    const stopsAt = new Map<number, number>();
    while (out.length < jobs.length) {
      const first = out.length;
      const job = jobs[first] as (typeof jobs)[number];
      const budget = this.budgetOf(job.call ?? {});
      const raw: AnalysisResult[] = [];
      const attempt = this.attempt(
        () => {
          for (let i = first; i < jobs.length; i++) {
            const j = jobs[i] as (typeof jobs)[number];
            raw.push(
              analyze(j.text, {
                ...j.options,
                config: this.configFor(j.options.config),
                onRule: this.onRule,
                now: j.options.now ?? this.clock,
              } as AnalyzeOptions),
            );
          }
        },
        budget.stopMs + Math.max(budget.stopMs / 4, Math.ceil((job.text.length / 1024) * MS_PER_KIB)),
      );
      raw.forEach((result, k) => {
        const j = jobs[first + k] as (typeof jobs)[number];
        this.warnSlow(result.timings, j.call?.file ?? j.options.path ?? '(unnamed)', this.budgetOf(j.call ?? {}));
        out.push(this.withStopped(result));
      });
      if (attempt.done) break;
      const at = out.length;
      const stuck = jobs[at] as (typeof jobs)[number];
      const stops = stopsAt.get(at) ?? 0;
      if (attempt.ruleId !== undefined && attempt.ruleMs >= budget.stopMs && !this.stopped.has(attempt.ruleId) && stops < MAX_STOPS_PER_CALL) {
        stopsAt.set(at, stops + 1);
        this.stop(attempt.ruleId, stuck.options.kind, stuck.call?.file ?? stuck.options.path ?? '(unnamed)', attempt.ruleMs, this.budgetOf(stuck.call ?? {}));
        continue;
      }
      // The slice ended in the middle of a later file: the next slice starts with it.
      if (raw.length > 0) continue;
      out.push(this.analyze(stuck.text, stuck.options, stuck.call));
    }
    return out;
  }

  /** `fixAll()` under the budget (every pass re-analyses and computes fixes: both can loop). */
  fixAll(text: string, options: FixAllOptions, call: GuardCall = {}): FixAllResult {
    const passes = options.maxPasses ?? 10;
    const result = this.guarded(
      text.length * passes,
      call.file ?? options.path ?? '(unnamed)',
      this.budgetOf(call),
      options.kind,
      (config) => fixAll(text, { ...options, config, onRule: this.onRule, now: options.now ?? this.clock } as FixAllOptions),
      options.config,
    );
    return result ?? { text, passes: 0, applied: 0 };
  }

  /**
   * Any other computation that runs rule code (the lazy edits of code actions) under the
   * budget. When a rule is stopped `fn` runs once more (it should skip stopped rules, see
   * isStopped); when nothing finishes, `fallback`.
   */
  run<T>(kind: FileKind, call: GuardCall, fn: () => T, fallback: T): T {
    return this.guarded(0, call.file ?? '(unnamed)', this.budgetOf(call), kind, () => fn(), undefined) ?? fallback;
  }

  private budgetOf(call: GuardCall): GuardBudget {
    return call.budget ? { ...this.budget, ...call.budget } : this.budget;
  }

  private withStopped(result: AnalysisResult): AnalysisResult {
    const extra = this.stoppedErrors(result.kind);
    return extra.length === 0 ? result : { ...result, errors: [...result.errors, ...extra] };
  }

  /**
   * Runs `fn` with the current config until it finishes: a rule that ran `stopMs` by itself is
   * stopped and `fn` repeated; when no rule is to blame (a huge file on a busy machine, or the
   * parser itself) the deadline is tripled once. Undefined when it never finished.
   */
  private guarded<T>(
    size: number,
    file: string,
    budget: GuardBudget,
    kind: FileKind,
    fn: (config: EngineConfig | undefined) => T,
    config: EngineConfig | undefined,
  ): T | undefined {
    if (this.active) return fn(this.configFor(config));
    // The margin lets a looping rule that starts after the parse reach stopMs by itself.
    let deadline = budget.stopMs + Math.max(budget.stopMs / 4, Math.ceil((size / 1024) * MS_PER_KIB));
    let extended = false;
    let stops = 0;
    // A lazily built part of the model that loops is charged to each rule that asks for it in
    // turn: after MAX_STOPS_PER_CALL stops in one call the file is given up instead.
    for (;;) {
      const attempt = this.attempt(() => fn(this.configFor(config)), deadline);
      if (attempt.done) return attempt.value;
      if (attempt.ruleId !== undefined && attempt.ruleMs >= budget.stopMs && !this.stopped.has(attempt.ruleId)) {
        if (stops === MAX_STOPS_PER_CALL) break;
        this.stop(attempt.ruleId, kind, file, attempt.ruleMs, budget);
        stops++;
        continue;
      }
      if (extended) break;
      extended = true;
      deadline *= 3;
    }
    if (!this.engineReported.has(file)) {
      this.engineReported.add(file);
      this.report({
        kind: 'engine',
        ruleId: undefined,
        file,
        ms: deadline,
        message: `Analysing ${file} did not finish within ${Math.round(deadline)} ms and no single rule ran ${budget.stopMs} ms by itself (the parser, the model, or too many slow rules): it is not analysed.`,
      });
    }
    return undefined;
  }

  private attempt<T>(fn: () => T, timeout: number): Attempt<T> {
    let value: { v: T } | undefined;
    this.current = undefined;
    this.since = this.clock();
    this.context['body'] = () => {
      value = { v: fn() };
    };
    this.active = true;
    try {
      this.script.runInContext(this.context, { timeout: Math.max(1, Math.round(timeout)) });
    } catch (e) {
      if (!isTimeout(e)) throw e;
      return { done: false, ruleId: this.current, ruleMs: this.clock() - this.since };
    } finally {
      this.active = false;
      this.context['body'] = () => undefined;
      this.current = undefined;
    }
    // A body that returned normally always set value.
    return value ? { done: true, value: value.v } : { done: false, ruleId: undefined, ruleMs: 0 };
  }

  private stop(ruleId: string, kind: FileKind, file: string, ms: number, budget: GuardBudget): void {
    const error: RuleError = {
      ruleId,
      message: `ran for ${Math.round(ms)} ms on ${file} without finishing (budget ${budget.stopMs} ms) and was stopped; turned off until the server or CLI restarts`,
    };
    this.stopped.set(ruleId, { error, kind });
    this.configs = new WeakMap();
    this.report({ kind: 'stopped', ruleId, file, ms, error, message: `Rule ${ruleId} ${error.message}. Its findings are missing; other rules still run.` });
  }

  private warnSlow(timings: Readonly<Record<string, number>>, file: string, budget: GuardBudget): void {
    // Runs after every analysis: no entries array (it showed in keystroke profiles, issue #8).
    for (const ruleId in timings) {
      const ms = timings[ruleId] as number;
      if (ms <= budget.warnMs || this.warned.has(ruleId)) continue;
      this.warned.add(ruleId);
      this.report({
        kind: 'slow',
        ruleId,
        file,
        ms,
        message: `Rule ${ruleId} took ${Math.round(ms)} ms on ${file}, over the ${budget.warnMs} ms per-rule budget (it keeps running; reported once).`,
      });
    }
  }

  private notFinished(kind: FileKind, budget: GuardBudget): AnalysisResult {
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const ms = budget.stopMs;
    return {
      kind,
      findings: [],
      suppressed: [],
      // The engine's "too large or too complex to analyse" problem (as for a Compose alias bomb).
      problems: [
        {
          code: 'too-large',
          message: `Analysis did not finish in time (budget ${ms} ms plus a margin for the file's size): not analysed.`,
          range: zero,
          severity: 'warning',
        },
      ],
      errors: this.stoppedErrors(kind),
      timings: {},
      model: undefined,
      dependencies: [],
    };
  }
}
