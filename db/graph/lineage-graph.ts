// The whole lineage graph in typed arrays (both directions, compressed rows), read from SQL in one pass (cached and
// kept up to date by db/graph/get-lineage-graph.ts), so a graph slice of a
// large family is a walk over integers instead of a query per model.
import { IdIndex } from "../id-index";
import type { Db } from "../open-database";
import { getDataVersion } from "../queries/stats";
import { prepared, preparedPluck } from "../statement-cache";
import { SOURCE_PRECEDENCE, sourceRank } from "../../lineage/source-precedence";
import type { EdgeSource, Relation } from "../../lineage/types";
import { sourceRankSql } from "../source-precedence-sql";

/** Source by rank (lineage/source-precedence.ts: tag 0, card 1, inferred 2). */
export const SOURCE_BY_RANK: readonly EdgeSource[] = SOURCE_PRECEDENCE;
export const INFERRED_RANK = sourceRank("inferred");

/** Whether link `row` is in scope: every link when inferred ones are included, else the declared ones. */
export function isRowInScope(graph: LineageGraph, row: number, scope: { includeInferred: boolean }): boolean {
  return scope.includeInferred || graph.rowRank[row] !== INFERRED_RANK;
}
/** Relation by code; code 4 is no relation. */
export const RELATION_BY_CODE: readonly (Relation | null)[] = ["finetune", "adapter", "quantized", "merge", null];
export const MERGE_CODE = 3;
export const NO_RELATION_CODE = 4;

/** A model's listed fields that differ from what the graph's typed arrays imply (rare: kept in a map). */
export interface OddFields {
  /** The stored spelling, when not the node's. */
  id?: string;
  /** The stored author, when not the stored id's owner part. */
  author?: string | null;
}

/** The listed fields of the models read so far (db/graph/graph-fields.ts), by node. */
export interface GraphFields {
  /** 0 = not read (or changed since), 1 = read and not stored (known only as a parent), 2 = read and stored. */
  state: Uint8Array;
  /** NaN = null. */
  downloads: Float64Array;
  likes: Float64Array;
  /** As stored (strings, not ms: formatting 150,000 dates again after each write costs ~200 ms). */
  createdAt: (string | null)[];
  /** 0 = null, else licenseNames[code - 1]. */
  license: Uint16Array;
  licenseNames: string[];
  licenseCodes: Map<string, number>;
  odd: Map<number, OddFields>;
}

/**
 * Read whole by readLineageGraph, then kept up to date by applyGraphChanges (db/graph/update-lineage-graph.ts), which
 * patches it in place or replaces its arrays: hold a field only within one synchronous read.
 */
export interface LineageGraph {
  /** The getDataVersion this graph was read or brought up to date at (or before: a newer one only causes an update). */
  version: string;
  /** The last graph_changes row (migration 8) it holds. */
  seq: number;
  /** Models met in links (a model whose links were all removed since the read stays, with no rows). */
  size: number;
  /** Node numbers by id (NOCASE), with the spelling first met in links (readers show the stored one). */
  readonly ids: IdIndex;
  /** Per link (one per pair), in the links table's (parent, child) order. */
  rowParent: Int32Array;
  rowChild: Int32Array;
  rowRank: Uint8Array;
  rowRelation: Uint8Array;
  rowConfidence: Float64Array;
  /** The rows of node v as parent: childRows[childStart[v] .. childStart[v + 1]), in row order. */
  childStart: Int32Array;
  childRows: Int32Array;
  /** The rows of node v as child: parentRows[parentStart[v] .. parentStart[v + 1]), in row order. */
  parentStart: Int32Array;
  parentRows: Int32Array;
  /** Stored transitive descendant counts (declared edges; all edges). */
  declaredTotal: Int32Array;
  allTotal: Int32Array;
  /**
   * Stored downloads of every model that is someone's child (else read by ensureDownloads): NaN = not read yet, -1 =
   * none stored.
   */
  downloads: Float64Array;
  /**
   * The stored spellings [parent, child] of the rows whose parent or child is spelled otherwise than the node's first
   * spelling (an id cased two ways in links): walks show each link as stored.
   */
  rowSpellings: Map<number, readonly [string, string]>;
  /** Scratch for one slice at a time (reads are synchronous): a node's local number, -1 when not in the slice. */
  scratch: Int32Array;
  /** The listed model fields read so far (db/graph/graph-fields.ts), null until a reader first needs them. */
  fields: GraphFields | null;
}

/** A links row's source rank and relation code in one number: rank * 8 + relation code. */
export const LINK_CODE_SQL = `(${sourceRankSql()}) * 8 +
  (CASE relation WHEN 'finetune' THEN 0 WHEN 'adapter' THEN 1 WHEN 'quantized' THEN 2 WHEN 'merge' THEN 3 ELSE 4 END)`;
// One row per (parent, child) pair (links). Source and relation coded in SQL: two strings and two numbers a row.
const EDGE_ROWS_SQL = `SELECT parent, child, ${LINK_CODE_SQL}, confidence FROM links ORDER BY parent, child`;
// child_ranks (migration 3) holds one row per (parent, child) pair in the same order as links' primary key, with
// the child's downloads: read in step with the edge rows' pairs, it saves a lookup per model. (Both ORDER BYs are
// their primary keys: no sort, and no covering index in another order.)
const PAIR_DOWNLOADS_SQL = "SELECT downloads FROM child_ranks ORDER BY parent, child";
const COUNTED_SQL =
  "SELECT id, declared_total, all_total FROM descendant_counts WHERE declared_total > 0 OR all_total > 0";
