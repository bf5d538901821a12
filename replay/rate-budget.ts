// The Hub's request budget: fixed windows per bucket ("api", "resolvers"), announced in RateLimit headers.
import { ReplayConfigError } from "./replay-errors";

export interface BucketBudget {
  requests: number;
  windowSeconds: number;
}

export type BucketName = "api" | "resolvers";

/** Whether a 429 also carries `Retry-After` (the Hub documents only RateLimit; clients must handle both). */
export type RetryAfterMode = "always" | "never" | "alternate";

export interface BudgetOptions {
  api?: BucketBudget;
  resolvers?: BucketBudget;
  retryAfter?: RetryAfterMode;
}

export interface BudgetVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

export function validateBucket(name: string, budget: BucketBudget): BucketBudget {
  if (!Number.isInteger(budget.requests) || budget.requests < 1) {
    throw new ReplayConfigError(`budget.${name}.requests`, budget.requests, "an integer >= 1");
  }
  if (!(budget.windowSeconds > 0)) {
    throw new ReplayConfigError(`budget.${name}.windowSeconds`, budget.windowSeconds, "a number > 0");
  }
  return budget;
}

/** "20/2" -> 20 requests per 2 seconds (the CLI's --rate form). */
export function parseRate(text: string, option: string): BucketBudget {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) throw new ReplayConfigError(option, text, "N/SECONDS, e.g. 500/300");
  return validateBucket(option, { requests: Number(match[1]), windowSeconds: Number(match[2]) });
}

/**
 * Windows are aligned on `startMs` (the server start): window k covers [start + k*w, start + (k+1)*w). Every request
 * counts, refused ones included, as on the Hub.
 */
export class RateBudget {
  private window = -1;
  private used = 0;
  private refusals = 0;

  constructor(
    private readonly bucket: BucketName,
    private readonly budget: BucketBudget,
    private readonly startMs: number,
    private readonly retryAfter: RetryAfterMode,
  ) {}

  take(nowMs: number): BudgetVerdict {
    const windowMs = this.budget.windowSeconds * 1000;
    const window = Math.floor(Math.max(0, nowMs - this.startMs) / windowMs);
    if (window !== this.window) {
      this.window = window;
      this.used = 0;
    }
    this.used++;
    const allowed = this.used <= this.budget.requests;
    const resetSeconds = Math.max(1, Math.ceil((this.startMs + (window + 1) * windowMs - nowMs) / 1000));
    const headers: Record<string, string> = {
      RateLimit: `"${this.bucket}";r=${Math.max(0, this.budget.requests - this.used)};t=${resetSeconds}`,
      "RateLimit-Policy": `"fixed window";"${this.bucket}";q=${this.budget.requests};w=${this.budget.windowSeconds}`,
    };
    if (!allowed) {
      this.refusals++;
      const withRetryAfter =
        this.retryAfter === "always" || (this.retryAfter === "alternate" && this.refusals % 2 === 1);
      if (withRetryAfter) headers["Retry-After"] = String(resetSeconds);
    }
    return { allowed, headers };
  }
}
