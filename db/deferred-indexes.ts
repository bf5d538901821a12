// Bulk writes with the derived indexes (search index, child ranks, descendant counts) brought up to date once, at
// the end of the same transaction, instead of by triggers on every row.
import { rebuildDescendantCounts } from "./counts/descendant-counts";
import type { Db } from "./open-database";
import { prepared } from "./statement-cache";

// The triggers that keep models_search and child_ranks in step row by row (migrations 1 and 3). A trigger not
// named here keeps firing, which is only slower.
const DEFERRED_TRIGGERS = [
  "models_search_insert",
  "child_ranks_edge_insert",
  "child_ranks_edge_delete",
  "child_ranks_model_insert",
  "child_ranks_model_update",
  "child_ranks_model_delete",
  "child_ranks_counts_insert",
  "child_ranks_counts_update",
  "child_ranks_counts_delete",
];
const TRIGGERS_SQL =
  `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ` +
  `(${DEFERRED_TRIGGERS.map(() => "?").join(", ")})`;
const CLEAR_RANKS_SQL = "DELETE FROM child_ranks";
// As migration 3 fills child_ranks: one row per (parent, child) pair, declared when a tag or card edge backs it.
const FILL_RANKS_SQL = `
  INSERT INTO child_ranks (parent, child, declared, declared_total, all_total, downloads)
    SELECT e.parent, e.child, max(e.source <> 'inferred'), coalesce(dc.declared_total, 0), coalesce(dc.all_total, 0),
           m.downloads
    FROM edges AS e LEFT JOIN descendant_counts AS dc ON dc.id = e.child LEFT JOIN models AS m ON m.id = e.child
    GROUP BY e.parent, e.child`;
const REBUILD_SEARCH_SQL = "INSERT INTO models_search(models_search) VALUES ('rebuild')";

/**
 * Runs `write` in one transaction with the row-by-row triggers of the search index and child ranks dropped, then
 * rebuilds descendant counts, child ranks and the search index from the tables and restores the triggers, in the
 * same transaction: other connections never see the triggers gone, and a kill rolls all of it back. Each rebuild
 * costs a pass over its table, so this pays when `write` touches a good share of the store (a sweep's merge).
 */
export function withDeferredIndexes<T>(db: Db, write: () => T): T {
  return db
    .transaction((): T => {
      const triggers = prepared(db, TRIGGERS_SQL).all(...DEFERRED_TRIGGERS) as { name: string; sql: string }[];
      for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
      const result = write();
      rebuildDescendantCounts(db);
      prepared(db, CLEAR_RANKS_SQL).run();
      prepared(db, FILL_RANKS_SQL).run();
      prepared(db, REBUILD_SEARCH_SQL).run();
      for (const { sql } of triggers) db.exec(sql);
      return result;
    })
    .immediate();
}
