// Runs a store write in the caller's transaction when there is one, else in its own.
import type { Db } from "./open-database";

/**
 * `fn` inside the open transaction as it stands, or in a transaction of its own when none is open (`immediate`: one
 * that takes the write lock at once, for a write that reads first). Nesting db.transaction would open a savepoint,
 * which copies every page it touches to a sub-journal kept until the savepoint ends: per model of a page, that was
 * most of a sweep merge's time, and in the end-of-crawl count refresh each row write grew slower with the rows before
 * it (240 µs a row for the first 2,000 of a 62k family's count rows, 6,200 µs for the last 2,000: 15-68 s, against
 * 1 s outside a savepoint). Inside a transaction, a throwing `fn` leaves its writes to the caller, whose transaction
 * rolls back when the error leaves it (callers never catch a store error mid-page).
 */
export function withinTransaction<T>(db: Db, fn: () => T, { immediate = false } = {}): T {
  if (db.inTransaction) return fn();
  const transaction = db.transaction(fn);
  return immediate ? transaction.immediate() : transaction();
}
