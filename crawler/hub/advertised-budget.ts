// The budget a Hub advertises (RateLimit-Policy: quota per fixed window; RateLimit: remaining, seconds to reset),
// learned from its answers and paced to: spend the window's quota, then wait for the window's end, no sooner.
//
// The Hub counts requests in fixed windows. Each answer's `t` (whole seconds to the reset, rounded up) places the
// window's end in an interval of about a second; intersecting the intervals of many answers, shifted by whole
// windows, narrows it to the time between two answers, so even a 2-second window is spent in full without a 429.
// Until the first answer says what the budget is, one request goes alone; a Hub that advertises nothing is paced
// by the fallback (the documented anonymous budget) as a sliding window.
//
// What is left of a window is the lowest `r` the window's answers said (that request was the last the server counted
// among the answered ones), less the requests still in flight (they may be counted after it), less those that came
// back with no count to place. It is recomputed from these on every answer, so a request subtracted while in flight
// is given back once its answer shows the server had already counted it: the window's quota is spent in full.
import type { Sleep } from "../../common/abortable-sleep";
import { RateBudget, type RateLimitHint } from "./rate-budget";

/** A budget: `limit` requests per `windowMs` milliseconds. */
export interface BudgetPolicy {
  limit: number;
  windowMs: number;
}

/** A started request, handed back with its answer so the answer can be placed in time. */
export interface BudgetTicket {
  seq: number;
  sentAt: number;
}

/** A wait for the budget long enough to be worth telling the user about. */
export interface BudgetWait {
  /** When requests start again (the window's end, or a pause's). */
  untilMs: number;
  waitMs: number;
  limit: number;
  windowMs: number;
}

export interface AdvertisedBudgetOptions {
  /** Pacing for a Hub whose answers advertise no policy. */
  fallback: BudgetPolicy;
  now: () => number;
  sleep: Sleep;
  onWait?: (wait: BudgetWait) => void;
}

// A start this long after the latest possible end of the window is surely counted in the next one.
const END_MARGIN_MS = 2;
// Waits shorter than this are not announced (every window of a fast budget ends with one).
const ANNOUNCE_WAIT_MS = 1_000;

/** Reads `RateLimit-Policy: "api";q=<quota>;w=<window seconds>` (also the IETF draft's `quota=`/`window=`). */
export function parseRateLimitPolicy(value: string | null): BudgetPolicy | null {
  if (!value) return null;
  const quota = /(?:^|[;,\s])(?:q|quota)=(\d+)/.exec(value);
  const window = /(?:^|[;,\s])(?:w|window)=(\d+(?:\.\d+)?)/.exec(value);
  if (!quota || !window) return null;
  const limit = Number(quota[1]);
  const windowMs = Math.round(Number(window[1]) * 1000);
  return limit >= 1 && windowMs > 0 && Number.isSafeInteger(limit) ? { limit, windowMs } : null;
}

