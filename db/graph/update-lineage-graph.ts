// Brings a cached lineage graph up to date from the change journal (graph_changes, migration 8): links added or
// removed are merged into its rows in the links table's order and the compressed rows rebuilt in typed-array time,
// changed links, descendant counts and model fields patched in place; only the journal's rows and the changed rows
// are read from SQL. Answers false when the journal cannot tell (trimmed past the graph, a bulk rebuild, too long).
import { idKey } from "../../lineage/id-key";
import type { Db } from "../open-database";
import { getDataVersion } from "../queries/stats";
import { prepared } from "../statement-cache";
import { forgetGraphFields, growGraphFields } from "./graph-fields";
import { groupRows, LINK_CODE_SQL, type LineageGraph } from "./lineage-graph";
import { lowerBound } from "../../common/lower-bound";

/** A bound on one update's work (and memory for its rows): past this many journal rows the graph is read whole. */
export const MAX_APPLIED_CHANGES = 20_000;

const CHANGES_SQL = "SELECT seq, kind, id, child FROM graph_changes WHERE seq > ? ORDER BY seq LIMIT ?";
const LINK_SQL = `SELECT parent, child, ${LINK_CODE_SQL}, confidence FROM links WHERE parent = ? AND child = ?`;
const COUNTS_SQL = "SELECT declared_total, all_total FROM descendant_counts WHERE id = ?";
const RESET_SQL = "INSERT INTO graph_changes (kind) VALUES (0)";
const RESET = 0;
const LINK = 1;
const COUNTS = 2;

type LinkRow = [string, string, number, number];

/** A UTF-16 code unit moved so that code units compare as code points (UTF-8 bytes) do: surrogates above U+FFFF. */
const asCodePoint = (u: number) => (u >= 0xd800 && u < 0xe000 ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u);
const foldCase = (u: number) => (u >= 65 && u <= 90 ? u + 32 : u);

/** SQLite's NOCASE order (ASCII letters folded, then UTF-8 bytes). */
export function compareNocase(a: string, b: string): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const d = asCodePoint(foldCase(a.charCodeAt(i))) - asCodePoint(foldCase(b.charCodeAt(i)));
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The row of the link parent -> child, or -1. */
function findRow(graph: LineageGraph, parent: number, child: number): number {
  for (let k = graph.childStart[parent]; k < graph.childStart[parent + 1]; k++)
    if (graph.rowChild[graph.childRows[k]] === child) return graph.childRows[k];
  return -1;
}

function setSpelling(graph: LineageGraph, r: number, parent: string, child: string): void {
  const { ids } = graph;
  if (ids.spelling(graph.rowParent[r]) !== parent || ids.spelling(graph.rowChild[r]) !== child)
    graph.rowSpellings.set(r, [parent, child]);
  else graph.rowSpellings.delete(r);
}

function patchRow(graph: LineageGraph, r: number, [parent, child, code, confidence]: LinkRow): void {
  graph.rowRank[r] = code >> 3;
  graph.rowRelation[r] = code & 7;
  graph.rowConfidence[r] = confidence;
  setSpelling(graph, r, parent, child);
}

const grown = <T extends Int32Array | Float64Array>(old: T, size: number, fill: number): T => {
  const bigger = new (old.constructor as new (n: number) => T)(size);
  bigger.fill(fill);
  bigger.set(old.subarray(0, Math.min(old.length, size)));
  return bigger;
};

