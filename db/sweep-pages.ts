// The sweep_pages table: a sweep's listing pages, staged as fetched until the sweep merges them into the store.
import { promisify } from "node:util";
import { gunzipSync, gzip as gzipCallback, gzipSync } from "node:zlib";
import type { Db } from "./open-database";
import { prepared, preparedPluck } from "./statement-cache";

export interface StagedPage {
  seq: number;
  fetchedAt: string;
  /** The page's records: a JSON array, gzipped (text from a version that staged it plain); see stagedRecords. */
  records: string | Buffer;
}

// Level 1: a page's JSON shrinks about fivefold for little CPU, and staged pages are most of what a sweep writes
// before its merge.
const GZIP_LEVEL = 1;

const STAGE_SQL = "INSERT INTO sweep_pages (key, fetched_at, models, records) VALUES (?, ?, ?, ?)";
const COUNT_SQL = "SELECT coalesce(sum(models), 0) FROM sweep_pages WHERE key = ?";
const NEXT_SQL = `
  SELECT seq, fetched_at AS fetchedAt, records FROM sweep_pages WHERE key = ? AND seq > ? ORDER BY seq LIMIT 1`;
const CLEAR_SQL = "DELETE FROM sweep_pages WHERE key = ?";

const gzip = promisify(gzipCallback);

/**
 * A page's records as stageSweepPage stores them, compressed on libuv's thread pool: a sweep packs a page while the
 * next downloads, off the thread that parses and applies pages. `records`: the records, or the JSON array of them
 * as the Hub served it (staged as is: neither written out again nor copied into a string first).
 */
export function packSweepPage(records: readonly unknown[] | Uint8Array): Promise<Buffer> {
  return gzip(records instanceof Uint8Array ? records : JSON.stringify(records), { level: GZIP_LEVEL });
}

/**
 * Appends a page of `key`'s sweep and returns its seq; pages are merged back in the order they were staged.
 * `packed`: the records already packed by packSweepPage (else they are packed here).
 */
export function stageSweepPage(
  db: Db,
  key: string,
  fetchedAt: string,
  records: readonly unknown[],
  packed: Buffer = gzipSync(JSON.stringify(records), { level: GZIP_LEVEL }),
): number {
  return Number(prepared(db, STAGE_SQL).run(key, fetchedAt, records.length, packed).lastInsertRowid);
}

/** The records of a staged page. */
export function stagedRecords(page: StagedPage): unknown[] {
  const text = typeof page.records === "string" ? page.records : gunzipSync(page.records).toString("utf8");
  return JSON.parse(text) as unknown[];
}

/** Records staged for `key`, over all its pages. */
export function countStagedRecords(db: Db, key: string): number {
  return preparedPluck(db, COUNT_SQL).get(key) as number;
}

/** The first page of `key` staged after `afterSeq` (0: the first of all), or null. */
export function nextStagedPage(db: Db, key: string, afterSeq: number): StagedPage | null {
  return (prepared(db, NEXT_SQL).get(key, afterSeq) as StagedPage | undefined) ?? null;
}

/** Forgets every staged page of `key` (merged, or left by a crawl that starts afresh). */
export function clearStagedPages(db: Db, key: string): void {
  prepared(db, CLEAR_SQL).run(key);
}
