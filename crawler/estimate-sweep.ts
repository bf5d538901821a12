// What a whole-Hub sweep costs: its requests (one per page: 1,000 models asked, fewer when the Hub caps pages lower) and
// the time the budget lets them take; within freshForMs of the last complete sweep, a top-up's few pages.
import type { Rate } from "./hub/hub-config";
import { formatDuration } from "./progress";
import { describeFreshSweep, describeHub, sweepRequests, type HubSize, type TopUp } from "./plan-crawl";

/** The Hub's documented API budgets (Sept 2025), per fixed 5-minute window. */
export const HUB_TIERS: readonly { name: string; rate: Rate }[] = [
  { name: "anonymous", rate: { limit: 500, windowMs: 300_000 } },
  { name: "free token", rate: { limit: 1_000, windowMs: 300_000 } },
  { name: "PRO", rate: { limit: 2_500, windowMs: 300_000 } },
];

export interface SweepEstimate {
  requests: number;
  /** At the budget's pace: requests / limit windows. Pages slower than that pace make it longer. */
  ms: number;
  /** "about 2,500 requests, ~12m30s at 1,000 per 300 s" */
  text: string;
}

/** `pageSize`: records a page holds as the Hub serves them (HubSize.pageSize); SWEEP_PAGE_LIMIT by default. */
export function estimateSweep(models: number, rate: Rate, pageSize?: number): SweepEstimate {
  const requests = sweepRequests(models, pageSize);
  const ms = (requests / rate.limit) * rate.windowMs;
  const text =
    `about ${requests.toLocaleString("en-US")} requests, ~${formatDuration(ms)} at ` +
    `${rate.limit.toLocaleString("en-US")} per ${rate.windowMs / 1000} s`;
  return { requests, ms, text };
}

/**
 * The cost of `crawl --all` said up front: at the user's --rate, else at each of the Hub's tiers; a top-up's pages
 * when `topUp` is given (a page or two take seconds at any tier).
 */
export function describeWholeHubCost(hub: HubSize, rate: Rate | null, topUp: TopUp | null = null): string {
  if (topUp) {
    const pages = topUp.pages.toLocaleString("en-US");
    return (
      `a top-up of the whole Hub: the models since the sweep of ${topUp.since}, about ${pages} request(s) ` +
      `(${describeFreshSweep(topUp)})`
    );
  }
  const models = describeHub(hub);
  if (rate) return `the whole Hub, ${models}: ${estimateSweep(hub.models, rate, hub.pageSize).text} (--rate)`;
  const tiers = HUB_TIERS.map(
    (tier) => `~${formatDuration(estimateSweep(hub.models, tier.rate, hub.pageSize).ms)} ${tier.name}`,
  );
  return (
    `the whole Hub, ${models}: about ${sweepRequests(hub.models, hub.pageSize).toLocaleString("en-US")} requests; ` +
    `${tiers.join(", ")} (your tier's budget is learned from the Hub's first answer)`
  );
}
