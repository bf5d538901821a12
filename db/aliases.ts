// Renamed models: the aliases table, id resolution through it, and moving a renamed model's edges to its new id.
import type { Db } from "./open-database";
import { markChildDirty, markSubtreeDirty } from "./counts/counts-dirty";
import { idKey } from "../lineage/id-key";
import { prepared, preparedPluck } from "./statement-cache";
import { assertId } from "./store-errors";

/** Longest alias chain followed; recordAlias keeps chains at one hop, so this only guards against odd data. */
export const MAX_ALIAS_HOPS = 16;

const ALIAS_TARGET_SQL = "SELECT new_id FROM aliases WHERE old_id = ?";
const DELETE_ALIAS_SQL = "DELETE FROM aliases WHERE old_id = ?";
const UPSERT_ALIAS_SQL = `
  INSERT INTO aliases (old_id, new_id, seen_at) VALUES (?, ?, ?)
  ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, seen_at = excluded.seen_at`;
const REPOINT_ALIASES_SQL = "UPDATE aliases SET new_id = ? WHERE new_id = ?";
const MODEL_ID_SQL = "SELECT id FROM models WHERE id = ?";
const PARENT_ID_SQL = "SELECT parent FROM edges WHERE parent = ? LIMIT 1";
const CHILD_ID_SQL = "SELECT child FROM edges WHERE child = ? LIMIT 1";
const PARENTS_OF_SQL = "SELECT DISTINCT parent FROM edges WHERE child = ?";
const CHILDREN_OF_SQL = "SELECT DISTINCT child FROM edges WHERE parent = ?";
// A pair already stored under the new id keeps its own relation and evidence; only its seen-dates widen.
const MOVE_UP_EDGES_SQL = `
  INSERT INTO edges (parent, child, source, relation, confidence, evidence, first_seen, last_seen)
  SELECT CASE WHEN parent = @old THEN @new ELSE parent END, @new, source, relation, confidence, evidence,
         first_seen, last_seen
  FROM edges WHERE child = @old
  ON CONFLICT (parent, child, source) DO UPDATE SET
    first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)`;
const DELETE_UP_EDGES_SQL = "DELETE FROM edges WHERE child = ?";
const MOVE_DOWN_EDGES_SQL = `
  INSERT INTO edges (parent, child, source, relation, confidence, evidence, first_seen, last_seen)
  SELECT @new, child, source, relation, confidence, evidence, first_seen, last_seen
  FROM edges WHERE parent = @old
  ON CONFLICT (parent, child, source) DO UPDATE SET
    first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)`;
const DELETE_DOWN_EDGES_SQL = "DELETE FROM edges WHERE parent = ?";
const DELETE_MODEL_SQL = "DELETE FROM models WHERE id = ?";
const RENAME_MODEL_SQL = "UPDATE models SET id = ? WHERE id = ?";
const DELETE_COUNTS_SQL = "DELETE FROM descendant_counts WHERE id = ?";
const MOVE_TRACKED_SQL = `
  INSERT OR IGNORE INTO tracked_families (id, via, added_at)
  SELECT ?, via, added_at FROM tracked_families WHERE id = ?`;
const DELETE_TRACKED_SQL = "DELETE FROM tracked_families WHERE id = ?";

/**
 * Records that the Hub renamed `oldId` to `newId` (a 307): the old id becomes an alias, and the old id's edges,
 * model row and tracked family move to the new id, so a family is never split across two names. Descendant counts
 * of everything touched are marked for the next refreshDescendantCounts. A case-only change is not an alias.
 */
export function recordAlias(db: Db, oldId: string, newId: string, now: string): void {
  assertId(oldId, "recordAlias");
  assertId(newId, "recordAlias");
  if (idKey(oldId) === idKey(newId)) return;
  db.transaction(() => {
    // The new id is live, so it can no longer be an alias (a model renamed back and forth).
    prepared(db, DELETE_ALIAS_SQL).run(newId);
    prepared(db, UPSERT_ALIAS_SQL).run(oldId, newId, now);
    prepared(db, REPOINT_ALIASES_SQL).run(newId, oldId);

    const parents = preparedPluck(db, PARENTS_OF_SQL).all(oldId) as string[];
    const children = preparedPluck(db, CHILDREN_OF_SQL).all(oldId) as string[];
    prepared(db, MOVE_UP_EDGES_SQL).run({ old: oldId, new: newId });
    prepared(db, DELETE_UP_EDGES_SQL).run(oldId);
    prepared(db, MOVE_DOWN_EDGES_SQL).run({ old: oldId, new: newId });
    prepared(db, DELETE_DOWN_EDGES_SQL).run(oldId);
    for (const parent of parents) markSubtreeDirty(db, parent);
    for (const child of children) markChildDirty(db, child, true);
    markSubtreeDirty(db, newId);
    markSubtreeDirty(db, oldId);

    if (preparedPluck(db, MODEL_ID_SQL).get(oldId)) {
      if (preparedPluck(db, MODEL_ID_SQL).get(newId)) prepared(db, DELETE_MODEL_SQL).run(oldId);
      else prepared(db, RENAME_MODEL_SQL).run(newId, oldId);
    }
    prepared(db, DELETE_COUNTS_SQL).run(oldId);
    prepared(db, MOVE_TRACKED_SQL).run(newId, oldId);
    prepared(db, DELETE_TRACKED_SQL).run(oldId);
  })();
}

/** Follows aliases only: the id a model goes by now, or `id` itself when it was never renamed (or the chain loops). */
export function canonicalId(db: Db, id: string): string {
  return followAliases(db, id) ?? id;
}

/**
 * The canonical id (the stored spelling) when the id, or an alias of it, is known: a stored model, a parent that
 * edges point at, or an alias target. Null when nothing is known, or when an alias chain loops or is too long.
 */
export function resolveId(db: Db, id: string): string | null {
  const target = followAliases(db, id);
  if (target === null) return null;
  const known =
    (preparedPluck(db, MODEL_ID_SQL).get(target) as string | undefined) ??
    (preparedPluck(db, PARENT_ID_SQL).get(target) as string | undefined) ??
    (preparedPluck(db, CHILD_ID_SQL).get(target) as string | undefined);
  if (known !== undefined) return known;
  return idKey(target) === idKey(id) ? null : target;
}

/** The end of the alias chain from `id` (id itself without aliases); null on a loop or past MAX_ALIAS_HOPS. */
function followAliases(db: Db, id: string): string | null {
  const target = preparedPluck(db, ALIAS_TARGET_SQL);
  const seen = new Set<string>([idKey(id)]);
  let current = id;
  for (let hop = 0; hop <= MAX_ALIAS_HOPS; hop++) {
    const next = target.get(current) as string | undefined;
    if (next === undefined) return current;
    if (seen.has(idKey(next))) return null;
    seen.add(idKey(next));
    current = next;
  }
  return null;
}
