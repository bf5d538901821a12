// The tracked_families table: crawl seeds and `watch --track` ids, tracked even before the Hub knows them.
import type { Db } from "./open-database";
import { prepared } from "./statement-cache";
import { InvalidStoreInputError, assertId } from "./store-errors";

export type TrackedVia = "seed" | "track";

export interface TrackedFamily {
  id: string;
  via: TrackedVia;
  addedAt: string;
}

const TRACK_SQL = "INSERT OR IGNORE INTO tracked_families (id, via, added_at) VALUES (?, ?, ?)";
const LIST_SQL = "SELECT id, via, added_at AS addedAt FROM tracked_families ORDER BY added_at, id";

/** Tracks a family; tracking it again keeps the first date and way it was added. Returns whether it is new. */
export function trackFamily(db: Db, id: string, via: TrackedVia, now: string): boolean {
  assertId(id, "trackFamily");
  if (via !== "seed" && via !== "track") {
    throw new InvalidStoreInputError(
      `trackFamily: via must be "seed" or "track", got ${JSON.stringify(via)}`,
      "via",
      via,
    );
  }
  return prepared(db, TRACK_SQL).run(id, via, now).changes > 0;
}

export function listTrackedFamilies(db: Db): TrackedFamily[] {
  return prepared(db, LIST_SQL).all() as TrackedFamily[];
}
