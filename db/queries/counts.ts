// Per-model lineage figures: direct children per relation (one indexed scan) and transitive counts (one row).
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";
import type { EdgeScope } from "./edges";
import { getDescendantCounts, type DescendantCounts, type RelationCounts } from "../counts/descendant-counts";
import type { Relation } from "../../lineage/types";

export type { RelationCounts };

export interface LineageCounts {
  /** Distinct direct children, each under the relation of its preferred edge from this model. */
  children: RelationCounts;
  /** Read from descendant_counts, maintained by the store: no recursion at read time. */
  descendants: DescendantCounts;
  /** Children and descendants reached only through inferred edges (whatever the scope). */
  inferredOnly: { children: number; descendants: number };
}

export function emptyCounts(): RelationCounts {
  return { total: 0, finetune: 0, adapter: 0, quantized: 0, merge: 0 };
}

// One row per distinct child: SQLite's bare-column rule gives `relation` from the row holding min(rank),
// i.e. the preferred source (tag > card > inferred); rank < 2 means the child has a declared edge.
const CHILDREN_SQL = `
  SELECT relation, rank < 2 AS declared, count(*) AS n FROM (
    SELECT child, relation, min(CASE source WHEN 'tag' THEN 0 WHEN 'card' THEN 1 ELSE 2 END) AS rank
    FROM edges WHERE parent = ? GROUP BY child
  ) GROUP BY relation, declared`;

interface ChildrenRow {
  relation: Relation | null;
  declared: number;
  n: number;
}

export function createCountsReader(db: Db): (id: string, scope: EdgeScope) => LineageCounts {
  const children = prepared(db, CHILDREN_SQL);
  return (id, scope) => {
    const direct = emptyCounts();
    let inferredOnlyChildren = 0;
    for (const row of children.all(id) as ChildrenRow[]) {
      if (!row.declared) inferredOnlyChildren += row.n;
      if (!row.declared && !scope.includeInferred) continue;
      direct.total += row.n;
      if (row.relation) direct[row.relation] += row.n;
    }
    const declared = getDescendantCounts(db, id);
    const all = getDescendantCounts(db, id, { includeInferred: true });
    return {
      children: direct,
      descendants: scope.includeInferred ? all : declared,
      inferredOnly: { children: inferredOnlyChildren, descendants: all.total - declared.total },
    };
  };
}
