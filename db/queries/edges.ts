// Edge reads shared by the read-side queries: one preferred edge per parent/child pair, level-at-a-time walks.
import { idKey } from "../../lineage/id-key";
import type { Db } from "../open-database";
import { prepared, preparedPluck } from "../statement-cache";
import type { EdgeSource, Relation } from "../../lineage/types";

/** Which edges a read follows: declared ones (tag, card) only, or inferred ones as well. */
export interface EdgeScope {
  includeInferred: boolean;
}

/** One parent -> child link as readers see it: the preferred of the pair's stored rows. */
export interface LinkRow {
  parent: string;
  child: string;
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
}

/** tag > card > inferred (lower wins): the Hub's own tags are what the Hub's model tree shows. */
export const SOURCE_RANK: Record<EdgeSource, number> = { tag: 0, card: 1, inferred: 2 };

/**
 * Keeps one row per (parent, child) pair, the best-ranked source; rows of other pairs keep their order.
 * Declared and inferred rows may disagree on the relation: the declared one is reported.
 */
function preferLinks(rows: LinkRow[]): LinkRow[] {
  const best = new Map<string, LinkRow>();
  for (const row of rows) {
    const key = `${idKey(row.parent)}\n${idKey(row.child)}`;
    const kept = best.get(key);
    if (!kept || SOURCE_RANK[row.source] < SOURCE_RANK[kept.source]) best.set(key, row);
  }
  return [...best.values()];
}

/**
 * A model's relation as a descendant, from its effective parent links (one per pair, in scope), the rule the
 * stored counts use (db/counts/descendant-counts.ts): merge if any link is a merge, else the first of finetune, adapter,
 * quantized among the links of the best source present (null when those links tell no relation). Self-loops
 * are left out.
 */
export function relationAsDescendant(links: LinkRow[]): Relation | null {
  let bestRank = Number.POSITIVE_INFINITY;
  for (const link of links) {
    if (idKey(link.parent) === idKey(link.child)) continue;
    if (link.relation === "merge") return "merge";
    bestRank = Math.min(bestRank, SOURCE_RANK[link.source]);
  }
  let found: Relation | null = null;
  for (const link of links) {
    if (SOURCE_RANK[link.source] !== bestRank || link.relation === null || idKey(link.parent) === idKey(link.child))
      continue;
    if (found === null || RELATION_ORDER[link.relation] < RELATION_ORDER[found]) found = link.relation;
  }
  return found;
}

const RELATION_ORDER: Record<Relation, number> = { finetune: 0, adapter: 1, quantized: 2, merge: 3 };

const FRONTIER_CHILDREN_SQL = `
  SELECT e.parent, e.child, e.relation, e.source, e.confidence
  FROM json_each(?) AS j JOIN edges AS e ON e.parent = j.value
  WHERE e.source <> 'inferred' OR ?`;

const FRONTIER_PARENTS_SQL = `
  SELECT e.parent, e.child, e.relation, e.source, e.confidence
  FROM json_each(?) AS j JOIN edges AS e ON e.child = j.value
  WHERE e.source <> 'inferred' OR ?`;

const HAS_CHILDREN_SQL = `
  SELECT j.value AS id FROM json_each(?) AS j
  WHERE EXISTS (SELECT 1 FROM edges AS e WHERE e.parent = j.value AND (e.source <> 'inferred' OR ?)
                AND (? IS NULL OR e.relation IN (SELECT value FROM json_each(?))))`;

/** Reads edges for a whole BFS level at once: one statement per level, not per node. */
export interface LevelReader {
  childrenOf(ids: string[]): LinkRow[];
  parentsOf(ids: string[]): LinkRow[];
  /** The ids among `ids` that have at least one child (with one of `relations`, when given). */
  withChildren(ids: string[], relations: Relation[] | null): Set<string>;
}

export function createLevelReader(db: Db, scope: EdgeScope): LevelReader {
  const children = prepared(db, FRONTIER_CHILDREN_SQL);
  const parents = prepared(db, FRONTIER_PARENTS_SQL);
  const hasChildren = preparedPluck(db, HAS_CHILDREN_SQL);
  const inferred = scope.includeInferred ? 1 : 0;
  return {
    childrenOf: (ids) => (ids.length ? preferLinks(children.all(JSON.stringify(ids), inferred) as LinkRow[]) : []),
    parentsOf: (ids) => (ids.length ? preferLinks(parents.all(JSON.stringify(ids), inferred) as LinkRow[]) : []),
    withChildren: (ids, relations) => {
      if (!ids.length) return new Set();
      const list = relations ? JSON.stringify(relations) : null;
      return new Set((hasChildren.all(JSON.stringify(ids), inferred, list, list) as string[]).map(idKey));
    },
  };
}

const PARENTS_OF_SQL = `
  SELECT parent, child, relation, source, confidence FROM edges
  WHERE child = ? AND (source <> 'inferred' OR ?)
  ORDER BY parent`;

/** The preferred parent links of one model, for short upward walks (index edges_child). */
export function createParentReader(db: Db, scope: EdgeScope): (id: string) => LinkRow[] {
  const statement = prepared(db, PARENTS_OF_SQL);
  const inferred = scope.includeInferred ? 1 : 0;
  return (id) => preferLinks(statement.all(id, inferred) as LinkRow[]);
}
