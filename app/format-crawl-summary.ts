// The summary a crawl prints at its end: how it ended, the plan and why, requests, models, edges, problems.
import type { CrawlSummary } from "../crawler/crawl";
import type { BudgetUsage } from "../crawler/hub/bucket-pacer";
import { formatDuration } from "../crawler/progress";

const count = (n: number) => n.toLocaleString("en-US");

const SOURCES = {
  advertised: "advertised by the Hub",
  flag: "from --rate",
  default: "the default; the Hub advertised none",
};

/** "api 40 per 2 s (advertised by the Hub): 1,200 requests, 98% of what it allowed over 1m01s" per bucket used. */
export function formatBudgetUse(budgets: BudgetUsage[]): string {
  const used = budgets.filter((b) => b.requests > 0);
  if (used.length === 0) return "none spent";
  return used
    .map((b) => {
      const allowed = b.limit * Math.max(1, b.elapsedMs / b.windowMs);
      const share = Math.round((b.requests / allowed) * 100);
      return (
        `${b.bucket} ${count(b.limit)} per ${b.windowMs / 1000} s (${SOURCES[b.source]}): ${count(b.requests)} ` +
        `requests, ${share}% of what it allowed over ${formatDuration(b.elapsedMs)}`
      );
    })
    .join("; ");
}

export function formatCrawlSummary(summary: CrawlSummary, budgets?: BudgetUsage[]): string {
  const resumed = summary.resumedRunId === null ? "" : `, resuming run ${summary.resumedRunId}`;
  const inferred = summary.inferredEdges > 0 ? ` (${count(summary.inferredEdges)} inferred)` : "";
  const head =
    summary.status === "done"
      ? `crawl done (run ${summary.runId}${resumed})`
      : `crawl interrupted (run ${summary.runId}${resumed}): rerun the same command to resume`;
  return [
    head,
    `plan: ${summary.plan ? summary.plan.reason : "up only, nothing to list"}`,
    `requests: ${count(summary.requests)} (${count(summary.retries)} retries), models: ${count(summary.models)}, ` +
      `edges: ${count(summary.edges)}${inferred}, problems: ${count(summary.problems)}, ` +
      `time: ${formatDuration(summary.elapsedMs)}`,
    ...summary.missingSeeds.map((seed) => `seed not crawled: ${seed.id}: ${seed.reason}`),
    ...(budgets ? [`budget: ${formatBudgetUse(budgets)}`] : []),
  ].join("\n");
}