/** Rows without `removed`, with `added` merged in at their (parent, child) place, and the compressed rows again. */
function restructure(graph: LineageGraph, removed: Set<number>, added: LinkRow[]): number[] {
  const { ids } = graph;
  const newNodes: number[] = [];
  const number = (id: string) => {
    const before = ids.size;
    const v = ids.add(id);
    if (v === before) newNodes.push(v);
    return v;
  };
  const addedNodes = added.map(([parent, child]) => [number(parent), number(child)] as const);
  const order = added.map((_, k) => k);
  const comparePair = (p1: number, c1: number, p2: number, c2: number) =>
    compareNocase(ids.spelling(p1), ids.spelling(p2)) || compareNocase(ids.spelling(c1), ids.spelling(c2));
  order.sort((a, b) => comparePair(addedNodes[a][0], addedNodes[a][1], addedNodes[b][0], addedNodes[b][1]));
  const oldCount = graph.rowParent.length;
  /** The first old row after the added pair k. */
  const placeOf = (k: number) => {
    const [p, c] = addedNodes[k];
    return lowerBound(oldCount, (row) => comparePair(graph.rowParent[row], graph.rowChild[row], p, c) < 0);
  };
  const count = oldCount - removed.size + added.length;
  const rowParent = new Int32Array(count);
  const rowChild = new Int32Array(count);
  const rowRank = new Uint8Array(count);
  const rowRelation = new Uint8Array(count);
  const rowConfidence = new Float64Array(count);
  const oldSpellings = graph.rowSpellings;
  const rowSpellings = new Map<number, readonly [string, string]>();
  let at = 0;
  let next = 0;
  const copyOld = (until: number) => {
    for (; next < until; next++) {
      if (removed.has(next)) continue;
      rowParent[at] = graph.rowParent[next];
      rowChild[at] = graph.rowChild[next];
      rowRank[at] = graph.rowRank[next];
      rowRelation[at] = graph.rowRelation[next];
      rowConfidence[at] = graph.rowConfidence[next];
      const spelled = oldSpellings.get(next);
      if (spelled) rowSpellings.set(at, spelled);
      at++;
    }
  };
  const addedAt: number[] = [];
  for (const k of order) {
    copyOld(placeOf(k));
    rowParent[at] = addedNodes[k][0];
    rowChild[at] = addedNodes[k][1];
    addedAt.push(k, at);
    at++;
  }
  copyOld(oldCount);
  const size = ids.size;
  Object.assign(graph, { rowParent, rowChild, rowRank, rowRelation, rowConfidence, rowSpellings, size });
  for (let j = 0; j < addedAt.length; j += 2) patchRow(graph, addedAt[j + 1], added[addedAt[j]]);
  const down = groupRows(rowParent, size);
  const up = groupRows(rowChild, size);
  graph.childStart = down.start;
  graph.childRows = down.rows;
  graph.parentStart = up.start;
  graph.parentRows = up.rows;
  if (graph.scratch.length < size) {
    graph.declaredTotal = grown(graph.declaredTotal, size, 0);
    graph.allTotal = grown(graph.allTotal, size, 0);
    graph.downloads = grown(graph.downloads, size, Number.NaN);
    graph.scratch = new Int32Array(size).fill(-1);
    if (graph.fields) growGraphFields(graph.fields, size);
  }
  return newNodes;
}

/** Journals "everything changed": cached graphs read the graph whole (after a write the triggers did not see). */
export function journalGraphReset(db: Db): void {
  prepared(db, RESET_SQL).run();
}

/**
 * Applies the journal's rows after graph.seq to `graph` in one read snapshot; false (graph untouched) when the
 * journal cannot bring it up to date and the caller must read it whole.
 */
export function applyGraphChanges(db: Db, graph: LineageGraph): boolean {
  // Read before the snapshot starts, as readLineageGraph does: a commit in between only causes another update.
  const version = getDataVersion(db);
  return db.transaction(() => {
    const changes = prepared(db, CHANGES_SQL)
      .raw(true)
      .all(graph.seq, MAX_APPLIED_CHANGES + 1) as [number, number, string | null, string | null][];
    if (changes.length > MAX_APPLIED_CHANGES) return false;
    if (changes.length && changes[0][0] !== graph.seq + 1) return false;
    const pairs = new Map<string, [string, string]>();
    const counted = new Map<string, string>();
    const models = new Map<string, string>();
    for (const [, kind, id, child] of changes) {
      if (kind === RESET || id === null) return false;
      if (kind === LINK && child !== null) pairs.set(`${idKey(id)}\n${idKey(child)}`, [id, child]);
      else (kind === COUNTS ? counted : models).set(idKey(id), id);
    }
    const link = prepared(db, LINK_SQL).raw(true);
    const removed = new Set<number>();
    const added: LinkRow[] = [];
    for (const [parent, child] of pairs.values()) {
      const row = link.get(parent, child) as LinkRow | undefined;
      const p = graph.ids.find(parent);
      const c = graph.ids.find(child);
      const r = p >= 0 && c >= 0 ? findRow(graph, p, c) : -1;
      if (r >= 0 && row) patchRow(graph, r, row);
      else if (r >= 0) removed.add(r);
      else if (row) added.push(row);
    }
    if (removed.size || added.length)
      for (const v of restructure(graph, removed, added)) counted.set(idKey(graph.ids.spelling(v)), "");
    const counts = prepared(db, COUNTS_SQL).raw(true);
    for (const [key, id] of counted) {
      const v = graph.ids.find(id || key);
      if (v < 0) continue;
      const row = counts.get(graph.ids.spelling(v)) as [number, number] | undefined;
      graph.declaredTotal[v] = row?.[0] ?? 0;
      graph.allTotal[v] = row?.[1] ?? 0;
    }
    for (const id of models.values()) {
      const v = graph.ids.find(id);
      if (v < 0) continue;
      graph.downloads[v] = Number.NaN;
      forgetGraphFields(graph, v);
    }
    if (changes.length) graph.seq = changes[changes.length - 1][0];
    graph.version = version;
    return true;
  })();
}
