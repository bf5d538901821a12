// Transitive descendant counts per model (distinct models below it, per relation, and the family's depth), kept in
// descendant_counts: rebuilt in full, or refreshed after a crawl batch for the families the batch touched.
//
// Semantics (CONTRACTS.md "Counts"). For each (parent, child) pair the effective edge is its strongest source
// (lineage/source-precedence.ts); declared counts use only pairs with a tag or card edge, all counts every pair.
// A descendant counts once under its own relation (lineage/counted-relation.ts); a null relation counts in the
// total only. maxDepth is the largest shortest-path distance to a descendant. Self-loops
// are left out and a model in a cycle is not its own descendant. A model with no descendants has no row.
//
// How: every model is walked up through its ancestor set once, breadth-first (so each ancestor is reached once,
// at its shortest distance), adding the model to each ancestor's counts: O(sum of ancestor-set sizes). That walk
// is the pure counting graph of db/counts/count-graph.ts; this file reads the edges and writes the rows.
import type { Statement } from "better-sqlite3";
import { idKey } from "../../lineage/id-key";
import type { EdgeSource, Relation } from "../../lineage/types";
import type { Db } from "../open-database";
import { withinTransaction } from "../within-transaction";
import { prepared, preparedPluck } from "../statement-cache";
import {
  CountGraph,
  countGraphOf,
  NONE,
  PairAccumulator,
  relationOf,
  type EdgeRow,
  type ModeCounts,
} from "./count-graph";

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

export interface CountOptions {
  /** Count inferred edges too (the all_* columns); default false (declared_* columns). */
  includeInferred?: boolean;
}

/** What a refresh did: nothing pending, an incremental pass, or a fall-back to a full rebuild. */
export interface RefreshResult {
  mode: "none" | "incremental" | "rebuild";
  /** Models whose counts were recomputed from their whole family. */
  recounted: number;
  /** New leaf models added to their ancestors' counts directly. */
  leaves: number;
}

/** Past this many models in the affected families (or a third of the models, if more), a rebuild is cheaper. */
export const INCREMENTAL_LIMIT = 200_000;

export interface RefreshOptions {
  /** Rebuild in full once the affected families exceed this many models (default: INCREMENTAL_LIMIT or a third
   *  of the models, whichever is more; measured break-even on a 2.5M-model graph). */
  maxFamily?: number;
}

const ALL_EDGES_SQL = "SELECT parent, child, source, relation FROM edges ORDER BY parent, child, source";
const PARENT_ROWS_SQL = "SELECT parent, source, relation FROM edges WHERE child = ? ORDER BY parent, source";
const PARENT_IDS_SQL = "SELECT parent FROM edges WHERE child = ?";
const CHILD_IDS_SQL = "SELECT child FROM edges WHERE parent = ?";
const HAS_CHILDREN_SQL = "SELECT 1 FROM edges WHERE parent = ? AND child <> parent LIMIT 1";
const DIRTY_SQL = "SELECT id, is_new FROM counts_dirty";
const CLEAR_DIRTY_SQL = "DELETE FROM counts_dirty";
const MODEL_ESTIMATE_SQL = "SELECT coalesce(max(rowid), 0) FROM models";
const COUNT_COLUMNS =
  "declared_total, declared_finetune, declared_adapter, declared_quantized, declared_merge, declared_max_depth, " +
  "all_total, all_finetune, all_adapter, all_quantized, all_merge, all_max_depth";
const COUNT_VALUES = "@dt, @df, @da, @dq, @dm, @dd, @at, @af, @aa, @aq, @am, @ad";
// Rows take the model's own spelling when it is stored, else the first (binary order) spelling the edges use, so
// a rebuild and a refresh name rows alike.
const ROW_ID = `coalesce((SELECT id FROM models WHERE id = @id),
                         (SELECT min(parent COLLATE BINARY) FROM edges WHERE parent = @id), @id)`;
const REPLACE_SQL = `
  INSERT OR REPLACE INTO descendant_counts (id, ${COUNT_COLUMNS})
  VALUES (${ROW_ID}, ${COUNT_VALUES})`;
