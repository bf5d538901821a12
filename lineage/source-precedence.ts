// Which source wins for a (parent, child) pair: the one table of source precedence (the SQL is generated from it).
import type { EdgeSource } from "./types";

/**
 * Strongest first: the Hub's own `base_model:*` tags (what the Hub's model tree shows), then the card front matter
 * we parsed, then inference. A pair's relation, source and confidence are its strongest source's.
 */
export const SOURCE_PRECEDENCE: readonly EdgeSource[] = ["tag", "card", "inferred"];

const RANK: Record<EdgeSource, number> = Object.fromEntries(SOURCE_PRECEDENCE.map((s, i) => [s, i])) as Record<
  EdgeSource,
  number
>;

/** 0 for the strongest source; a lower rank wins. */
export function sourceRank(source: EdgeSource): number {
  return RANK[source];
}

/** Whether `a` beats `b` for the same pair. */
export function isStrongerSource(a: EdgeSource, b: EdgeSource): boolean {
  return RANK[a] < RANK[b];
}
