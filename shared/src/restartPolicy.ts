/**
 * When the language server process dies, the client restarts it a bounded number of times in a
 * sliding window and then stops, saying so (issue 8 item 4). Pure, so the policy is unit-tested
 * (test/shared/restartPolicy.test.ts); client/src/extension.ts maps it to the language client's
 * error handler.
 */
export interface RestartDecision {
  readonly restart: boolean;
  /** Crashes inside the window, this one included. */
  readonly crashes: number;
  /** One line for the output channel (and the notification when giving up). */
  readonly message: string;
}

export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server process closed unexpectedly. */
  closed(): RestartDecision {
    const t = this.now();
    while (this.crashes.length && t - (this.crashes[0] as number) > this.windowMs) this.crashes.shift();
    this.crashes.push(t);
    const n = this.crashes.length;
    const minutes = Math.round(this.windowMs / 60_000);
    if (n > this.maxRestarts) {
      return {
        restart: false,
        crashes: n,
        message: `The Bulkhead server stopped ${n} times in ${minutes} minutes and will not be restarted. See the Bulkhead output; "Bulkhead: Restart Server" starts it again.`,
      };
    }
    return {
      restart: true,
      crashes: n,
      message: `The Bulkhead server stopped unexpectedly; restarting it (${n} of ${this.maxRestarts} restarts allowed in ${minutes} minutes).`,
    };
  }

  /** A manual restart starts a fresh window. */
  reset(): void {
    this.crashes.length = 0;
  }
}
