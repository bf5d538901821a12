// Chooses between walking the seeds' families and sweeping the whole Hub, from what each would cost in requests.
//
// A down-walk costs one listing request per model it reaches (the Hub cannot tell from a listing which models
// have children), plus one per further page of 500 children. A sweep costs one request per page of the Hub's models
// (SWEEP_PAGE_LIMIT asked, 1,000; fewer when the Hub caps its pages lower), whatever the families hold. Walk costs are lower bounds (a seed's `childrenModelCount` counts direct children
// only), so choosing the sweep is always justified, and a walk that outgrows the sweep switches to it. Within
// freshForMs of the last complete sweep, a sweep is a top-up (crawler/top-up.ts) and costs its few pages.
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

/**
 * A sweep that reads only the models created since the last complete sweep, when that sweep is within freshForMs
 * (crawler/top-up.ts): the listing is newest first, so it stops at the first page reaching that sweep's watermark.
 */
export interface TopUp {
  /** When the last full sweep began (ISO): the store is fresh from it. */
  sweptAt: string;
  /** When the last complete sweep or top-up began (ISO): what "new since" counts from. */
  since: string;
  /** The newest `createdAt` that sweep stored (the Hub's clock). */
  watermark: string;
  /** Pages it expects to read (at least 1). */
  pages: number;
}

export interface CrawlPlan {
  kind: PlanKind;
  /** Listing requests the walk needs at least. */
  walkRequests: number;
  /** Listing requests a sweep needs (one per page of SWEEP_PAGE_LIMIT; a top-up's pages). */
  sweepRequests: number;
  /** One sentence saying which plan and why, for the summary. */
  reason: string;
  /** Set when the sweep is a top-up of the last complete one. */
  topUp?: TopUp;
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

/** Requests the sweep would cost: a top-up's expected pages, else every page of the Hub. */
function sweepCost(hub: HubSize, topUp: TopUp | null): number {
  return topUp ? topUp.pages : sweepRequests(hub.models, hub.pageSize);
}

/** "a sweep of 512,000 models (the Hub's count) about 512", or the top-up's. */
function describeSweep(hub: HubSize, topUp: TopUp | null): string {
  const cost = number(sweepCost(hub, topUp));
  if (!topUp) return `a sweep of ${describeHub(hub)} about ${cost}`;
  return `a top-up sweep of the models since the sweep of ${topUp.since} about ${cost} (${describeFreshSweep(topUp)})`;
}

/** Why a sweep is a top-up: the last full one is fresh. */
export function describeFreshSweep(topUp: TopUp): string {
  return `the whole Hub was swept at ${topUp.sweptAt}, within the freshness window; --refresh sweeps it whole`;
}

/** Adds the top-up (when there is one) to a sweep plan. */
function withTopUp(plan: CrawlPlan, topUp: TopUp | null): CrawlPlan {
  return topUp && plan.kind === "sweep" ? { ...plan, topUp } : plan;
}

/**
 * The plan before walking, from the seeds' direct-children counts and how deep the walk goes (null: no limit);
 * `topUp`: the top-up a sweep would be now (crawler/top-up.ts), counted as its few pages.
 */
export function planCrawl(
  mode: PlanMode,
  seeds: SeedSize[],
  hub: HubSize,
  maxDepth: number | null = null,
  topUp: TopUp | null = null,
): CrawlPlan {
  const walk = walkLowerBound(seeds, maxDepth);
  const sweep = sweepCost(hub, topUp);
  const costs = `a walk needs at least ${number(walk)} requests (${describeSeeds(seeds)}), ${describeSweep(hub, topUp)}`;
  const what = topUp ? "top-up sweep" : "sweep";
  if (mode === "sweep")
    return withTopUp(
      { kind: "sweep", walkRequests: walk, sweepRequests: sweep, reason: `${what}, as asked: ${costs}` },
      topUp,
    );
  if (mode === "walk")
    return { kind: "walk", walkRequests: walk, sweepRequests: sweep, reason: `walk, as asked: ${costs}` };
  return walk > sweep
    ? withTopUp(
        { kind: "sweep", walkRequests: walk, sweepRequests: sweep, reason: `${what}, the cheaper: ${costs}` },
        topUp,
      )
    : { kind: "walk", walkRequests: walk, sweepRequests: sweep, reason: `walk, the cheaper: ${costs}` };
}

/** The plan of `crawl --all`: the whole Hub by sweep, whatever the seeds (a top-up when `topUp` is given). */
export function planWholeHub(hub: HubSize, topUp: TopUp | null = null): CrawlPlan {
  const sweep = sweepCost(hub, topUp);
  const reason = topUp
    ? `top-up sweep of the whole Hub, as asked (--all): the models since the sweep of ${topUp.since}, about ` +
      `${number(sweep)} request(s) (${describeFreshSweep(topUp)})`
    : `sweep of the whole Hub, as asked (--all): ${describeHub(hub)}, about ${number(sweep)} requests`;
  return withTopUp({ kind: "sweep", walkRequests: 0, sweepRequests: sweep, reason }, topUp);
}

/**
 * Re-checks an automatic walk as it grows: it has spent `done` listing requests and `pending` models are still to
 * list (at least one request each). Spent requests are sunk, so it compares what is left of the walk with a whole
 * sweep. Returns the sweep plan once the walk can no longer be the cheaper, else null.
 */
export function replanWalk(
  mode: PlanMode,
  done: number,
  pending: number,
  hub: HubSize,
  topUp: TopUp | null = null,
): CrawlPlan | null {
  const sweep = sweepCost(hub, topUp);
  if (mode !== "auto" || pending <= sweep) return null;
  const plan: CrawlPlan = {
    kind: "sweep",
    walkRequests: done + pending,
    sweepRequests: sweep,
    reason:
      `${topUp ? "top-up sweep" : "sweep"}, the cheaper: the walk grew (${number(done)} requests spent, at least ` +
      `${number(pending)} more for the models still to list), ${describeSweep(hub, topUp)}`,
  };
  return withTopUp(plan, topUp);
}
