// Downward walks: the distinct descendants of a model with depth and relation, and their keyset-paginated list.
import { readMemberNodes, walkDescendantsInGraph } from "../graph/walk-lineage-graph";
import type { Db } from "../open-database";
import { idKey } from "../../lineage/id-key";
import { sourceRank } from "../../lineage/source-precedence";
import { createLevelReader, relationAsDescendant, type EdgeScope, type LinkRow } from "./edges";
import type { NodeInfo } from "./nodes";
import type { EdgeSource, Relation } from "../../lineage/types";
import { lowerBound } from "../../common/lower-bound";

/**
 * A descendant, reached first at `depth` hops through `parent` (source and confidence are that link's).
 * `relation` is the model's relation as a descendant (see relationAsDescendant): the relation it is counted
 * under in descendant_counts, usually the relation of its link to `parent`.
 */
export interface FamilyMember {
  id: string;
  depth: number;
  parent: string;
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
}

export interface WalkOptions extends EdgeScope {
  /** Stop after this many hops below the start (default: no limit; the visited set ends cycles). */
  maxDepth?: number;
}

/**
 * The distinct descendants of `start` (one model, or several walked together) in breadth-first order (the starts left
 * out even when a cycle leads back to them), walked on the in-memory lineage graph of the current data version
 * (db/graph/walk-lineage-graph.ts): one pass over the family, no statement per level.
 */
export function walkDescendants(db: Db, start: string | string[], options: WalkOptions): FamilyMember[] {
  return walkDescendantsInGraph(db, start, options);
}

/**
 * walkDescendants in SQL (the oracle of the graph walk's specs), two statements per level: children of the level, then all parents of the
 * new models, which decide their relation. When several parents reach a model at the same depth, the reported one is
 * the best source, then the smallest id, so the answer does not depend on row order.
 */
export function walkDescendantsSql(db: Db, start: string | string[], options: WalkOptions): FamilyMember[] {
  const reader = createLevelReader(db, options);
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  let frontier = typeof start === "string" ? [start] : [...start];
  const seen = new Set<string>(frontier.map(idKey));
  const members: FamilyMember[] = [];
  for (let depth = 1; frontier.length && depth <= maxDepth; depth++) {
    const chosen = new Map<string, LinkRow>();
    for (const link of reader.childrenOf(frontier)) {
      const key = idKey(link.child);
      if (seen.has(key)) continue;
      const kept = chosen.get(key);
      if (!kept || isBetterParent(link, kept)) chosen.set(key, link);
    }
    frontier = [...chosen.values()].map((link) => link.child);
    const parentLinks = groupByChild(reader.parentsOf(frontier));
    for (const [key, link] of chosen) {
      seen.add(key);
      const relation = relationAsDescendant(parentLinks.get(key) ?? [link]);
      members.push({
        id: link.child,
        depth,
        parent: link.parent,
        relation,
        source: link.source,
        confidence: link.confidence,
      });
    }
  }
  return members;
}

function groupByChild(links: LinkRow[]): Map<string, LinkRow[]> {
  const byChild = new Map<string, LinkRow[]>();
  for (const link of links) {
    const key = idKey(link.child);
    const list = byChild.get(key);
    if (list) list.push(link);
    else byChild.set(key, [link]);
  }
  return byChild;
}

function isBetterParent(candidate: LinkRow, kept: LinkRow): boolean {
  const rank = sourceRank(candidate.source) - sourceRank(kept.source);
  return rank !== 0 ? rank < 0 : idKey(candidate.parent) < idKey(kept.parent);
}

export const DESCENDANT_SORTS = ["downloads", "likes", "created", "depth"] as const;
export type DescendantSort = (typeof DESCENDANT_SORTS)[number];

/** Where a page ends: the sort value of its last item and that item's id (the tie-break). */
export interface DescendantKey {
  value: number | string;
  id: string;
}

