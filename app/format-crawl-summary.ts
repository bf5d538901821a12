// The summary a crawl prints at its end: how it ended, the plan and why, requests, models, edges, problems.
import type { CrawlSummary } from "../crawler/crawl";
import { formatDuration } from "../crawler/progress";

const count = (n: number) => n.toLocaleString("en-US");

export function formatCrawlSummary(summary: CrawlSummary): string {
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
  ].join("\n");
}