const DOWNLOADS_SQL = "SELECT j.key, m.downloads FROM json_each(?) AS j LEFT JOIN models AS m ON m.id = j.value";
const DOWNLOADS_CHUNK = 50_000;
const LAST_CHANGE_SQL = "SELECT coalesce(max(seq), 0) FROM graph_changes";

/** Growable typed arrays for a row count not known in advance. */
class Column<T extends Int32Array | Uint8Array | Float64Array> {
  length = 0;
  constructor(public data: T) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Rows grouped by node (stable, so each node's rows keep the table order): start offsets and row numbers. */
export function groupRows(nodeOfRow: Int32Array, size: number): { start: Int32Array; rows: Int32Array } {
  const start = new Int32Array(size + 1);
  for (let r = 0; r < nodeOfRow.length; r++) start[nodeOfRow[r] + 1]++;
  for (let v = 0; v < size; v++) start[v + 1] += start[v];
  const rows = new Int32Array(nodeOfRow.length);
  const fill = start.slice(0, size);
  for (let r = 0; r < nodeOfRow.length; r++) rows[fill[nodeOfRow[r]]++] = r;
  return { start, rows };
}

/** The whole graph read from SQL in one read snapshot (getLineageGraph caches it and keeps it up to date). */
export function readLineageGraph(db: Db): LineageGraph {
  // Read before the snapshot starts: a commit in between makes the graph newer than its version, never older.
  const version = getDataVersion(db);
  return db.transaction(() => {
    const seq = preparedPluck(db, LAST_CHANGE_SQL).get() as number;
    const ids = new IdIndex();
    const parents = new Column(new Int32Array(1 << 16));
    const children = new Column(new Int32Array(1 << 16));
    const codes = new Column(new Uint8Array(1 << 16));
    const confidences = new Column(new Float64Array(1 << 16));
    const pairChildren = new Column(new Int32Array(1 << 16));
    const rowSpellings = new Map<number, readonly [string, string]>();
    let parentSpelledOtherwise = false;
    // Rows come grouped by parent: its number is looked up once per group.
    let lastParent = "";
    let lastParentNumber = -1;
    let lastChildNumber = -1;
    for (const [parent, child, code, confidence] of prepared(db, EDGE_ROWS_SQL).raw(true).iterate() as IterableIterator<
      [string, string, number, number]
    >) {
      if (parent !== lastParent) {
        lastParent = parent;
        const parentNumber = ids.add(parent);
        parentSpelledOtherwise = ids.spelling(parentNumber) !== parent;
        if (parentNumber !== lastParentNumber) lastChildNumber = -1;
        lastParentNumber = parentNumber;
      }
      const childNumber = ids.add(child);
      if (parentSpelledOtherwise || ids.spelling(childNumber) !== child)
        rowSpellings.set(parents.length, [parent, child]);
      if (childNumber !== lastChildNumber) pairChildren.push(childNumber);
      lastChildNumber = childNumber;
      parents.push(lastParentNumber);
      children.push(childNumber);
      codes.push(code);
      confidences.push(confidence);
    }
    ids.seal();
    const size = ids.size;
    const downloads = new Float64Array(size).fill(Number.NaN);
    const pairDownloads = new Float64Array(pairChildren.length);
    let pairs = 0;
    for (const d of preparedPluck(db, PAIR_DOWNLOADS_SQL).iterate() as IterableIterator<number | null>) {
      if (pairs < pairDownloads.length) pairDownloads[pairs] = d ?? -1;
      pairs++;
    }
    // Out of step (never, while the triggers keep child_ranks): ensureDownloads reads them when a slice needs them.
    if (pairs === pairChildren.length)
      for (let k = 0; k < pairs; k++) downloads[pairChildren.data[k]] = pairDownloads[k];
    const rowParent = parents.trimmed();
    const rowChild = children.trimmed();
    const code = codes.trimmed();
    const rowRank = code.map((c) => c >> 3);
    const rowRelation = code.map((c) => c & 7);
    const down = groupRows(rowParent, size);
    const up = groupRows(rowChild, size);
    const declaredTotal = new Int32Array(size);
    const allTotal = new Int32Array(size);
    for (const [id, declared, all] of prepared(db, COUNTED_SQL).raw(true).iterate() as IterableIterator<
      [string, number, number]
    >) {
      const v = ids.find(id);
      if (v < 0) continue;
      declaredTotal[v] = declared;
      allTotal[v] = all;
    }
    return {
      version,
      seq,
      size,
      ids,
      rowParent,
      rowChild,
      rowRank,
      rowRelation,
      rowConfidence: confidences.trimmed(),
      childStart: down.start,
      childRows: down.rows,
      parentStart: up.start,
      parentRows: up.rows,
      declaredTotal,
      allTotal,
      downloads,
      rowSpellings,
      scratch: new Int32Array(size).fill(-1),
      fields: null,
    };
  })();
}

/** Reads the stored downloads of `nodes` not read yet (a slice needs them only to rank what it trims). */
export function ensureDownloads(db: Db, graph: LineageGraph, nodes: ArrayLike<number>): void {
  const missing: number[] = [];
  for (let k = 0; k < nodes.length; k++) if (Number.isNaN(graph.downloads[nodes[k]])) missing.push(nodes[k]);
  const statement = prepared(db, DOWNLOADS_SQL).raw(true);
  for (let from = 0; from < missing.length; from += DOWNLOADS_CHUNK) {
    const chunk = missing.slice(from, from + DOWNLOADS_CHUNK);
    for (const [at, downloads] of statement.iterate(
      JSON.stringify(chunk.map((v) => graph.ids.spelling(v))),
    ) as IterableIterator<[number, number | null]>) {
      graph.downloads[chunk[at]] = downloads ?? -1;
    }
  }
}
