// Runs a store write in the caller's transaction when there is one, else in its own.
import type { Db } from "./open-database";

/**
 * `fn` inside the open transaction as it stands, or in a transaction of its own when none is open. Nesting
 * db.transaction would open a savepoint, which copies every page it touches to a sub-journal: per model of a
 * page, that was most of a sweep merge's time. Inside a transaction, a throwing `fn` leaves its writes to the
 * caller, whose transaction rolls back when the error leaves it (callers never catch a store error mid-page).
 */
export function withinTransaction<T>(db: Db, fn: () => T): T {
  return db.inTransaction ? fn() : db.transaction(fn)();
}
