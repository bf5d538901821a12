// Which model cards a crawl has read, at which repository version, so that a rerun reads new and changed cards only.
import type { Db } from "./open-database";
import { prepared, preparedPluck } from "./statement-cache";
import { assertId } from "./store-errors";

/** A listed model's repository version, as its record gives it (either may be null). */
export interface CardVersion {
  id: string;
  sha: string | null;
  lastModified: string | null;
}

// The version read is the models row's at that moment (a record without a sha keeps the stored one, so the row is
// what a later listing is compared with).
const RECORD_SQL = `
  INSERT INTO cards_read (id, sha, last_modified, with_inference, read_at)
  VALUES (@id, (SELECT sha FROM models WHERE id = @id), (SELECT last_modified FROM models WHERE id = @id),
          @withInference, @now)
  ON CONFLICT (id) DO UPDATE SET
    sha = excluded.sha, last_modified = excluded.last_modified, with_inference = excluded.with_inference,
    read_at = excluded.read_at`;

// One statement for a whole page: each candidate [id, sha, lastModified] is looked up in cards_read by its key. A
// card counts as read when its sha matches (or, for a record without one, its lastModified does; for a record
// with neither, when any read is stored: nothing says it changed), and the read inferred if this crawl infers.
const UNREAD_SQL = `
  SELECT c.value ->> 0 FROM json_each(@candidates) AS c
  WHERE NOT EXISTS (
    SELECT 1 FROM cards_read AS r
    WHERE r.id = c.value ->> 0 AND (r.with_inference = 1 OR @withInference = 0)
      AND CASE WHEN c.value ->> 1 IS NOT NULL THEN r.sha IS c.value ->> 1
               WHEN c.value ->> 2 IS NOT NULL THEN r.last_modified IS c.value ->> 2
               ELSE 1 END)
  ORDER BY c.key`;

/**
 * Marks the card work of `id` done at the model's stored version; call it in the transaction that stores what the
 * card gave (or the problem it caused). `withInference`: the crawl searched the card for undeclared parents.
 */
export function recordCardRead(db: Db, id: string, withInference: boolean, now: string): void {
  assertId(id, "recordCardRead");
  prepared(db, RECORD_SQL).run({ id, withInference: withInference ? 1 : 0, now });
}

/**
 * The ids of `models` whose card was never read, or read at another version, or (when `withInference`) read by a
 * crawl that did not infer; in the order given.
 */
export function findCardsToRead(db: Db, models: readonly CardVersion[], withInference: boolean): string[] {
  if (models.length === 0) return [];
  const candidates = JSON.stringify(models.map((model) => [model.id, model.sha, model.lastModified]));
  return preparedPluck(db, UNREAD_SQL).all({ candidates, withInference: withInference ? 1 : 0 }) as string[];
}
