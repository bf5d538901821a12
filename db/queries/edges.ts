// Link reads shared by the read-side queries (one link per parent/child pair, from links), level-at-a-time walks.
import { countedRelation } from "../../lineage/counted-relation";
import { idKey } from "../../lineage/id-key";
import type { Db } from "../open-database";
import { prepared, preparedPluck } from "../statement-cache";
import type { EdgeSource, Relation } from "../../lineage/types";

/** Which edges a read follows: declared ones (tag, card) only, or inferred ones as well. */
export interface EdgeScope {
  includeInferred: boolean;
}

/** One parent -> child link as readers see it: the pair's links row (its strongest source's). */
export interface LinkRow {
  parent: string;
  child: string;
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
}

/**
 * A model's relation as a descendant, from its parent links in scope (one per pair): countedRelation's rule, the
 * one the stored counts use (db/counts/descendant-counts.ts). Self-loops are left out.
 */
export function relationAsDescendant(links: LinkRow[]): Relation | null {
  return countedRelation(links.filter((link) => idKey(link.parent) !== idKey(link.child)));
}

const FRONTIER_CHILDREN_SQL = `
  SELECT e.parent, e.child, e.relation, e.source, e.confidence
  FROM json_each(?) AS j JOIN links AS e ON e.parent = j.value
  WHERE e.source <> 'inferred' OR ?`;

const FRONTIER_PARENTS_SQL = `
  SELECT e.parent, e.child, e.relation, e.source, e.confidence
  FROM json_each(?) AS j JOIN links AS e ON e.child = j.value
  WHERE e.source <> 'inferred' OR ?`;

const HAS_CHILDREN_SQL = `
  SELECT j.value AS id FROM json_each(?) AS j
  WHERE EXISTS (SELECT 1 FROM links AS e WHERE e.parent = j.value AND (e.source <> 'inferred' OR ?)
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
    childrenOf: (ids) => (ids.length ? (children.all(JSON.stringify(ids), inferred) as LinkRow[]) : []),
    parentsOf: (ids) => (ids.length ? (parents.all(JSON.stringify(ids), inferred) as LinkRow[]) : []),
    withChildren: (ids, relations) => {
      if (!ids.length) return new Set();
      const list = relations ? JSON.stringify(relations) : null;
      return new Set((hasChildren.all(JSON.stringify(ids), inferred, list, list) as string[]).map(idKey));
    },
  };
}

const PARENTS_OF_SQL = `
  SELECT parent, child, relation, source, confidence FROM links
  WHERE child = ? AND (source <> 'inferred' OR ?)
  ORDER BY parent`;

/** The parent links of one model, for short upward walks (index edges_child). */
export function createParentReader(db: Db, scope: EdgeScope): (id: string) => LinkRow[] {
  const statement = prepared(db, PARENTS_OF_SQL);
  const inferred = scope.includeInferred ? 1 : 0;
  return (id) => statement.all(id, inferred) as LinkRow[];
}
