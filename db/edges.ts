// The edges table: replacing a child's parent edges of one source as a set, and reading parents and children.
import {
  EDGE_SOURCES,
  RELATIONS,
  type Edge,
  type EdgeSource,
  type Evidence,
  type ParentLink,
  type Relation,
} from "../lineage/types";
import type { Db } from "./open-database";
import { canonicalId } from "./aliases";
import { markChildDirty, markSubtreeDirty } from "./counts/counts-dirty";
import { idKey } from "../lineage/id-key";
import { sourceRankSql } from "./source-precedence-sql";
import { prepared } from "./statement-cache";
import { InvalidStoreInputError, assertId } from "./store-errors";
import { withinTransaction } from "./within-transaction";

export interface EdgeChanges {
  added: number;
  removed: number;
  /** Pairs kept whose relation, confidence or evidence changed. */
  changed: number;
}

export interface EdgeReadOptions {
  /** Include edges of source `inferred` (default false). */
  includeInferred?: boolean;
}

export interface EdgeRow {
  parent: string;
  child: string;
  source: EdgeSource;
  relation: Relation | null;
  confidence: number;
  evidence: string | null;
  first_seen: string;
  last_seen: string;
}

const EDGE_COLUMNS = "parent, child, source, relation, confidence, evidence, first_seen, last_seen";
// Sorted so that readers get a stable order: by the other end, then the winning source first.
const SOURCE_ORDER = sourceRankSql();
const HAS_PARENTS_SQL = "SELECT 1 FROM edges WHERE child = ? LIMIT 1";
const OF_SOURCE_SQL = `SELECT ${EDGE_COLUMNS} FROM edges WHERE child = ? AND source = ?`;
const INSERT_SQL = `
  INSERT INTO edges (parent, child, source, relation, confidence, evidence, first_seen, last_seen)
  VALUES (@parent, @child, @source, @relation, @confidence, @evidence, @now, @now)`;
const UPDATE_SQL = `
  UPDATE edges SET relation = @relation, confidence = @confidence, evidence = @evidence, last_seen = @now
  WHERE parent = @parent AND child = @child AND source = @source`;
const DELETE_SQL = "DELETE FROM edges WHERE parent = ? AND child = ? AND source = ?";
const PARENTS_SQL = `SELECT ${EDGE_COLUMNS} FROM edges WHERE child = ? ORDER BY parent, ${SOURCE_ORDER}`;
const DECLARED_PARENTS_SQL = `
  SELECT ${EDGE_COLUMNS} FROM edges WHERE child = ? AND source <> 'inferred' ORDER BY parent, ${SOURCE_ORDER}`;
const CHILDREN_SQL = `SELECT ${EDGE_COLUMNS} FROM edges WHERE parent = ? ORDER BY child, ${SOURCE_ORDER}`;
const DECLARED_CHILDREN_SQL = `
  SELECT ${EDGE_COLUMNS} FROM edges WHERE parent = ? AND source <> 'inferred' ORDER BY child, ${SOURCE_ORDER}`;

/**
 * Replaces the child's parent edges of `source` with `links` (a record or card re-read gives the whole set): pairs
 * kept keep their first_seen, every pair given gets last_seen = now, pairs no longer given are deleted. Parent and
 * child ids are mapped through aliases; a link repeated (in any case) counts once, the first one. Self-loops and
 * parents that are not stored models are stored as given. Changes are marked for refreshDescendantCounts.
 */
export function setParents(db: Db, child: string, source: EdgeSource, links: ParentLink[], now: string): EdgeChanges {
  assertId(child, "setParents");
  if (!EDGE_SOURCES.includes(source)) {
    throw new InvalidStoreInputError(`setParents: unknown edge source ${JSON.stringify(source)}`, "source", source);
  }
  const wanted = new Map<string, ParentLink>();
  for (const link of links) {
    validateLink(link, source);
    const parent = canonicalId(db, link.id);
    if (!wanted.has(idKey(parent))) wanted.set(idKey(parent), { ...link, id: parent });
  }
  return withinTransaction(db, () => {
    const childId = canonicalId(db, child);
    const hadParents = prepared(db, HAS_PARENTS_SQL).get(childId) !== undefined;
    const stored = prepared(db, OF_SOURCE_SQL).all(childId, source) as EdgeRow[];
    const changes: EdgeChanges = { added: 0, removed: 0, changed: 0 };
    for (const row of stored) {
      const link = wanted.get(idKey(row.parent));
      if (link) {
        const values = edgeValues(link, row.parent, row.child, source, now);
        if (isEdgeChanged(row, values)) changes.changed++;
        prepared(db, UPDATE_SQL).run(values);
        wanted.delete(idKey(row.parent));
      } else {
        prepared(db, DELETE_SQL).run(row.parent, row.child, source);
        markSubtreeDirty(db, row.parent);
        changes.removed++;
      }
    }
    for (const link of wanted.values()) {
      prepared(db, INSERT_SQL).run(edgeValues(link, link.id, childId, source, now));
      changes.added++;
    }
    if (changes.added + changes.removed + changes.changed > 0) markChildDirty(db, childId, hadParents);
    return changes;
  });
}

/** The model's parent edges, one per (parent, source), by parent then source priority. */
export function getParents(db: Db, id: string, options: EdgeReadOptions = {}): Edge[] {
  const sql = options.includeInferred ? PARENTS_SQL : DECLARED_PARENTS_SQL;
  return (prepared(db, sql).all(id) as EdgeRow[]).map(toEdge);
}

/** The model's child edges, one per (child, source), by child then source priority. */
export function getChildren(db: Db, id: string, options: EdgeReadOptions = {}): Edge[] {
  const sql = options.includeInferred ? CHILDREN_SQL : DECLARED_CHILDREN_SQL;
  return (prepared(db, sql).all(id) as EdgeRow[]).map(toEdge);
}

export function toEdge(row: EdgeRow): Edge {
  return {
    parent: row.parent,
    child: row.child,
    relation: row.relation,
    source: row.source,
    confidence: row.confidence,
    evidence: row.evidence === null ? [] : (JSON.parse(row.evidence) as Evidence[]),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

/** Whether a kept pair's relation, confidence or evidence differ from the values it is about to take. */
export function isEdgeChanged(row: EdgeRow, values: ReturnType<typeof edgeValues>): boolean {
  return row.relation !== values.relation || row.confidence !== values.confidence || row.evidence !== values.evidence;
}

export function edgeValues(link: ParentLink, parent: string, child: string, source: EdgeSource, now: string) {
  return {
    parent,
    child,
    source,
    relation: link.relation,
    confidence: link.confidence,
    evidence: link.evidence && link.evidence.length > 0 ? JSON.stringify(link.evidence) : null,
    now,
  };
}

export function validateLink(link: ParentLink, source: EdgeSource): void {
  assertId(link.id, "setParents");
  if (link.source !== source) {
    throw new InvalidStoreInputError(
      `setParents: a link to ${link.id} has source "${link.source}" but the set being replaced is "${source}"`,
      "source",
      link.source,
    );
  }
  if (link.relation !== null && !RELATIONS.includes(link.relation)) {
    throw new InvalidStoreInputError(
      `setParents: relation of the link to ${link.id} must be one of ${RELATIONS.join(", ")} or null`,
      "relation",
      link.relation,
    );
  }
  if (typeof link.confidence !== "number" || !(link.confidence >= 0 && link.confidence <= 1)) {
    throw new InvalidStoreInputError(
      `setParents: confidence of the link to ${link.id} must be a number from 0 to 1`,
      "confidence",
      link.confidence,
    );
  }
}
