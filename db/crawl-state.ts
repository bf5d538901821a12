// The crawl_state table: named cursors and watermarks (a sweep's cursor, the watcher's newest createdAt, ...).
import type { Db } from "./open-database";
import { preparedPluck, prepared } from "./statement-cache";

const GET_SQL = "SELECT value FROM crawl_state WHERE key = ?";
const SET_SQL = `
  INSERT INTO crawl_state (key, value, updated_at) VALUES (?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;

/** The stored value (callers encode structured state as JSON), or null when the key was never set. */
export function getState(db: Db, key: string): string | null {
  return (preparedPluck(db, GET_SQL).get(key) as string | undefined) ?? null;
}

export function setState(db: Db, key: string, value: string, now: string): void {
  prepared(db, SET_SQL).run(key, value, now);
}
