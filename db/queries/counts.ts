// Per-model lineage figures: direct children per relation (one indexed scan) and transitive counts (one row).
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";
import type { EdgeScope } from "./edges";
import { getDescendantCounts, type DescendantCounts, type RelationCounts } from "../counts/descendant-counts";
import { countedRelation, type CountedLink } from "../../lineage/counted-relation";
import type { EdgeSource, Relation } from "../../lineage/types";

export type { RelationCounts };

export interface LineageCounts {
  /** Distinct direct children (self-loops aside), each under the relation it counts under as a descendant too
   *  (countedRelation), so that direct children of a relation never outnumber the descendants of it. */
  children: RelationCounts;
  /** Read from descendant_counts, maintained by the store: no recursion at read time. */
  descendants: DescendantCounts;
  /** Children and descendants reached only through inferred edges (whatever the scope). */
  inferredOnly: { children: number; descendants: number };
}

export function emptyCounts(): RelationCounts {
  return { total: 0, finetune: 0, adapter: 0, quantized: 0, merge: 0 };
}

// Each child's link from this model, with every parent link of that child (one per pair), child by child.
const CHILDREN_SQL = `
  SELECT c.child, c.source = 'inferred' AS inferredOnly, p.relation, p.source
  FROM links AS c JOIN links AS p ON p.child = c.child AND p.parent <> p.child
  WHERE c.parent = ? AND c.child <> c.parent
  ORDER BY c.child`;

interface ChildrenRow {
  child: string;
  inferredOnly: number;
  relation: Relation | null;
  source: EdgeSource;
}

export function createCountsReader(db: Db): (id: string, scope: EdgeScope) => LineageCounts {
  const children = prepared(db, CHILDREN_SQL);
  return (id, scope) => {
    const direct = emptyCounts();
    let inferredOnlyChildren = 0;
    const rows = children.all(id) as ChildrenRow[];
    for (let i = 0; i < rows.length; ) {
      const first = rows[i];
      const links: CountedLink[] = [];
      for (; i < rows.length && rows[i].child === first.child; i++) {
        if (scope.includeInferred || rows[i].source !== "inferred") links.push(rows[i]);
      }
      if (first.inferredOnly) inferredOnlyChildren++;
      if (first.inferredOnly && !scope.includeInferred) continue;
      direct.total++;
      const relation = countedRelation(links);
      if (relation) direct[relation]++;
    }
    return withDescendants(db, id, scope, direct, inferredOnlyChildren);
  };
}

/** The figures of `id` from its direct children counted in `scope`, with its stored descendant counts (one row). */
export function withDescendants(
  db: Db,
  id: string,
  scope: EdgeScope,
  children: RelationCounts,
  inferredOnlyChildren: number,
): LineageCounts {
  const declared = getDescendantCounts(db, id);
  const all = getDescendantCounts(db, id, { includeInferred: true });
  return {
    children,
    descendants: scope.includeInferred ? all : declared,
    inferredOnly: { children: inferredOnlyChildren, descendants: all.total - declared.total },
  };
}
