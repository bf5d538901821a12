// When a sweep is a top-up and where it stops. The sweep listing is sorted by `createdAt`, newest first, with keyset
// cursors (the Hub's and the replay's), so a sweep rerun within freshForMs of the last complete one reads only the
// pages down to the first that holds a model created before that sweep's watermark (the newest `createdAt` it
// stored, less an overlap): every model after that page was on the Hub's listing when that sweep read its first page.
// A repository made public late keeps its old createdAt and is missed, as the watcher misses it; the next full sweep
// (after freshForMs, or --refresh) reads it.
import { isFreshAt } from "./crawl-context";
import type { LastSweep, SweepState } from "./crawl-run-state";
import type { ListedRecord } from "./hub/hub-client";
import { SWEEP_PAGE_LIMIT } from "./hub/hub-client";
import { describeFreshSweep, type HubSize, type TopUp } from "./plan-crawl";

/** How far below the watermark a top-up still reads: the Hub may list a model some minutes after its createdAt. */
export const TOP_UP_OVERLAP_MS = 5 * 60_000;

/**
 * Models the Hub gains a day, for a top-up's expected pages when its size says nothing newer: 1.73M in May 2025 (the
 * Hub's docs) to 2M by July 2025 (the "Anatomy of a Machine Learning Ecosystem" paper), ~4,500 a day.
 */
export const HUB_MODELS_PER_DAY = 4_500;

const DAY_MS = 24 * 3600_000;

/**
 * The top-up a sweep would be now, or null when it must be a full sweep: no complete sweep yet, the last one older
 * than `freshForMs`, or `refresh` asked.
 */
export function planTopUp(
  last: LastSweep | null,
  hub: HubSize,
  options: { now: Date; freshForMs: number; refresh: boolean },
): TopUp | null {
  if (last === null || !isFreshAt(last.sweptAt, options.now.getTime(), options)) return null;
  const sinceMs = Math.max(0, options.now.getTime() - Date.parse(last.since));
  const expectedNew = Math.max(hub.models - last.models, (sinceMs / DAY_MS) * HUB_MODELS_PER_DAY, 0);
  // The page that reaches the watermark holds at least one model already stored.
  const pages = Math.max(1, Math.ceil((expectedNew + 1) / (hub.pageSize ?? SWEEP_PAGE_LIMIT)));
  return { sweptAt: last.sweptAt, since: last.since, watermark: last.watermark, pages };
}

function createdMs(record: ListedRecord): number {
  return record.createdAt ? Date.parse(record.createdAt) : Number.NaN;
}

/** True when the page holds a model created before the top-up's watermark less the overlap: the pages after are stored. */
export function reachesWatermark(records: readonly ListedRecord[], topUp: TopUp): boolean {
  const floor = Date.parse(topUp.watermark) - TOP_UP_OVERLAP_MS;
  return records.some((record) => createdMs(record) < floor);
}

/** The newest `createdAt` of the page and `previous` (ISO), null when neither has one. */
export function newestCreatedAt(records: readonly ListedRecord[], previous: string | null): string | null {
  let newest = previous === null ? Number.NaN : Date.parse(previous);
  for (const record of records) {
    const ms = createdMs(record);
    if (ms > newest || (Number.isNaN(newest) && !Number.isNaN(ms))) newest = ms;
  }
  return Number.isNaN(newest) ? null : new Date(newest).toISOString();
}

/** Records of the page created after the watermark: models new since the last sweep. */
export function countNewModels(records: readonly ListedRecord[], watermark: string): number {
  const mark = Date.parse(watermark);
  return records.filter((record) => createdMs(record) > mark).length;
}

/** The plan's reason once the top-up has read its pages. */
export function describeTopUpDone(topUp: TopUp, newModels: number, pages: number): string {
  const count = newModels.toLocaleString("en-US");
  const read = `${pages.toLocaleString("en-US")} page(s) read`;
  return `top-up sweep: ${count} new models since the sweep of ${topUp.since} (${read}; ${describeFreshSweep(topUp)})`;
}

/**
 * What a sweep that just finished (not cut off by a link loop) leaves as the last complete sweep: a full one (or a
 * top-up that read the whole listing: `topUp` null) starts a new freshness window; a top-up that reached the
 * watermark keeps `previous`'s window and moves its watermark. Null when the state cannot say (an older version's).
 */
export function completedSweep(state: SweepState, topUp: TopUp | null, previous: LastSweep | null): LastSweep | null {
  if (!state.startedAt || !state.watermark) return null;
  if (topUp === null)
    return { sweptAt: state.startedAt, since: state.startedAt, watermark: state.watermark, models: state.models };
  const watermark = Date.parse(state.watermark) > Date.parse(topUp.watermark) ? state.watermark : topUp.watermark;
  const models = (previous?.models ?? 0) + (state.newModels ?? 0);
  return { sweptAt: topUp.sweptAt, since: state.startedAt, watermark, models };
}
