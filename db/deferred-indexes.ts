// Bulk writes with the derived tables (links, search index, child ranks, descendant counts, org counts) brought up
// to date once, at the end of the same transaction, instead of by triggers on every row.
import { rebuildDescendantCounts } from "./counts/descendant-counts";
import { orgCountsOf, storeOrgCounts } from "./counts/org-counts";
import { journalGraphReset } from "./graph/update-lineage-graph";
import { dropSchemaObjects } from "./drop-schema-objects";
import type { Db } from "./open-database";
import { linksFromEdgesSql } from "./source-precedence-sql";
import { prepared } from "./statement-cache";

// The triggers that keep models_search, child_ranks, links and the org counts' stale mark in step row by row
// (migrations 1, 3, 5 and 6) and the graph change journal's (8; one reset row instead). A trigger not named here
// keeps firing, which is only slower.
const DEFERRED_TRIGGERS = [
  "models_search_insert",
  "links_edge_insert",
  "links_edge_update",
  "links_edge_delete",
  "org_counts_edge_insert",
  "org_counts_edge_delete",
  "org_counts_edge_update",
  "org_counts_model_insert",
  "org_counts_model_delete",
  "org_counts_model_update",
  "child_ranks_edge_insert",
  "child_ranks_edge_delete",
  "child_ranks_model_insert",
  "child_ranks_model_update",
  "child_ranks_model_delete",
  "child_ranks_counts_insert",
  "child_ranks_counts_update",
  "child_ranks_counts_delete",
  "graph_changes_link_insert",
  "graph_changes_link_update",
  "graph_changes_link_delete",
  "graph_changes_counts_insert",
  "graph_changes_counts_update",
  "graph_changes_counts_delete",
  "graph_changes_model_insert",
  "graph_changes_model_update",
  "graph_changes_model_delete",
];
// Secondary indexes of tables the write or the rebuilds fill: built once by sorting at the end instead of by a
// random insert per row. edges_child stays: a bulk write reads a child's stored edges through it.
const DEFERRED_INDEXES = [
  "models_author",
  "models_created",
  "links_child",
  "child_ranks_child",
  "child_ranks_declared",
  "child_ranks_all",
  "descendant_counts_declared",
];
const CLEAR_RANKS_SQL = "DELETE FROM child_ranks";
// As migration 3 fills child_ranks: one row per (parent, child) pair, declared when a tag or card edge backs it.
const FILL_RANKS_SQL = `
  INSERT INTO child_ranks (parent, child, declared, declared_total, all_total, downloads)
    SELECT e.parent, e.child, max(e.source <> 'inferred'), coalesce(dc.declared_total, 0), coalesce(dc.all_total, 0),
           m.downloads
    FROM edges AS e LEFT JOIN descendant_counts AS dc ON dc.id = e.child LEFT JOIN models AS m ON m.id = e.child
    GROUP BY e.parent, e.child`;
// links is a function of edges (one row per pair, its strongest source): rebuilt whole, as migration 6 filled it.
const CLEAR_LINKS_SQL = "DELETE FROM links";
const FILL_LINKS_SQL = linksFromEdgesSql("");
const REBUILD_SEARCH_SQL = "INSERT INTO models_search(models_search) VALUES ('rebuild')";

/**
 * Runs `write` in one transaction with the row-by-row triggers of links, the search index, child ranks and the org
 * counts dropped, then rebuilds links, descendant counts, org counts, child ranks and the search index from the
 * tables and restores the triggers, in the
 * same transaction, with the secondary indexes of those tables dropped meanwhile and rebuilt last: other connections
 * never see the triggers or indexes gone, and a kill rolls all of it back. Each rebuild
 * costs a pass over its table, so this pays when `write` touches a good share of the store (a sweep's merge).
 */
export function withDeferredIndexes<T>(db: Db, write: () => T): T {
  return db
    .transaction((): T => {
      const restoreTriggers = dropSchemaObjects(db, "trigger", DEFERRED_TRIGGERS);
      const restoreIndexes = dropSchemaObjects(db, "index", DEFERRED_INDEXES);
      const result = write();
      prepared(db, CLEAR_LINKS_SQL).run();
      prepared(db, FILL_LINKS_SQL).run();
      // Org counts walk the graph the descendant counts read: the edges are read once for both.
      const graph = rebuildDescendantCounts(db);
      storeOrgCounts(db, orgCountsOf(db, graph));
      prepared(db, CLEAR_RANKS_SQL).run();
      prepared(db, FILL_RANKS_SQL).run();
      prepared(db, REBUILD_SEARCH_SQL).run();
      // The graph change journal's triggers were dropped meanwhile: cached graphs read the graph whole.
      journalGraphReset(db);
      restoreIndexes();
      restoreTriggers();
      return result;
    })
    .immediate();
}
