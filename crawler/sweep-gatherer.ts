// A sweep's pages, parsed and (for a bulk merge) applied to the merge's bulk writer as each one is staged, while the
// next page downloads, so that the merge at the sweep's end only records, writes and rebuilds.
import { createBulkLineageWriter, type BulkLineageWriter } from "../db/bulk-lineage-writer";
import { estimateModelCount } from "../db/models";
import type { Db } from "../db/open-database";
import { nextStagedPage, stagedRecords } from "../db/sweep-pages";
import type { ParsedHubRecord } from "./hub/parse-hub-record";
import { parseHubRecord } from "./hub/parse-hub-record";
import { applyParsedPage, type AppliedPage } from "./ingest-page";

/** What a sweep has done ahead of its merge; the merge takes what matches the pages it finds staged. */
export interface GatheredPages {
  /**
   * The bulk writer every staged page of the key was applied to, in staging order (null: none, or a page failed
   * to apply, and the merge applies them itself, meeting the same error in its transaction).
   */
  writer: BulkLineageWriter | null;
  /** Applied pages by seq (with `writer`). */
  applied: Map<number, AppliedPage>;
  /** Records over the applied pages: the merge uses `writer` only when they are all it finds staged. */
  appliedRecords: number;
  /** Pages parsed but not applied (no bulk merge expected), by seq: the merge does not parse them again. */
  parsed: Map<number, readonly ParsedHubRecord[]>;
}

export interface SweepGatherer {
  /** Takes a page just staged (after its transaction committed). */
  add(seq: number, fetchedAt: string, parsed: readonly ParsedHubRecord[], records: number): void;
  readonly gathered: GatheredPages;
}

/** A merge of `records` staged records stores them in bulk (and rebuilds what derives from them) when true. */
export function isBulkMerge(db: Db, records: number): boolean {
  return records * 3 >= estimateModelCount(db);
}

/**
 * A gatherer for `key`'s sweep. `expectedRecords`: what the merge will find staged when the sweep finishes (the
 * pages staged already and those still to come); when that makes a bulk merge, pages a killed run staged are
 * applied first, here, so that every page is applied in staging order, as the merge would.
 */
export function createSweepGatherer(db: Db, key: string, runStartedAt: string, expectedRecords: number): SweepGatherer {
  const gathered: GatheredPages = { writer: null, applied: new Map(), appliedRecords: 0, parsed: new Map() };
  const isBulk = isBulkMerge(db, expectedRecords);
  const apply = (seq: number, fetchedAt: string, parsed: readonly ParsedHubRecord[], records: number) => {
    const writer = gathered.writer;
    if (writer === null) return;
    try {
      const applied = applyParsedPage(writer, parsed, fetchedAt, runStartedAt);
      // Every model's children are on the pages of the sweep, so each counts as listed.
      writer.markListed(
        applied.result.models.map((model) => model.id),
        fetchedAt,
      );
      gathered.applied.set(seq, applied);
      gathered.appliedRecords += records;
    } catch {
      // Left to the merge, which applies every page again in its transaction and fails there, as it would have.
      gathered.writer = null;
      gathered.applied.clear();
    }
  };
  if (isBulk) {
    gathered.writer = createBulkLineageWriter(db);
    for (let page = nextStagedPage(db, key, 0); page !== null; page = nextStagedPage(db, key, page.seq)) {
      const records = stagedRecords(page);
      apply(
        page.seq,
        page.fetchedAt,
        records.map((record) => parseHubRecord(record)),
        records.length,
      );
    }
  }
  return {
    gathered,
    add(seq, fetchedAt, parsed, records) {
      if (isBulk) apply(seq, fetchedAt, parsed, records);
      else gathered.parsed.set(seq, parsed);
    },
  };
}