const DELETE_SQL = "DELETE FROM descendant_counts WHERE id = ?";
const ADD_SQL = `
  INSERT INTO descendant_counts (id, ${COUNT_COLUMNS})
  VALUES (${ROW_ID}, ${COUNT_VALUES})
  ON CONFLICT (id) DO UPDATE SET
    id = excluded.id,
    declared_total = declared_total + excluded.declared_total,
    declared_finetune = declared_finetune + excluded.declared_finetune,
    declared_adapter = declared_adapter + excluded.declared_adapter,
    declared_quantized = declared_quantized + excluded.declared_quantized,
    declared_merge = declared_merge + excluded.declared_merge,
    declared_max_depth = max(declared_max_depth, excluded.declared_max_depth),
    all_total = all_total + excluded.all_total,
    all_finetune = all_finetune + excluded.all_finetune,
    all_adapter = all_adapter + excluded.all_adapter,
    all_quantized = all_quantized + excluded.all_quantized,
    all_merge = all_merge + excluded.all_merge,
    all_max_depth = max(all_max_depth, excluded.all_max_depth)`;
const GET_SQL = `SELECT ${COUNT_COLUMNS} FROM descendant_counts WHERE id = ?`;
// Each stored row with its model's spelling (null when not stored), for a rebuild to tell which rows it would change.
const STORED_ROWS_SQL = `
  SELECT dc.id, m.id, ${COUNT_COLUMNS} FROM descendant_counts AS dc LEFT JOIN models AS m ON m.id = dc.id`;
// ROW_ID's spelling of a row whose model is not stored.
const PARENT_SPELLING_SQL = "SELECT min(parent COLLATE BINARY) FROM edges WHERE parent = ?";

const ZERO: DescendantCounts = { total: 0, finetune: 0, adapter: 0, quantized: 0, merge: 0, maxDepth: 0 };

/** The stored counts of a model (zeros when it has no descendants or is unknown). */
export function getDescendantCounts(db: Db, id: string, options: CountOptions = {}): DescendantCounts {
  const row = prepared(db, GET_SQL).get(id) as Record<string, number> | undefined;
  if (!row) return { ...ZERO };
  const prefix = options.includeInferred ? "all" : "declared";
  return {
    total: row[`${prefix}_total`],
    finetune: row[`${prefix}_finetune`],
    adapter: row[`${prefix}_adapter`],
    quantized: row[`${prefix}_quantized`],
    merge: row[`${prefix}_merge`],
    maxDepth: row[`${prefix}_max_depth`],
  };
}

/**
 * Recomputes every model's counts from the whole edges table, clears the pending changes, and returns the graph read.
 * Only the rows that differ (figures or spelling) are written and only the stale ones deleted: the table ends as if
 * rewritten whole, but the graph change journal (migration 8) gets a row per changed count, not two per model, so
 * cached lineage graphs are patched instead of read whole (and a rebuild that changes nothing writes nothing).
 */
export function rebuildDescendantCounts(db: Db): CountGraph {
  return withinTransaction(
    db,
    (): CountGraph => {
      const graph = readCountGraph(db);
      const counts = graph.count();
      prepared(db, CLEAR_DIRTY_SQL).run();
      const isCurrent = new Uint8Array(graph.size);
      const stale: string[] = [];
      /** Rows whose figures are current, of models not stored: their spelling is checked after the scan. */
      const unstored: [string, number][] = [];
      // No other statement may run while the scan's is open: what it finds is written after.
      for (const row of prepared(db, STORED_ROWS_SQL).raw(true).iterate() as IterableIterator<StoredRow>) {
        const [id, model] = row;
        const node = graph.find(idKey(id));
        if (node === undefined || counts.all.total[node] === 0) stale.push(id);
        else if (hasFigures(row, counts, node)) {
          if (model === null) unstored.push([id, node]);
          else if (model === id) isCurrent[node] = 1;
        }
      }
      const parentSpelling = preparedPluck(db, PARENT_SPELLING_SQL);
      for (const [id, node] of unstored) if (parentSpelling.get(id) === id) isCurrent[node] = 1;
      const remove = prepared(db, DELETE_SQL);
      for (const id of stale) remove.run(id);
      const replace = prepared(db, REPLACE_SQL);
      for (let node = 0; node < graph.size; node++) {
        if (counts.all.total[node] > 0 && !isCurrent[node]) replace.run(countValues(graph.ids[node], counts, node));
      }
      return graph;
    },
    { immediate: true },
  );
}

/** The counting graph of every stored edge, read in primary-key order (rows of one pair adjacent, no sort). */
export function readCountGraph(db: Db): CountGraph {
  return countGraphOf(prepared(db, ALL_EDGES_SQL).raw().iterate() as IterableIterator<EdgeRow>);
}

/** A stored row: id, its model's id (null when not stored), then the figures in COUNT_COLUMNS order. */
type StoredRow = [string, string | null, ...number[]];

