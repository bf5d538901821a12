// Whole-database figures: models, families, edges per relation and source, file size, and a change marker.
import type { Db } from "../open-database";
import { prepared, preparedPluck } from "../statement-cache";
import { EDGE_SOURCES, RELATIONS, type EdgeSource, type Relation } from "../../lineage/types";

export interface LineageStats {
  models: { total: number; fetched: number; gone: number };
  /** Models with at least one declared descendant. */
  families: number;
  edges: {
    total: number;
    byRelation: Record<Relation | "unknown", number>;
    bySource: Record<EdgeSource, number>;
    /** Pairs whose sources name different relations (the strongest one's is kept). */
    disagreements: number;
  };
  /** Bytes of the main database file (pages in use and free), without the WAL. */
  dbBytes: number;
}

const MODELS_SQL = `SELECT count(*) AS total, count(fetched_at) AS fetched, count(gone_at) AS gone FROM models`;
const FAMILIES_SQL = `SELECT count(*) FROM descendant_counts WHERE declared_total > 0`;
// One link per (parent, child) pair: a pair is counted once, under its strongest source.
const EDGES_SQL =
  `SELECT source, relation, count(*) AS n, sum(disagrees) AS disagreements FROM links GROUP BY ` + `source, relation`;

interface LinkCountRow {
  source: EdgeSource;
  relation: Relation | null;
  n: number;
  disagreements: number;
}

/** Scans models and links once each: callers should cache it per getDataVersion. */
export function getLineageStats(db: Db): LineageStats {
  const models = prepared(db, MODELS_SQL).get() as LineageStats["models"];
  const byRelation = Object.fromEntries(
    [...RELATIONS, "unknown"].map((r) => [r, 0]),
  ) as LineageStats["edges"]["byRelation"];
  const bySource = Object.fromEntries(EDGE_SOURCES.map((s) => [s, 0])) as LineageStats["edges"]["bySource"];
  let total = 0;
  let disagreements = 0;
  for (const row of prepared(db, EDGES_SQL).all() as LinkCountRow[]) {
    total += row.n;
    disagreements += row.disagreements;
    byRelation[row.relation ?? "unknown"] += row.n;
    bySource[row.source] += row.n;
  }
  const pageCount = db.pragma("page_count", { simple: true }) as number;
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  return {
    models,
    families: preparedPluck(db, FAMILIES_SQL).get() as number,
    edges: { total, byRelation, bySource, disagreements },
    dbBytes: pageCount * pageSize,
  };
}

/**
 * Changes whenever the database content may have changed: `data_version` moves on commits by other connections
 * (a crawler or watcher process), `total_changes()` on writes through this one. Cheap enough to read per request.
 */
export function getDataVersion(db: Db): string {
  const external = db.pragma("data_version", { simple: true }) as number;
  const local = preparedPluck(db, "SELECT total_changes()").get() as number;
  return `${external}.${local}`;
}
