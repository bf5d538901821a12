// Per-author derivative counts (org_counts): the distinct models by other authors below any of an author's models.
//
// Semantics (CONTRACTS.md, GET /api/orgs/<author> `derivatives`): an author's models are the stored models with
// that author; a derivative is a stored model by another author with one of them among its ancestors (declared
// links, or all links for the all_* columns); it counts once, under its relation as a descendant
// (relationAsDescendant, the rule descendant_counts uses); `authors` is how many distinct authors made them.
//
// How: every stored model with parents is walked up through its ancestor set once, breadth-first, crediting each
// distinct other author met on the way: O(sum of ancestor-set sizes), the cost of rebuildDescendantCounts.
import { idKey } from "../../lineage/id-key";
import { RELATIONS, type EdgeSource, type Relation } from "../../lineage/types";
import type { Db } from "../open-database";
import { relationAsDescendant, type LinkRow } from "../queries/edges";
import { sourceRank } from "../../lineage/source-precedence";
import { authorOf } from "../queries/nodes";
import { prepared, preparedPluck } from "../statement-cache";
import type { RelationCounts } from "./descendant-counts";
import { parentRows } from "./parent-rows";

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
const EDGES_SQL = "SELECT parent, child, source, relation FROM edges ORDER BY child, parent";
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
  db.transaction(() => {
    const rows = computeOrgCounts(db);
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
  }).immediate();
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
  const graph = new OrgGraph();
  for (const { id, author } of prepared(db, MODELS_SQL).iterate() as IterableIterator<{
    id: string;
    author: string | null;
  }>) {
    // As the node readers do: a stored model without an author field belongs to its id's owner.
    const owner = author ?? authorOf(id);
    if (owner !== null) graph.addModel(id, owner);
  }
  let links: LinkRow[] = [];
  const flush = () => {
    if (links.length) graph.addParents(links);
    links = [];
  };
  for (const [parent, child, source, relation] of prepared(db, EDGES_SQL).raw().iterate() as IterableIterator<
    [string, string, EdgeSource, Relation | null]
  >) {
    if (links.length && idKey(links[0].child) !== idKey(child)) flush();
    links.push({ parent, child, source, relation, confidence: 1 });
  }
  flush();
  const declared = graph.count(false);
  const all = graph.count(true);
  const rows: OrgCountsRow[] = [];
  for (let org = 0; org < graph.authors.length; org++) {
    if (all.total[org] === 0) continue;
    rows.push({
      author: graph.authors[org],
      models: graph.modelsOf[org],
      declared: declared.countsOf(org),
      all: all.countsOf(org),
    });
  }
  return rows;
}

const NO_AUTHOR = -1;

/** Numbered models with their author and, per mode, their parents and relation as a descendant. */
class OrgGraph {
  readonly authors: string[] = [];
  readonly modelsOf: number[] = [];
  private readonly authorIndex = new Map<string, number>();
  private readonly index = new Map<string, number>();
  private readonly authorOfNode: number[] = [];
  private readonly pairChild: number[] = [];
  private readonly pairParent: number[] = [];
  private readonly pairDeclared: boolean[] = [];
  /** Relation code (0 = none, 1.. = RELATIONS[code - 1]) per node, per mode. */
  private readonly declaredRelation: number[] = [];
  private readonly allRelation: number[] = [];

  addModel(id: string, author: string): void {
    const key = idKey(author);
    let org = this.authorIndex.get(key);
    if (org === undefined) {
      org = this.authors.length;
      this.authorIndex.set(key, org);
      this.authors.push(author);
      this.modelsOf.push(0);
    }
    this.modelsOf[org]++;
    this.authorOfNode[this.node(id)] = org;
  }

  /** All stored links of one child, sorted by parent. */
  addParents(links: LinkRow[]): void {
    const effective: LinkRow[] = [];
    const declaredEffective: LinkRow[] = [];
    const isDeclared: boolean[] = [];
    // One link per (parent, child) pair and mode: its best-ranked source.
    for (let i = 0; i < links.length; ) {
      const parentKey = idKey(links[i].parent);
      let best: LinkRow | null = null;
      let bestDeclared: LinkRow | null = null;
      for (; i < links.length && idKey(links[i].parent) === parentKey; i++) {
        const link = links[i];
        if (!best || sourceRank(link.source) < sourceRank(best.source)) best = link;
        if (link.source !== "inferred" && (!bestDeclared || sourceRank(link.source) < sourceRank(bestDeclared.source)))
          bestDeclared = link;
      }
      if (!best || parentKey === idKey(best.child)) continue;
      effective.push(best);
      isDeclared.push(bestDeclared !== null);
      if (bestDeclared) declaredEffective.push(bestDeclared);
    }
    if (!effective.length) return;
    const child = this.node(links[0].child);
    this.allRelation[child] = relationCode(relationAsDescendant(effective));
    this.declaredRelation[child] = relationCode(relationAsDescendant(declaredEffective));
    effective.forEach((link, i) => {
      this.pairChild.push(child);
      this.pairParent.push(this.node(link.parent));
      this.pairDeclared.push(isDeclared[i]);
    });
  }

  private node(id: string): number {
    const key = idKey(id);
    let node = this.index.get(key);
    if (node === undefined) {
      node = this.index.size;
      this.index.set(key, node);
      this.authorOfNode[node] = NO_AUTHOR;
      this.declaredRelation[node] = 0;
      this.allRelation[node] = 0;
    }
    return node;
  }

  count(includeInferred: boolean): { total: Int32Array; countsOf(org: number): OrgDerivativeCounts } {
    const n = this.index.size;
    const orgs = this.authors.length;
    const pairs = { child: this.pairChild, parent: this.pairParent, declared: this.pairDeclared };
    const { start, parents } = parentRows(n, pairs, includeInferred);
    const relations = includeInferred ? this.allRelation : this.declaredRelation;
    const total = new Int32Array(orgs);
    const byRelation = new Int32Array(orgs * 4);
    /** Per org, the distinct derivative authors met so far. */
    const makers = new Map<number, Set<number>>();
    const seen = new Int32Array(n);
    const orgSeen = new Int32Array(orgs);
    const queue = new Int32Array(n);
    for (let leaf = 0; leaf < n; leaf++) {
      const maker = this.authorOfNode[leaf];
      if (maker === NO_AUTHOR || start[leaf] === start[leaf + 1]) continue;
      const relation = relations[leaf];
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
          const org = this.authorOfNode[p];
          if (org === NO_AUTHOR || org === maker || orgSeen[org] === mark) continue;
          orgSeen[org] = mark;
          total[org]++;
          if (relation !== 0) byRelation[org * 4 + relation - 1]++;
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
}

function relationCode(relation: Relation | null): number {
  return relation === null ? 0 : RELATIONS.indexOf(relation) + 1;
}
