// Chooses between walking the seeds' families and sweeping the whole Hub, from what each would cost in requests.
//
// A down-walk costs one listing request per model it reaches (the Hub cannot tell from a listing which models
// have children), plus one per further page of 500 children. A sweep costs one request per page of the Hub's models
// (SWEEP_PAGE_LIMIT asked, 1,000; fewer when the Hub caps its pages lower), whatever the families hold. Walk costs are lower bounds (a seed's `childrenModelCount` counts direct children
// only), so choosing the sweep is always justified, and a walk that outgrows the sweep switches to it.
import { PAGE_LIMIT, SWEEP_PAGE_LIMIT } from "./hub/hub-client";

export type PlanKind = "walk" | "sweep";

/** How the plan was chosen: forced by the user, or the cheaper of the two estimates. */
export type PlanMode = PlanKind | "auto";

/**
 * Models on the Hub until it says (`X-Total-Count`) or a sweep counts them: about 2 million in the second half of
 * 2025 (the Hub's docs said 1.73M in May 2025; the "Anatomy of a Machine Learning Ecosystem" paper counted 2M by
 * July 2025).
 */
export const DEFAULT_HUB_MODEL_COUNT = 2_000_000;

export interface SeedSize {
  id: string;
  /** Direct children as the Hub counts them; null when it did not say (or the seed is unknown to it). */
  childrenCount: number | null;
}

export interface HubSize {
  models: number;
  /**
   * "reported": the Hub's own count (`X-Total-Count` of its listing); "counted": a finished sweep's; "estimate":
   * DEFAULT_HUB_MODEL_COUNT, or what an unfinished sweep has seen when that is more.
   */
  source: "reported" | "counted" | "estimate";
  /**
   * Records a sweep page holds as the Hub serves them, learned from a capped page (fewer records than asked and a
   * next link); absent: SWEEP_PAGE_LIMIT, what the sweep asks.
   */
  pageSize?: number;
}

export interface CrawlPlan {
  kind: PlanKind;
  /** Listing requests the walk needs at least. */
  walkRequests: number;
  /** Listing requests a sweep needs (one per page of SWEEP_PAGE_LIMIT). */
  sweepRequests: number;
  /** One sentence saying which plan and why, for the summary. */
  reason: string;
}

const number = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Pages of at most 500 a listing of `count` items needs (an empty listing still costs its one request). */
export function listingPages(count: number): number {
  return Math.max(1, Math.ceil(count / PAGE_LIMIT));
}

/** Requests a sweep of a Hub of `models` models costs: its pages of `pageSize` (what the Hub serves; SWEEP_PAGE_LIMIT). */
export function sweepRequests(models: number, pageSize: number = SWEEP_PAGE_LIMIT): number {
  return Math.max(1, Math.ceil(models / Math.max(1, pageSize)));
}

/**
 * The least a down-walk from these seeds costs: each seed's listing pages, and one listing for each direct child
 * unless the walk stops at the children (`maxDepth` 1: they are stored, not listed). A seed whose count is unknown
 * costs its own listing only.
 */
export function walkLowerBound(seeds: SeedSize[], maxDepth: number | null = null): number {
  const listsChildren = maxDepth === null || maxDepth > 1;
  return seeds.reduce(
    (sum, seed) => sum + listingPages(seed.childrenCount ?? 0) + (listsChildren ? (seed.childrenCount ?? 0) : 0),
    0,
  );
}

function describeSeeds(seeds: SeedSize[]): string {
  const known = seeds.filter((s) => s.childrenCount !== null).sort((a, b) => b.childrenCount! - a.childrenCount!);
  if (known.length === 0) return "no direct-children count from the Hub";
  const [largest] = known;
  const rest = known.length > 1 ? ` and ${known.length - 1} more seed(s)` : "";
  return `${largest.id} has ${number(largest.childrenCount!)} direct children${rest}`;
}

/** "~2,000,000 models (a default until the Hub says)", "512,000 models (the Hub's count)". */
export function describeHub(hub: HubSize): string {
  if (hub.source === "reported") return `${number(hub.models)} models (the Hub's count)`;
  if (hub.source === "counted") return `${number(hub.models)} models (counted by the last sweep)`;
  return `~${number(hub.models)} models (an estimate until the Hub says or a sweep counts them)`;
}

/** The plan before walking, from the seeds' direct-children counts and how deep the walk goes (null: no limit). */
export function planCrawl(mode: PlanMode, seeds: SeedSize[], hub: HubSize, maxDepth: number | null = null): CrawlPlan {
  const walk = walkLowerBound(seeds, maxDepth);
  const sweep = sweepRequests(hub.models, hub.pageSize);
  const costs =
    `a walk needs at least ${number(walk)} requests (${describeSeeds(seeds)}), ` +
    `a sweep of ${describeHub(hub)} about ${number(sweep)}`;
  if (mode === "sweep")
    return { kind: "sweep", walkRequests: walk, sweepRequests: sweep, reason: `sweep, as asked: ${costs}` };
  if (mode === "walk")
    return { kind: "walk", walkRequests: walk, sweepRequests: sweep, reason: `walk, as asked: ${costs}` };
  return walk > sweep
    ? { kind: "sweep", walkRequests: walk, sweepRequests: sweep, reason: `sweep, the cheaper: ${costs}` }
    : { kind: "walk", walkRequests: walk, sweepRequests: sweep, reason: `walk, the cheaper: ${costs}` };
}

/** The plan of `crawl --all`: the whole Hub by sweep, whatever the seeds. */
export function planWholeHub(hub: HubSize): CrawlPlan {
  const sweep = sweepRequests(hub.models, hub.pageSize);
  return {
    kind: "sweep",
    walkRequests: 0,
    sweepRequests: sweep,
    reason: `sweep of the whole Hub, as asked (--all): ${describeHub(hub)}, about ${number(sweep)} requests`,
  };
}

/**
 * Re-checks an automatic walk as it grows: it has spent `done` listing requests and `pending` models are still to
 * list (at least one request each). Spent requests are sunk, so it compares what is left of the walk with a whole
 * sweep. Returns the sweep plan once the walk can no longer be the cheaper, else null.
 */
export function replanWalk(mode: PlanMode, done: number, pending: number, hub: HubSize): CrawlPlan | null {
  const sweep = sweepRequests(hub.models, hub.pageSize);
  if (mode !== "auto" || pending <= sweep) return null;
  return {
    kind: "sweep",
    walkRequests: done + pending,
    sweepRequests: sweep,
    reason:
      `sweep, the cheaper: the walk grew (${number(done)} requests spent, at least ${number(pending)} more for the ` +
      `models still to list), a sweep of ${describeHub(hub)} about ${number(sweep)}`,
  };
}
