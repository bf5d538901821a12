// The end of a sweep: its staged pages ingested into models and edges, and dropped, in ONE transaction, so a kill
// leaves them all staged (merged again on the rerun) or all merged. One transaction writes each index page once
// where a commit per listing page rewrote hundreds of random index leaves each time.
import { createBulkLineageWriter, type LineageWriter } from "../db/bulk-lineage-writer";
import { withDeferredIndexes } from "../db/deferred-indexes";
import { estimateModelCount } from "../db/models";
import { clearStagedPages, countStagedRecords, nextStagedPage, stagedRecords } from "../db/sweep-pages";
import { pageStamp, type CrawlContext } from "./crawl-context";
import type { ParsedHubRecord } from "./hub/parse-hub-record";
import { parseHubRecord } from "./hub/parse-hub-record";
import { directWriter, ingestParsedPage, type IngestedModel, type IngestResult } from "./ingest-page";

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
 * leaves them to the triggers and the crawl's count refresh. `parsedPages`: pages the sweep has parsed already, by
 * seq (the others are parsed from their staged text). Returns what it wrote.
 */
export function mergeSweepPages(
  ctx: CrawlContext,
  onPage: (models: IngestedModel[]) => void,
  parsedPages: ReadonlyMap<number, readonly ParsedHubRecord[]> = new Map(),
): MergeResult {
  const { db, key } = ctx;
  const merge = (writer: LineageWriter): MergeResult => {
    const total: MergeResult = { pages: 0, modelsWritten: 0, edgesAdded: 0, edgesRemoved: 0, problems: 0 };
    for (let page = nextStagedPage(db, key, 0); page !== null; page = nextStagedPage(db, key, page.seq)) {
      const fetchedAt = page.fetchedAt;
      const parsed = parsedPages.get(page.seq) ?? stagedRecords(page).map((record) => parseHubRecord(record));
      const result = ingestParsedPage(db, parsed, {
        ...pageStamp(ctx, fetchedAt, NO_REQUESTS),
        refreshCounts: false,
        writer,
        // Every model's children are on the pages of the sweep, so each counts as listed.
        commit: (ingested) => {
          writer.markListed(
            ingested.models.map((model) => model.id),
            fetchedAt,
          );
          onPage(ingested.models);
        },
      });
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
    if (staged * 3 < estimateModelCount(db)) return db.transaction(() => merge(directWriter(db))).immediate();
    // Counts are rebuilt whole at the end, so the bulk writer's rows need no dirty marks.
    return withDeferredIndexes(db, () => {
      const writer = createBulkLineageWriter(db);
      const result = merge(writer);
      writer.flush();
      return result;
    });
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
