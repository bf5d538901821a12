// A request budget: at most N request starts in any window of W ms, plus the Hub's own hints (pause, few remaining).

import type { Sleep } from "../../common/abortable-sleep";

export interface RateBudgetOptions {
  limit: number;
  windowMs: number;
  now: () => number;
  sleep: Sleep;
}

/** What a `RateLimit: "api";r=<remaining>;t=<seconds>` header says about the server's current window. */
export interface RateLimitHint {
  remaining: number;
  resetSeconds: number;
}

// Below this share of the limit left in the server's window, starts are spread evenly until its reset.
const LOW_WATER_SHARE = 0.1;

export class RateBudget {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly lowWater: number;
  // Ring of the last `limit` start times: the oldest one says when the next start leaves the window.
  private readonly starts: number[] = [];
  private next = 0;
  private pausedUntil = -Infinity;
  private hint: { remaining: number; resetAt: number } | null = null;
  private lastStart = -Infinity;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RateBudgetOptions) {
    if (!Number.isSafeInteger(options.limit) || options.limit < 1 || !(options.windowMs > 0)) {
      throw new RangeError(
        `RateBudget needs a whole limit >= 1 and a window > 0 ms, got ${options.limit}/${options.windowMs}ms`,
      );
    }
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.now = options.now;
    this.sleep = options.sleep;
    this.lowWater = Math.max(1, Math.ceil(options.limit * LOW_WATER_SHARE));
  }

  /**
   * Waits until one more request may start, and counts it as started.
   * Callers are served in arrival order (a chain of promises), so pacing is fair and a start is never double-booked.
   */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Stops every start until `ms` from now (after a 429, the whole bucket is spent, not only one request's share). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(0, ms));
  }

  /** Takes the server's word on its window: none left means wait for the reset, few left means slow down. */
  observe(hint: RateLimitHint): void {
    this.hint = { remaining: Math.max(0, hint.remaining), resetAt: this.now() + Math.max(0, hint.resetSeconds) * 1000 };
  }

  private earliestStart(t: number): number {
    let at = this.pausedUntil;
    if (this.starts.length === this.limit) at = Math.max(at, this.starts[this.next] + this.windowMs);
    // A hint past its reset says nothing about the server's new window.
    if (this.hint && t < this.hint.resetAt) {
      const { remaining, resetAt } = this.hint;
      if (remaining === 0) at = Math.max(at, resetAt);
      else if (remaining <= this.lowWater) at = Math.max(at, this.lastStart + (resetAt - t) / remaining);
    }
    return at;
  }

  private async waitForSlot(): Promise<void> {
    // Loop rather than trust one wait: a pause or a hint may arrive while sleeping.
    for (;;) {
      const t = this.now();
      const at = this.earliestStart(t);
      if (at <= t) {
        this.record(t);
        return;
      }
      await this.sleep(at - t);
    }
  }

  private record(t: number): void {
    if (this.starts.length < this.limit) this.starts.push(t);
    else this.starts[this.next] = t;
    this.next = (this.next + 1) % this.limit;
    this.lastStart = t;
    if (this.hint) this.hint.remaining = Math.max(0, this.hint.remaining - 1);
  }
}