export interface DescendantItem extends FamilyMember {
  author: string | null;
  createdAt: string | null;
  downloads: number | null;
  likes: number | null;
  descendants: number;
}

export interface DescendantPage {
  items: DescendantItem[];
  /** The key to pass as `after` for the next page; null on the last page. */
  next: DescendantKey | null;
  /** All descendants matching the filters, over every page. */
  total: number;
}

export interface SortDescendantsOptions extends EdgeScope {
  relation?: Relation | null;
  maxDepth?: number;
  sort: DescendantSort;
}

/**
 * Sort keys: downloads/likes/created descending (unknown last), depth ascending; ties by case-folded id
 * ascending. The order is total, so keyset pages never repeat nor skip a model that did not change.
 */
function sortValue(item: DescendantItem, sort: DescendantSort): number | string {
  switch (sort) {
    case "downloads":
      return item.downloads ?? -1;
    case "likes":
      return item.likes ?? -1;
    case "created":
      return item.createdAt ?? "";
    case "depth":
      return item.depth;
  }
}

function compareKeys(a: DescendantKey, b: DescendantKey, sort: DescendantSort): number {
  if (a.value !== b.value) {
    const ascending = a.value < b.value ? -1 : 1;
    return sort === "depth" ? ascending : -ascending;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A model's descendants, filtered and in page order, with their sort keys: the input of pageDescendants. */
export interface SortedDescendants {
  sort: DescendantSort;
  keyed: { item: DescendantItem; key: DescendantKey }[];
}

export function sortDescendants(db: Db, id: string, options: SortDescendantsOptions): SortedDescendants {
  const members = walkDescendants(db, id, { includeInferred: options.includeInferred, maxDepth: options.maxDepth });
  const wanted = options.relation ? members.filter((m) => m.relation === options.relation) : members;
  const info = readMemberNodes(db, wanted, options);
  const items = wanted.map((member, k) => toItem(member, info[k]));
  // Sorted by number rather than by the keys' objects: 150,000 items sort in a fraction of the time.
  const values = items.map((item) => sortValue(item, options.sort));
  const ids = items.map((item) => idKey(item.id));
  const order = items.map((_, k) => k);
  const descending = options.sort !== "depth";
  order.sort((a, b) => {
    if (values[a] !== values[b]) return values[a] < values[b] === descending ? 1 : -1;
    return ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0;
  });
  const keyed = order.map((k) => ({ item: items[k], key: { value: values[k], id: ids[k] } }));
  return { sort: options.sort, keyed };
}

/** The `limit` items after `after` (from the start when null). */
export function pageDescendants(sorted: SortedDescendants, after: DescendantKey | null, limit: number): DescendantPage {
  const { keyed, sort } = sorted;
  const start = after ? firstAfter(keyed, after, sort) : 0;
  const page = keyed.slice(start, start + limit);
  const hasMore = start + limit < keyed.length;
  return {
    items: page.map((k) => k.item),
    next: hasMore && page.length ? page[page.length - 1].key : null,
    total: keyed.length,
  };
}

/** Binary search for the first key strictly after `after` in the sorted list. */
function firstAfter(keyed: { key: DescendantKey }[], after: DescendantKey, sort: DescendantSort): number {
  return lowerBound(keyed.length, (i) => compareKeys(keyed[i].key, after, sort) <= 0);
}

function toItem(member: FamilyMember, info: NodeInfo | undefined): DescendantItem {
  // Spelled out rather than spread: measured several times faster for 150,000 items.
  return {
    id: info?.id ?? member.id,
    depth: member.depth,
    parent: member.parent,
    relation: member.relation,
    source: member.source,
    confidence: member.confidence,
    author: info?.author ?? null,
    createdAt: info?.createdAt ?? null,
    downloads: info?.downloads ?? null,
    likes: info?.likes ?? null,
    descendants: info?.descendants ?? 0,
  };
}
