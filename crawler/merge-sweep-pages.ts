// The end of a sweep: its staged pages ingested into models and edges, and dropped, in ONE transaction, so a kill
// leaves them all staged (merged again on the rerun) or all merged. One transaction writes each index page once
// where a commit per listing page rewrote hundreds of random index leaves each time.
import { createBulkLineageWriter, type LineageWriter } from "../db/bulk-lineage-writer";
import { withDeferredIndexes } from "../db/deferred-indexes";
import { clearStagedPages, countStagedRecords, nextStagedPage, stagedRecords } from "../db/sweep-pages";
import { pageStamp, type CrawlContext } from "./crawl-context";
import { parseHubRecord } from "./hub/parse-hub-record";
import {
  commitAppliedPage,
  directWriter,
  ingestParsedPage,
  type AppliedPage,
  type IngestedModel,
  type IngestResult,
} from "./ingest-page";
import { isBulkMerge, type GatheredPages } from "./sweep-gatherer";

/**
 * Page cache for the merge (KiB): the pages it dirties stay in memory until the commit instead of spilling into
 * the WAL (and being rewritten there); SQLite takes only what it touches.
 */
export const MERGE_CACHE_KIB = 1024 * 1024;
const NO_REQUESTS = { requests: 0, retries: 0 };

/** What a merge wrote, summed over its pages (a result without the per-model list). */
export type MergeResult = Omit<IngestResult, "models"> & { pages: number };

/**
 * Merges every staged page of the crawl, in the order they were staged; `onPage` runs in the transaction with each
 * page's models (the crawl enqueues their cards there). A merge of a third of the store or more (a first sweep, a
 * whole-Hub refresh) defers the search index, child ranks and counts to one rebuild at its end; a smaller one
 * leaves them to the triggers and the crawl's count refresh. `gathered`: what the sweep did ahead (pages parsed, or
 * applied to the bulk writer), used where it matches what is staged. Returns what it wrote.
 */
export function mergeSweepPages(
  ctx: CrawlContext,
  onPage: (models: IngestedModel[]) => void,
  gathered: GatheredPages | null = null,
): MergeResult {
  const { db, key } = ctx;
  const merge = (writer: LineageWriter, applied: ReadonlyMap<number, AppliedPage>): MergeResult => {
    const total: MergeResult = { pages: 0, modelsWritten: 0, edgesAdded: 0, edgesRemoved: 0, problems: 0 };
    for (let page = nextStagedPage(db, key, 0); page !== null; page = nextStagedPage(db, key, page.seq)) {
      const fetchedAt = page.fetchedAt;
      const stamp = { ...pageStamp(ctx, fetchedAt, NO_REQUESTS), refreshCounts: false };
      const ready = applied.get(page.seq);
      const result = ready
        ? commitAppliedPage(db, ready, { ...stamp, commit: (ingested) => onPage(ingested.models) })
        : ingestParsedPage(
            db,
            gathered?.parsed.get(page.seq) ?? stagedRecords(page).map((record) => parseHubRecord(record)),
            {
              ...stamp,
              writer,
              // Every model's children are on the pages of the sweep, so each counts as listed.
              commit: (ingested) => {
                writer.markListed(
                  ingested.models.map((model) => model.id),
                  fetchedAt,
                );
                onPage(ingested.models);
              },
            },
          );
      total.pages++;
      total.modelsWritten += result.modelsWritten;
      total.edgesAdded += result.edgesAdded;
      total.edgesRemoved += result.edgesRemoved;
      total.problems += result.problems;
    }
    clearStagedPages(db, key);
    return total;
  };
  const staged = countStagedRecords(db, key);
  if (staged === 0) return { pages: 0, modelsWritten: 0, edgesAdded: 0, edgesRemoved: 0, problems: 0 };
  const cacheSize = db.pragma("cache_size", { simple: true }) as number;
  db.pragma(`cache_size = -${MERGE_CACHE_KIB}`);
  try {
    if (!isBulkMerge(db, staged)) return db.transaction(() => merge(directWriter(db), new Map())).immediate();
    // The sweep's writer holds every staged page when its records are all that is staged (it applied them in
    // staging order); else the merge applies them to a fresh one.
    const isGathered = gathered?.writer != null && gathered.appliedRecords === staged;
    // Counts are rebuilt whole at the end, so the bulk writer's rows need no dirty marks.
    return withDeferredIndexes(db, () => {
      const writer = isGathered && gathered.writer ? gathered.writer : createBulkLineageWriter(db);
      const result = merge(writer, isGathered ? gathered.applied : new Map());
      writer.flush();
      return result;
    });
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
