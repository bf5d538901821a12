// A model's lineage figures with its direct children counted on the cached lineage graph: createCountsReader's
// answer without the scan of the model's links joined to every child's parent links (100k rows for a large base).
import { countedRelationCode, foldCountedRelation, relationCode, relationOfCode } from "../../lineage/counted-relation";
import type { Db } from "../open-database";
import { emptyCounts, type LineageCounts, withDescendants } from "../queries/counts";
import type { EdgeScope } from "../queries/edges";
import { INFERRED_RANK, isRowInScope, type LineageGraph, RELATION_BY_CODE, SOURCE_BY_RANK } from "./lineage-graph";

/** What createCountsReader(db)(id, scope) answers, its direct children read from `graph` (kept up to date). */
export function readLineageCountsInGraph(db: Db, graph: LineageGraph, id: string, scope: EdgeScope): LineageCounts {
  const direct = emptyCounts();
  let inferredOnlyChildren = 0;
  const v = graph.ids.find(id);
  for (let k = v < 0 ? 0 : graph.childStart[v]; v >= 0 && k < graph.childStart[v + 1]; k++) {
    const row = graph.childRows[k];
    const child = graph.rowChild[row];
    if (child === v) continue;
    if (graph.rowRank[row] === INFERRED_RANK) {
      inferredOnlyChildren++;
      if (!scope.includeInferred) continue;
    }
    direct.total++;
    // The child's relation folds all its parent links in scope (countedRelation), self-loops aside.
    let state = 0;
    for (let j = graph.parentStart[child]; j < graph.parentStart[child + 1]; j++) {
      const parentRow = graph.parentRows[j];
      const rank = graph.rowRank[parentRow];
      if (graph.rowParent[parentRow] === child || !isRowInScope(graph, parentRow, scope)) continue;
      state = foldCountedRelation(
        state,
        SOURCE_BY_RANK[rank],
        relationCode(RELATION_BY_CODE[graph.rowRelation[parentRow]]),
      );
    }
    const relation = relationOfCode(countedRelationCode(state));
    if (relation) direct[relation]++;
  }
  return withDescendants(db, id, scope, direct, inferredOnlyChildren);
}

/** Whether `id` has a parent link in scope other than a self-loop (the SQL leaderboard's HAS_PARENT, on the graph). */
export function hasParentInGraph(graph: LineageGraph, id: string, scope: EdgeScope): boolean {
  const v = graph.ids.find(id);
  for (let k = v < 0 ? 0 : graph.parentStart[v]; v >= 0 && k < graph.parentStart[v + 1]; k++) {
    const row = graph.parentRows[k];
    if (graph.rowParent[row] !== v && isRowInScope(graph, row, scope)) return true;
  }
  return false;
}
