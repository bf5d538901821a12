// The crawl frontier of a run key: models still to list (down), read (up) or fetch a card for, in breadth-first order.
import type { Db } from "./open-database";
import { prepared, preparedPluck } from "./statement-cache";
import { withinTransaction } from "./within-transaction";
import { InvalidStoreInputError, assertId } from "./store-errors";

export const FRONTIER_DIRECTIONS = ["down", "up", "card"] as const;
export type FrontierDirection = (typeof FRONTIER_DIRECTIONS)[number];

export interface FrontierItem {
  direction: FrontierDirection;
  id: string;
  depth: number;
  /** Absolute URL of the next page of a listing left part-way; null when not started. */
  cursor: string | null;
}

export interface FrontierSize {
  pending: number;
  done: number;
}

// Each max through frontier_pending in one seek. SQL's max(a, b) is NULL when either is, hence a coalesce each: with
// one outside, every item enqueued before the first was done took seq 1 and came out in id order.
const NEXT_SEQ_SQL = `
  SELECT max(coalesce((SELECT max(seq) FROM frontier WHERE key = @key AND done = 0), 0),
             coalesce((SELECT max(seq) FROM frontier WHERE key = @key AND done = 1), 0)) + 1`;
const ENQUEUE_SQL = `
  INSERT OR IGNORE INTO frontier (key, direction, id, depth, cursor, done, seq) VALUES (?, ?, ?, ?, NULL, 0, ?)`;
const PENDING_SQL = `
  SELECT direction, id, depth, cursor FROM frontier WHERE key = ? AND done = 0 ORDER BY seq LIMIT ?`;
const PENDING_OF_DIRECTION_SQL = `
  SELECT direction, id, depth, cursor FROM frontier WHERE key = ? AND done = 0 AND direction = ? ORDER BY seq LIMIT ?`;
const SET_CURSOR_SQL = "UPDATE frontier SET cursor = ? WHERE key = ? AND direction = ? AND id = ?";
const MARK_DONE_SQL = "UPDATE frontier SET done = 1, cursor = NULL WHERE key = ? AND direction = ? AND id = ?";
const CLEAR_SQL = "DELETE FROM frontier WHERE key = ?";
const SIZE_SQL = `
  SELECT coalesce(sum(done = 0), 0) AS pending, coalesce(sum(done = 1), 0) AS done FROM frontier WHERE key = ?`;

/**
 * Adds items at the back of the queue; an item already there (pending or done, any case) is left as it is. In the
 * caller's transaction when there is one (a page's, or a walk's page batch), so no savepoint is opened.
 */
export function enqueue(
  db: Db,
  key: string,
  items: { direction: FrontierDirection; id: string; depth: number }[],
): number {
  return withinTransaction(db, () => {
    let seq = preparedPluck(db, NEXT_SEQ_SQL).get({ key }) as number;
    let added = 0;
    for (const item of items) {
      validateDirection(item.direction, "enqueue");
      assertId(item.id, "enqueue");
      if (!Number.isSafeInteger(item.depth) || item.depth < 0) {
        throw new InvalidStoreInputError(
          `enqueue: depth of ${item.id} must be a whole number >= 0`,
          "depth",
          item.depth,
        );
      }
      if (prepared(db, ENQUEUE_SQL).run(key, item.direction, item.id, item.depth, seq).changes > 0) {
        seq++;
        added++;
      }
    }
    return added;
  });
}

/** The oldest pending items (of one direction when given), at most `limit`. */
export function nextPending(
  db: Db,
  key: string,
  direction: FrontierDirection | undefined,
  limit: number,
): FrontierItem[] {
  if (direction !== undefined) {
    validateDirection(direction, "nextPending");
    return prepared(db, PENDING_OF_DIRECTION_SQL).all(key, direction, limit) as FrontierItem[];
  }
  return prepared(db, PENDING_SQL).all(key, limit) as FrontierItem[];
}

/** Saves where a listing got to (the next page's URL), in the transaction that stored the page. */
export function setCursor(db: Db, key: string, direction: FrontierDirection, id: string, cursor: string | null): void {
  prepared(db, SET_CURSOR_SQL).run(cursor, key, direction, id);
}

export function markDone(db: Db, key: string, direction: FrontierDirection, id: string): void {
  prepared(db, MARK_DONE_SQL).run(key, direction, id);
}

export function clearFrontier(db: Db, key: string): void {
  prepared(db, CLEAR_SQL).run(key);
}

export function countFrontier(db: Db, key: string): FrontierSize {
  return prepared(db, SIZE_SQL).get(key) as FrontierSize;
}

function validateDirection(direction: string, where: string): void {
  if (!(FRONTIER_DIRECTIONS as readonly string[]).includes(direction)) {
    throw new InvalidStoreInputError(
      `${where}: direction must be one of ${FRONTIER_DIRECTIONS.join(", ")}`,
      "direction",
      direction,
    );
  }
}
