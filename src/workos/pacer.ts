/** What a pacer needs of time; tests inject a virtual one. */
export interface Clock {
  now(): number;
  /** Must reject promptly when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

/**
 * Lets at most `perWindow` requests start in any window of `windowMs`, holding the rest until the
 * oldest start leaves the window. WorkOS allows `/directory_users` 4 requests a second per directory:
 * pacing ourselves costs the same wait as a 429 would, without the 429 and its Retry-After.
 */
export class Pacer {
  private starts: number[] = [];

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  async take(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.starts = this.starts.filter((start) => now - start < this.windowMs);
      if (this.starts.length < this.perWindow) {
        this.starts.push(now);
        return;
      }
      await this.clock.sleep(this.starts[0] + this.windowMs - now, signal);
    }
  }
}
