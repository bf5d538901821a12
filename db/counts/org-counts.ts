// Per-author derivative counts (org_counts): the distinct models by other authors below any of an author's models.
//
// Semantics (CONTRACTS.md, GET /api/orgs/<author> `derivatives`): an author's models are the stored models with
// that author; a derivative is a stored model by another author with one of them among its ancestors (declared
// links, or all links for the all_* columns); it counts once, under its relation as a descendant
// (the rule descendant_counts uses, read from the same counting graph: db/counts/count-graph.ts); `authors` is how many distinct authors made them.
//
// How: every stored model with parents is walked up through its ancestor set once, breadth-first, crediting each
// distinct other author met on the way: O(sum of ancestor-set sizes), the cost of rebuildDescendantCounts.
import { NO_RELATION } from "../../lineage/counted-relation";
import { idKey } from "../../lineage/id-key";
import type { Db } from "../open-database";
import { authorOf } from "../queries/nodes";
import { prepared, preparedPluck } from "../statement-cache";
import type { CountGraph } from "./count-graph";
import { readCountGraph, type RelationCounts } from "./descendant-counts";
import type { ParentRows } from "./parent-rows";

export interface OrgDerivativeCounts extends RelationCounts {
  /** Distinct authors of those derivatives. */
  authors: number;
}

export interface OrgCountsRow {
  /** The author's spelling as stored. */
  author: string;
  /** The author's stored models. */
  models: number;
  declared: OrgDerivativeCounts;
  all: OrgDerivativeCounts;
}

const MODELS_SQL = "SELECT id, author FROM models";
const STALE_SQL = "SELECT stale FROM org_counts_state WHERE id = 1";
const SET_FRESH_SQL = "UPDATE org_counts_state SET stale = 0 WHERE id = 1";
const CLEAR_SQL = "DELETE FROM org_counts";
const INSERT_SQL = `
  INSERT INTO org_counts (author, models, declared_total, declared_finetune, declared_adapter, declared_quantized,
    declared_merge, declared_authors, all_total, all_finetune, all_adapter, all_quantized, all_merge, all_authors)
  VALUES (@author, @models, @dt, @df, @da, @dq, @dm, @dn, @at, @af, @aa, @aq, @am, @an)`;

/** True when edges or models changed since org_counts was last rebuilt. */
export function isOrgCountsStale(db: Db): boolean {
  return preparedPluck(db, STALE_SQL).get() !== 0;
}

/** Rebuilds org_counts from the whole graph when it is stale; true when it did. */
export function refreshOrgCounts(db: Db): boolean {
  if (!isOrgCountsStale(db)) return false;
  rebuildOrgCounts(db);
  return true;
}

/** Recomputes org_counts in full and marks it fresh. */
export function rebuildOrgCounts(db: Db): void {
  db.transaction(() => storeOrgCounts(db, computeOrgCounts(db))).immediate();
}

/** Replaces org_counts with `rows` and marks it fresh; call it in a transaction. */
export function storeOrgCounts(db: Db, rows: readonly OrgCountsRow[]): void {
  prepared(db, CLEAR_SQL).run();
  const insert = prepared(db, INSERT_SQL);
  for (const row of rows) {
    insert.run({
      author: row.author,
      models: row.models,
      ...countValues("d", row.declared),
      ...countValues("a", row.all),
    });
  }
  prepared(db, SET_FRESH_SQL).run();
}

function countValues(prefix: "d" | "a", counts: OrgDerivativeCounts): Record<string, number> {
  return {
    [`${prefix}t`]: counts.total,
    [`${prefix}f`]: counts.finetune,
    [`${prefix}a`]: counts.adapter,
    [`${prefix}q`]: counts.quantized,
    [`${prefix}m`]: counts.merge,
    [`${prefix}n`]: counts.authors,
  };
}

/** Every author with at least one derivative (all links), computed from the edges and models tables in memory. */
export function computeOrgCounts(db: Db): OrgCountsRow[] {
  return orgCountsOf(db, readCountGraph(db));
}

const NO_AUTHOR = -1;

/**
 * computeOrgCounts on `graph`, the counting graph of the stored edges (what rebuildDescendantCounts reads, so a bulk
 * merge reads the edges once for both): each pair's effective link per mode and each model's relation as a
 * descendant are the ones descendant_counts uses.
 */
export function orgCountsOf(db: Db, graph: CountGraph): OrgCountsRow[] {
  const authors: string[] = [];
  const modelsOf: number[] = [];
  const authorIndex = new Map<string, number>();
  const authorOfNode = new Int32Array(graph.size).fill(NO_AUTHOR);
  for (const [id, author] of prepared(db, MODELS_SQL).raw().iterate() as IterableIterator<[string, string | null]>) {
    // As the node readers do: a stored model without an author field belongs to its id's owner.
    const owner = author ?? authorOf(id);
    if (owner === null) continue;
    const key = idKey(owner);
    let org = authorIndex.get(key);
    if (org === undefined) {
      org = authors.length;
      authorIndex.set(key, org);
      authors.push(owner);
      modelsOf.push(0);
    }
    modelsOf[org]++;
    const node = graph.nodeOf(idKey(id));
    if (node !== undefined) authorOfNode[node] = org;
  }
  const declared = countOrgs(graph.modeRows(false), authorOfNode, authors.length);
  const all = countOrgs(graph.modeRows(true), authorOfNode, authors.length);
  const rows: OrgCountsRow[] = [];
  for (let org = 0; org < authors.length; org++) {
    if (all.total[org] === 0) continue;
    rows.push({
      author: authors[org],
      models: modelsOf[org],
      declared: declared.countsOf(org),
      all: all.countsOf(org),
    });
  }
  return rows;
}

/** Walks up from every model with parents, crediting each distinct other author met on the way once. */
function countOrgs(
  mode: ParentRows & { relationOf(node: number): number },
  authorOfNode: Int32Array,
  orgs: number,
): { total: Int32Array; countsOf(org: number): OrgDerivativeCounts } {
  const { start, parents } = mode;
  const n = authorOfNode.length;
  const total = new Int32Array(orgs);
  const byRelation = new Int32Array(orgs * 4);
  /** Per org, the distinct derivative authors met so far. */
  const makers = new Map<number, Set<number>>();
  const seen = new Int32Array(n);
  const orgSeen = new Int32Array(orgs);
  const queue = new Int32Array(n);
  for (let leaf = 0; leaf < n; leaf++) {
    const maker = authorOfNode[leaf];
    if (maker === NO_AUTHOR || start[leaf] === start[leaf + 1]) continue;
    const relation = mode.relationOf(leaf);
    const mark = leaf + 1;
    seen[leaf] = mark;
    queue[0] = leaf;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head];
      for (let i = start[v]; i < start[v + 1]; i++) {
        const p = parents[i];
        if (seen[p] === mark) continue;
        seen[p] = mark;
        queue[tail++] = p;
        const org = authorOfNode[p];
        if (org === NO_AUTHOR || org === maker || orgSeen[org] === mark) continue;
        orgSeen[org] = mark;
        total[org]++;
        if (relation !== NO_RELATION) byRelation[org * 4 + relation - 1]++;
        let set = makers.get(org);
        if (!set) {
          set = new Set();
          makers.set(org, set);
        }
        set.add(maker);
      }
    }
  }
  return {
    total,
    countsOf: (org) => ({
      total: total[org],
      finetune: byRelation[org * 4],
      adapter: byRelation[org * 4 + 1],
      quantized: byRelation[org * 4 + 2],
      merge: byRelation[org * 4 + 3],
      authors: makers.get(org)?.size ?? 0,
    }),
  };
}
