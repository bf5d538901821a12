// Per-model lineage figures: direct children per relation (one indexed scan) and transitive counts (one row).
import type { Db } from "./open-database";
import { prepared } from "./statement-cache";
import type { EdgeScope } from "./queries-edges";
import { RELATIONS, type Relation } from "./types";

export interface RelationCounts {
  total: number;
  finetune: number;
  adapter: number;
  quantized: number;
  merge: number;
}

export interface DescendantCounts extends RelationCounts {
  /** Hops from the model down to its farthest descendant; 0 without descendants. */
  maxDepth: number;
}

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

const DESCENDANTS_SQL = `SELECT * FROM descendant_counts WHERE id = ?`;

interface ChildrenRow {
  relation: Relation | null;
  declared: number;
  n: number;
}

type DescendantRow = Record<`${"declared" | "all"}_${Relation | "total" | "max_depth"}`, number>;

export function createCountsReader(db: Db): (id: string, scope: EdgeScope) => LineageCounts {
  const children = prepared(db, CHILDREN_SQL);
  const descendants = prepared(db, DESCENDANTS_SQL);
  return (id, scope) => {
    const direct = emptyCounts();
    let inferredOnlyChildren = 0;
    for (const row of children.all(id) as ChildrenRow[]) {
      if (!row.declared) inferredOnlyChildren += row.n;
      if (!row.declared && !scope.includeInferred) continue;
      direct.total += row.n;
      if (row.relation) direct[row.relation] += row.n;
    }
    const stored = descendants.get(id) as DescendantRow | undefined;
    const prefix = scope.includeInferred ? "all" : "declared";
    const counts: DescendantCounts = { ...emptyCounts(), maxDepth: 0 };
    if (stored) {
      counts.total = stored[`${prefix}_total`];
      for (const relation of RELATIONS) counts[relation] = stored[`${prefix}_${relation}`];
      counts.maxDepth = stored[`${prefix}_max_depth`];
    }
    return {
      children: direct,
      descendants: counts,
      inferredOnly: { children: inferredOnlyChildren, descendants: stored ? stored.all_total - stored.declared_total : 0 },
    };
  };
}
