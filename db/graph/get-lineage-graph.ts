// The lineage graph of the current data version, cached per database: read whole once, then brought up to date from
// the change journal after each write (db/graph/update-lineage-graph.ts), read whole again only when that cannot.
import type { Db } from "../open-database";
import { getDataVersion } from "../queries/stats";
import { type LineageGraph, readLineageGraph } from "./lineage-graph";
import { applyGraphChanges } from "./update-lineage-graph";

const CACHE = new WeakMap<Db, LineageGraph>();

/** The graph at the current data version: the cached one, updated when the data changed, else read whole. */
export function getLineageGraph(db: Db): LineageGraph {
  const cached = CACHE.get(db);
  if (cached && (cached.version === getDataVersion(db) || applyGraphChanges(db, cached))) return cached;
  // Dropped first, so its memory can be freed while the new one is read.
  CACHE.delete(db);
  const graph = readLineageGraph(db);
  CACHE.set(db, graph);
  return graph;
}

/**
 * The cached graph when there is one the change journal brings up to date, else null (none cached yet, or it would
 * have to be read whole): for readers that answer from SQL rather than read the whole graph for one model.
 */
export function peekLineageGraph(db: Db): LineageGraph | null {
  const cached = CACHE.get(db);
  if (!cached) return null;
  if (cached.version === getDataVersion(db) || applyGraphChanges(db, cached)) return cached;
  // Out of the journal's reach: dropped, so its memory can go; the next getLineageGraph reads it whole.
  CACHE.delete(db);
  return null;
}
