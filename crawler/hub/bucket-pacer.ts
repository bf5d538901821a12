// One budget bucket of the Hub ("api" or "resolvers"): paced to the budget the Hub advertises, or to --rate when
// the user set one, and counting what it spent so a summary can say how much of the budget a run used.
import { AdvertisedBudget, type BudgetPolicy, type BudgetTicket, type BudgetWait } from "./advertised-budget";
import type { Sleep } from "../../common/abortable-sleep";
import { RateBudget, type RateLimitHint } from "./rate-budget";

export type BucketName = "api" | "resolvers";

/**
 * Where a bucket's budget comes from: the Hub's headers, the user's flag, or the documented default (no headers yet).
 */
export type BudgetSource = "advertised" | "flag" | "default";

export interface BudgetUsage {
  bucket: BucketName;
  source: BudgetSource;
  limit: number;
  windowMs: number;
  /** Requests started in this bucket. */
  requests: number;
  /** From the first start to now; 0 before any. */
  elapsedMs: number;
  /** Requests left in the Hub's current window and when it ends (epoch ms), when the budget follows the Hub's. */
  window: { left: number; endMs: number } | null;
}

export interface BucketPacerOptions {
  bucket: BucketName;
  /** The user's budget (--rate), which overrides the advertised one; null to learn it from the Hub. */
  rate: BudgetPolicy | null;
  /** The documented budget used until the Hub says one (and when it never does). */
  fallback: BudgetPolicy;
  now: () => number;
  sleep: Sleep;
  onWait?: (wait: BudgetWait & { bucket: BucketName }) => void;
}

export interface BucketPacer {
  acquire(): Promise<BudgetTicket>;
  /** An answer arrived with these headers (either may be absent). */
  observe(ticket: BudgetTicket, hint: RateLimitHint | null, policy: BudgetPolicy | null): void;
  /** No answer came (network error, timeout). */
  abandon(ticket: BudgetTicket): void;
  /** Holds every start for `ms` (a 429 whose wait the budget could not place). */
  pauseFor(ms: number): void;
  /** True when the budget follows the Hub's window from its headers, so a 429's RateLimit needs no extra pause. */
  followsHub(): boolean;
  windowMs(): number;
  usage(): BudgetUsage;
}

/** A fixed budget (--rate): a sliding window, slowed by the Hub's own remaining/reset hints. */
function createFlagPacer(options: BucketPacerOptions, rate: BudgetPolicy, count: () => BudgetTicket): BucketPacer {
  const budget = new RateBudget({ ...rate, now: options.now, sleep: options.sleep });
  return {
    acquire: () => budget.acquire().then(count),
    observe: (_ticket, hint) => {
      if (hint) budget.observe(hint);
    },
    abandon: () => undefined,
    pauseFor: (ms) => budget.pauseFor(ms),
    followsHub: () => false,
    windowMs: () => rate.windowMs,
    usage: () => ({ bucket: options.bucket, source: "flag", ...rate, requests: 0, elapsedMs: 0, window: null }),
  };
}

export function createBucketPacer(options: BucketPacerOptions): BucketPacer {
  let requests = 0;
  let firstAt: number | null = null;
  const count = (ticket?: BudgetTicket): BudgetTicket => {
    const sentAt = ticket?.sentAt ?? options.now();
    requests++;
    firstAt ??= sentAt;
    return ticket ?? { seq: requests, sentAt };
  };
  const elapsedMs = () => (firstAt === null ? 0 : options.now() - firstAt);
  if (options.rate) {
    const pacer = createFlagPacer(options, options.rate, () => count());
    return { ...pacer, usage: () => ({ ...pacer.usage(), requests, elapsedMs: elapsedMs() }) };
  }
  const budget = new AdvertisedBudget({
    fallback: options.fallback,
    now: options.now,
    sleep: options.sleep,
    onWait: (wait) => options.onWait?.({ ...wait, bucket: options.bucket }),
  });
  return {
    acquire: () => budget.acquire().then(count),
    observe: (ticket, hint, policy) => budget.observe(ticket, hint, policy, options.now()),
    abandon: (ticket) => budget.abandon(ticket),
    pauseFor: (ms) => budget.pauseFor(ms),
    followsHub: () => budget.policy() !== null,
    windowMs: () => (budget.policy() ?? options.fallback).windowMs,
    usage: () => {
      const policy = budget.policy();
      return {
        bucket: options.bucket,
        source: policy ? "advertised" : "default",
        ...(policy ?? options.fallback),
        requests,
        elapsedMs: elapsedMs(),
        window: budget.window(),
      };
    },
  };
}