/** Whether a stored row holds the node's figures (both modes), in COUNT_COLUMNS order. */
function hasFigures(row: StoredRow, counts: { declared: ModeCounts; all: ModeCounts }, node: number): boolean {
  let at = 2;
  for (const mode of [counts.declared, counts.all]) {
    if (row[at++] !== mode.total[node]) return false;
    for (let r = 0; r < 4; r++) if (row[at++] !== mode.byRelation[node * 4 + r]) return false;
    if (row[at++] !== mode.maxDepth[node]) return false;
  }
  return true;
}

/**
 * Brings counts up to date after edge writes: the models setParents/recordAlias marked, plus `changedChildIds`.
 * A new leaf (no parent edge before, no child now) is added to its ancestors' counts; any other change recounts
 * the changed models' ancestors from their whole families (cost: the size of those families, not of the DB).
 * Falls back to a full rebuild when the affected families hold most of the graph.
 */
export function refreshDescendantCounts(
  db: Db,
  changedChildIds: string[] = [],
  options: RefreshOptions = {},
): RefreshResult {
  return withinTransaction(
    db,
    (): RefreshResult => {
      const general = new Map<string, string>();
      const leaves = new Map<string, string>();
      const hasChildren = preparedPluck(db, HAS_CHILDREN_SQL);
      for (const { id, is_new } of prepared(db, DIRTY_SQL).all() as { id: string; is_new: number }[]) {
        if (is_new === 1 && hasChildren.get(id) === undefined) leaves.set(idKey(id), id);
        else general.set(idKey(id), id);
      }
      for (const id of changedChildIds) {
        if (!leaves.has(idKey(id))) general.set(idKey(id), id);
      }
      if (general.size === 0 && leaves.size === 0) return { mode: "none", recounted: 0, leaves: 0 };

      const limit =
        options.maxFamily ??
        Math.max(INCREMENTAL_LIMIT, Math.floor((preparedPluck(db, MODEL_ESTIMATE_SQL).get() as number) / 3));
      const affected = closure(db, general, PARENT_IDS_SQL, limit);
      const family = affected && closure(db, affected, CHILD_IDS_SQL, limit);
      if (!affected || !family) {
        rebuildDescendantCounts(db);
        return { mode: "rebuild", recounted: 0, leaves: 0 };
      }
      const parentsRead = recountFamily(db, affected, family);
      addLeaves(db, leaves, affected, parentsRead);
      prepared(db, CLEAR_DIRTY_SQL).run();
      return { mode: "incremental", recounted: affected.size, leaves: leaves.size };
    },
    { immediate: true },
  );
}

/**
 * Recomputes the counts of the `affected` models from the subgraph of `family` (every model below them), and returns
 * the parent pairs it read, by the child's id key.
 */
function recountFamily(
  db: Db,
  affected: Map<string, string>,
  family: Map<string, string>,
): Map<string, PairAccumulator[]> {
  const parentsRead = new Map<string, PairAccumulator[]>();
  if (affected.size === 0) return parentsRead;
  // Every path from an affected model down to a descendant stays inside the family, so the family's own edges
  // suffice for walking up; a member's relation still depends on all its parent edges, including outside ones.
  const graph = new CountGraph();
  for (const [key, id] of family) graph.node(key, id);
  const rows = prepared(db, PARENT_ROWS_SQL).raw();
  for (const [key, id] of family) {
    const pairs = readParentPairs(rows, id);
    parentsRead.set(key, pairs);
    for (const pair of pairs) graph.addPair(pair, false);
  }
  const counts = graph.count();
  const replace = prepared(db, REPLACE_SQL);
  const remove = prepared(db, DELETE_SQL);
  for (const [key, id] of affected) {
    const node = graph.node(key, id);
    if (counts.all.total[node] > 0) replace.run(countValues(id, counts, node));
    else remove.run(id);
  }
  return parentsRead;
}

/** A child's parent pairs, its edge rows (PARENT_ROWS_SQL, one pair's rows adjacent) folded per pair. */
function readParentPairs(rows: Statement, id: string): PairAccumulator[] {
  const pairs: PairAccumulator[] = [];
  for (const [parent, source, relation] of rows.all(id) as [string, EdgeSource, Relation | null][]) {
    const last = pairs[pairs.length - 1];
    if (last?.isPair(parent, id)) last.add(source, relation);
    else pairs.push(new PairAccumulator(parent, id).add(source, relation));
  }
  return pairs;
}

