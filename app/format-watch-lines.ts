// The watcher's output lines: one per event (stdout) and one summary per poll (stderr).
import { formatDuration } from "../crawler/progress";
import type { WatchEvent } from "../crawler/watch/record-events";
import type { PollSummary } from "../crawler/watch/watch-once";

export const countOf = (n: number, what: string) => `${n.toLocaleString("en-US")} ${what}${n === 1 ? "" : "s"}`;

export function formatWatchEvent(event: WatchEvent): string {
  if (event.type === "fork") {
    const created = event.createdAt === null ? "" : `, created ${event.createdAt}`;
    const label = event.kind === "new" ? "fork   " : "joined ";
    const why = event.kind === "joined" ? " (its base_model changed)" : "";
    const relation = event.relation ?? "unknown";
    return `${label} ${event.root} <- ${event.model}  ${relation}, depth ${event.depth}${created}${why}`;
  }
  const parents = (list: { id: string; relation: string | null }[]) =>
    list.length === 0 ? "(none)" : list.map((p) => `${p.id} (${p.relation ?? "unknown"})`).join(", ");
  return (
    `lineage ${event.model}  parents ${parents(event.parentsBefore)} -> ${parents(event.parentsAfter)}  ` +
    `[families: ${event.roots.join(", ")}]`
  );
}

export function formatPollSummary(summary: PollSummary): string {
  const parts = [
    countOf(summary.requests, "request"),
    `${summary.listed.toLocaleString("en-US")} listed`,
    `${summary.newModels.toLocaleString("en-US")} new`,
    `${summary.changed.toLocaleString("en-US")} changed`,
    countOf(summary.events.length, "event"),
  ];
  if (summary.gone.length) parts.push(`${summary.gone.length} gone`);
  if (summary.renamed.length) parts.push(`${summary.renamed.length} renamed`);
  if (summary.changesPages)
    parts.push(
      `changes listing ${countOf(summary.changesPages, "page")} (${countOf(summary.changesRequests, "request")})`,
    );
  if (summary.problems) parts.push(countOf(summary.problems, "problem"));
  const head = summary.status === "done" ? "poll" : "poll interrupted (what it stored stays pending for the next poll)";
  const elapsed = formatDuration(summary.elapsedMs);
  return `${head}: ${parts.join(", ")} in ${elapsed}; watermark ${summary.watermark ?? "none yet"}`;
}
