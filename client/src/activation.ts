/**
 * The extension's own activation timings (issue #8): marks taken with performance.now() in the
 * extension host, logged to the output channel and returned by activate() so the extension-host
 * suite can write them to test-results/activation.json (test/bench/lsp.mjs prints that file).
 */

/** Milliseconds; the durations are measured from the start of activate(). */
export interface ActivationTimings {
  /** The bundle's top-level code ran (extension host clock: ms since the host's time origin). */
  readonly moduleLoadedAt: number;
  /** activate() was called (same clock). */
  readonly activateCalledAt: number;
  /** activate() start → activate() returning (the language server starts beside it, not awaited). */
  readonly activateMs?: number;
  /** activate() start → the language client started (server spawned and initialized). */
  readonly serverReadyMs?: number;
  /** activate() start → the server's first analysis finished (first bulkhead/status notification). */
  readonly firstAnalysisMs?: number;
}

export class ActivationTimer {
  private readonly started: number;
  private readonly marks: { activateMs?: number; serverReadyMs?: number; firstAnalysisMs?: number } = {};

  constructor(
    private readonly moduleLoadedAt: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Records a mark once (later calls keep the first value); returns its duration. */
  mark(name: 'activateMs' | 'serverReadyMs' | 'firstAnalysisMs'): number {
    this.marks[name] ??= round(this.now() - this.started);
    return this.marks[name];
  }

  get timings(): ActivationTimings {
    return { moduleLoadedAt: round(this.moduleLoadedAt), activateCalledAt: round(this.started), ...this.marks };
  }

  summary(): string {
    const t = this.timings;
    const part = (label: string, v: number | undefined) => (v === undefined ? [] : [`${label} ${v} ms`]);
    return [
      `Activation: bundle loaded at ${t.moduleLoadedAt} ms, activate() called at ${t.activateCalledAt} ms (extension host clock)`,
      ...part('server ready after', t.serverReadyMs),
      ...part('activate() done after', t.activateMs),
      ...part('first analysis after', t.firstAnalysisMs),
    ].join('; ');
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