/**
 * Adds each new leaf to the counts of its ancestors that were not recounted already. `parentsOf` holds the parent
 * pairs already read (a walk's leaves all sit in the recounted family), by the child's id key; it gains those read here.
 */
function addLeaves(
  db: Db,
  leaves: Map<string, string>,
  recounted: Map<string, string>,
  parentsOf: Map<string, PairAccumulator[]>,
): void {
  const rows = prepared(db, PARENT_ROWS_SQL).raw();
  const loadParents = (key: string, id: string): PairAccumulator[] => {
    let pairs = parentsOf.get(key);
    if (!pairs) {
      pairs = readParentPairs(rows, id);
      parentsOf.set(key, pairs);
    }
    return pairs;
  };
  const deltas = new Map<string, { id: string; declared: LeafDelta; all: LeafDelta }>();
  for (const [leafKey, leafId] of leaves) {
    const own = loadParents(leafKey, leafId);
    for (const mode of ["declared", "all"] as const) {
      const includeInferred = mode === "all";
      let state = 0;
      for (const pair of own) if (!pair.isSelfLoop) state = pair.foldInto(state, includeInferred);
      const relation = relationOf(state);
      // Breadth-first up from the leaf: each ancestor once, at its shortest distance. Ancestors of a recounted
      // model are recounted too, so the walk stops there.
      const distance = new Map<string, number>([[leafKey, 0]]);
      const queue: [string, string][] = [[leafKey, leafId]];
      for (let head = 0; head < queue.length; head++) {
        const [key, id] = queue[head];
        for (const pair of loadParents(key, id)) {
          if (pair.isSelfLoop || !pair.inMode(includeInferred) || distance.has(pair.parentKey)) continue;
          const depth = distance.get(key)! + 1;
          distance.set(pair.parentKey, depth);
          if (recounted.has(pair.parentKey)) continue;
          queue.push([pair.parentKey, pair.parent]);
          let delta = deltas.get(pair.parentKey);
          if (!delta) {
            delta = { id: pair.parent, declared: new LeafDelta(), all: new LeafDelta() };
            deltas.set(pair.parentKey, delta);
          }
          delta[mode].add(relation, depth);
        }
      }
    }
  }
  const add = prepared(db, ADD_SQL);
  for (const { id, declared, all } of deltas.values()) add.run({ id, ...declared.values("d"), ...all.values("a") });
}

/** Models reachable from `start` (included) through `stepSql`; null once more than `limit` are reached. */
function closure(db: Db, start: Map<string, string>, stepSql: string, limit: number): Map<string, string> | null {
  const step = preparedPluck(db, stepSql);
  const reached = new Map(start);
  const queue = [...start.values()];
  for (let head = 0; head < queue.length; head++) {
    for (const next of step.all(queue[head]) as string[]) {
      const key = idKey(next);
      if (reached.has(key)) continue;
      reached.set(key, next);
      queue.push(next);
      if (reached.size > limit) return null;
    }
  }
  return reached;
}

/** What one new leaf adds to an ancestor, per mode, summed over leaves. */
class LeafDelta {
  private readonly counts = [0, 0, 0, 0, 0];
  private maxDepth = 0;

  add(relation: number, depth: number): void {
    this.counts[0]++;
    if (relation !== NONE) this.counts[relation]++;
    this.maxDepth = Math.max(this.maxDepth, depth);
  }

  values(prefix: "d" | "a"): Record<string, number> {
    const [total, finetune, adapter, quantized, merge] = this.counts;
    return {
      [`${prefix}t`]: total,
      [`${prefix}f`]: finetune,
      [`${prefix}a`]: adapter,
      [`${prefix}q`]: quantized,
      [`${prefix}m`]: merge,
      [`${prefix}d`]: this.maxDepth,
    };
  }
}

function countValues(id: string, counts: { declared: ModeCounts; all: ModeCounts }, node: number) {
  const values: Record<string, string | number> = { id };
  for (const [prefix, mode] of [
    ["d", counts.declared],
    ["a", counts.all],
  ] as const) {
    values[`${prefix}t`] = mode.total[node];
    values[`${prefix}f`] = mode.byRelation[node * 4];
    values[`${prefix}a`] = mode.byRelation[node * 4 + 1];
    values[`${prefix}q`] = mode.byRelation[node * 4 + 2];
    values[`${prefix}m`] = mode.byRelation[node * 4 + 3];
    values[`${prefix}d`] = mode.maxDepth[node];
  }
  return values;
}
