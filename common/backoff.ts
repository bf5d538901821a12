// Capped exponential backoff with jitter: how long to wait before a retry, written once for every retry loop.

/**
 * `baseMs · 2^(attempt − 1)`, capped at `capMs`, then scaled by a jitter factor in [0.5, 1) drawn from `random`
 * so that clients failing together do not retry together. `attempt` counts from 1.
 */
export function backoffWithJitter(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const capped = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(capped * (0.5 + random() * 0.5));
}