export class AdvertisedBudget {
  private readonly options: AdvertisedBudgetOptions;
  private policyValue: BudgetPolicy | null = null;
  private fallbackBudget: RateBudget | null = null;
  private probe: { seq: number; done: Promise<void>; release: () => void } | null = null;
  // Bounds of the current window's end, in the local clock; null until an answer says.
  private endLo = 0;
  private endHi: number | null = null;
  // The lowest `r` said for the current window (the quota after a roll); what is left is this less the unknowns.
  private windowLeft = 0;
  // Tickets started and not yet answered or abandoned.
  private readonly inFlight = new Set<number>();
  // Requests of the current window that ended with no count to place (no RateLimit, no answer).
  private blind = 0;
  private seq = 0;
  private pausedUntil = -Infinity;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: AdvertisedBudgetOptions) {
    this.options = options;
  }

  /** The budget in force: the advertised one once known, else null (the fallback paces). */
  policy(): BudgetPolicy | null {
    return this.policyValue;
  }

  /** The current window as this budget sees it: requests left and the latest its end can be; null until known. */
  window(): { left: number; endMs: number } | null {
    if (!this.policyValue || this.endHi === null) return null;
    this.rollWindow(this.options.now());
    return { left: Math.max(0, this.remaining()), endMs: this.endHi };
  }

  /** Waits until one more request may start; hand the ticket back to `observe` or `abandon`. */
  acquire(): Promise<BudgetTicket> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Stops every start until `ms` from now (a 429 whose wait the headers did not place in a window). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.options.now() + Math.max(0, ms));
  }

  /** Takes an answer's word: the policy (a tier change is followed at once) and where its window stands. */
  observe(ticket: BudgetTicket, hint: RateLimitHint | null, policy: BudgetPolicy | null, receivedAt: number): void {
    if (!this.inFlight.delete(ticket.seq)) return;
    if (policy) this.policyValue = policy;
    else if (!this.policyValue && !this.fallbackBudget && !hint) {
      this.fallbackBudget = new RateBudget({ ...this.options.fallback, ...this.clock() });
      // The probe was a start of the fallback's window too (it is free now: nothing else has started).
      void this.fallbackBudget.acquire();
    }
    if (hint) {
      if (this.fallbackBudget) this.fallbackBudget.observe(hint);
      else this.place(ticket, hint, receivedAt);
    } else this.blind++;
    this.endProbe(ticket);
  }

  /** The request got no answer (network error, timeout): if it was the probe, another request probes. */
  abandon(ticket: BudgetTicket): void {
    // The server may have counted it: it stays spent until the window turns.
    if (this.inFlight.delete(ticket.seq)) this.blind++;
    this.endProbe(ticket);
  }

  private clock() {
    return { now: this.options.now, sleep: this.options.sleep };
  }

  private endProbe(ticket: BudgetTicket): void {
    if (this.probe?.seq !== ticket.seq) return;
    this.probe.release();
    this.probe = null;
  }

  // Places the window's end from one answer, and the requests left in it.
  private place(ticket: BudgetTicket, hint: RateLimitHint, receivedAt: number): void {
    // The server counted the request between its sending and its answer, with ceil(seconds left) = t.
    const lo = ticket.sentAt + Math.max(0, hint.resetSeconds - 1) * 1000;
    const hi = receivedAt + hint.resetSeconds * 1000;
    const left = hint.remaining;
    const windowMs = this.policyValue?.windowMs ?? null;
    if (this.endHi === null || windowMs === null) {
      this.setWindow(lo, hi, left);
      return;
    }
    const overlaps = (shift: number) => lo - shift <= this.endHi! && hi - shift >= this.endLo;
    if (overlaps(0)) {
      this.setWindow(Math.max(this.endLo, lo), Math.min(this.endHi, hi), Math.min(this.windowLeft, left), this.blind);
    } else if (overlaps(windowMs)) {
      // The server's window turned before ours did: its count is the truth for the new one.
      this.setWindow(Math.max(this.endLo + windowMs, lo), Math.min(this.endHi + windowMs, hi), left);
    } else if (overlaps(-windowMs)) {
      // A late answer from the previous window still narrows where windows end.
      this.setWindow(
        Math.max(this.endLo, lo + windowMs),
        Math.min(this.endHi, hi + windowMs),
        this.windowLeft,
        this.blind,
      );
    } else {
      this.setWindow(lo, hi, left);
    }
  }

  // `blind`: hint-less requests still unaccounted for in this window (0 when a fresh count from the server starts it).
  private setWindow(lo: number, hi: number, windowLeft: number, blind = 0): void {
    this.endLo = lo;
    this.endHi = hi;
    this.windowLeft = windowLeft;
    this.blind = blind;
  }

  // Requests that may still start in the current window.
  private remaining(): number {
    return this.windowLeft - this.inFlight.size - this.blind;
  }

  private async waitForSlot(): Promise<BudgetTicket> {
    for (;;) {
      if (this.fallbackBudget) {
        await this.fallbackBudget.acquire();
        return this.take(this.options.now());
      }
      if (!this.policyValue && this.endHi === null) {
        if (this.probe) {
          await this.probe.done;
          continue;
        }
        let release!: () => void;
        const done = new Promise<void>((resolve) => {
          release = resolve;
        });
        const ticket = this.take(this.options.now());
        this.probe = { seq: ticket.seq, done, release };
        return ticket;
      }
      const t = this.options.now();
      this.rollWindow(t);
      let at = this.pausedUntil;
      if (this.remaining() <= 0 && this.endHi !== null) at = Math.max(at, this.endHi + END_MARGIN_MS);
      if (at <= t) return this.take(t);
      if (at - t >= ANNOUNCE_WAIT_MS) this.announce(at, t);
      await this.options.sleep(at - t);
    }
  }

  // Past the latest possible end, the window has surely turned: a fresh quota, the same phase.
  private rollWindow(t: number): void {
    const windowMs = this.policyValue?.windowMs;
    if (this.endHi === null || !windowMs || t < this.endHi + END_MARGIN_MS) return;
    const turns = Math.floor((t - this.endHi - END_MARGIN_MS) / windowMs) + 1;
    this.setWindow(this.endLo + turns * windowMs, this.endHi + turns * windowMs, this.policyValue!.limit);
  }

  private announce(untilMs: number, t: number): void {
    const policy = this.policyValue ?? this.options.fallback;
    this.options.onWait?.({ untilMs, waitMs: untilMs - t, limit: policy.limit, windowMs: policy.windowMs });
  }

  private take(t: number): BudgetTicket {
    this.seq++;
    this.inFlight.add(this.seq);
    return { seq: this.seq, sentAt: t };
  }
}
