// A slice of the lineage graph around one model (ancestors up, descendants down), trimmed to a node budget.
import type { Db } from "./open-database";
import { walkDescendants, type FamilyMember } from "./queries-descendants";
import { idKey } from "./id-key";
import { createLevelReader, relationAsDescendant, SOURCE_RANK, type EdgeScope, type LevelReader, type LinkRow } from "./queries-edges";
import { createNodeReader, type NodeInfo } from "./queries-nodes";
import type { Relation } from "./types";

export interface SliceOptions extends EdgeScope {
  /** Generations of ancestors to include. */
  up: number;
  /** Generations of descendants to include. */
  down: number;
  /** Follow only edges with these relations; null follows all. */
  relations: Relation[] | null;
  /** Node budget; above it the least significant descendants are left out. */
  limit: number;
}

export interface SliceNode extends NodeInfo {
  /** Hops from the focus: 0 the focus, +n descendants, -n ancestors. */
  generation: number;
  /** Its relation as a descendant (see relationAsDescendant), whatever the relations followed. */
  relation: Relation | null;
  /** Some of its children (with the relations asked for) are not in the slice. */
  hasHiddenChildren: boolean;
}

export interface GraphSliceResult {
  focus: string;
  nodes: SliceNode[];
  edges: LinkRow[];
  /** Models found within `up`/`down` before trimming to `limit`. */
  total: number;
  truncated: boolean;
  /** Models found but left out by trimming, per generation (only generations that lost some). */
  omitted: { generation: number; count: number }[];
}

interface Found {
  id: string;
  generation: number;
  relation: Relation | null;
}

export function getGraphSlice(db: Db, focusId: string, options: SliceOptions): GraphSliceResult {
  const reader = createLevelReader(db, options);
  const relations = options.relations ? new Set<Relation | null>(options.relations) : null;
  const follows = (link: LinkRow) => !relations || relations.has(link.relation);

  const focusKey = idKey(focusId);
  const down = walkDescendants(db, focusId, { includeInferred: options.includeInferred, maxDepth: options.down, relations: options.relations });
  const found = new Map<string, Found>([[focusKey, { id: focusId, generation: 0, relation: null }]]);
  for (const member of down.members) found.set(idKey(member.id), { id: member.id, generation: member.depth, relation: member.relation });
  const links: LinkRow[] = [...down.links];

  // Upwards, level by level; a model already found below (a cycle in bad data) keeps its first place.
  const ancestors: string[] = [];
  let level = [focusId];
  for (let generation = -1; generation >= -options.up && level.length; generation--) {
    const next: string[] = [];
    for (const link of reader.parentsOf(level).filter(follows)) {
      links.push(link);
      const key = idKey(link.parent);
      if (found.has(key)) continue;
      found.set(key, { id: link.parent, generation, relation: null });
      ancestors.push(key);
      next.push(link.parent);
    }
    level = next;
  }
  // The focus and every ancestor get their relation as descendants too (all their parents decide it).
  const upper = [focusId, ...ancestors.map((key) => (found.get(key) as Found).id)];
  const parentLinks = new Map<string, LinkRow[]>();
  for (const link of reader.parentsOf(upper)) {
    const key = idKey(link.child);
    const list = parentLinks.get(key);
    if (list) list.push(link);
    else parentLinks.set(key, [link]);
  }
  for (const [key, list] of parentLinks) {
    const node = found.get(key);
    if (node && node.generation <= 0) node.relation = relationAsDescendant(list);
  }

  const info = createNodeReader(db, options)([...found.values()].map((f) => f.id));
  const kept = chooseKept(focusKey, found, ancestors, down.members, info, options.limit);

  const omittedByGeneration = new Map<number, number>();
  for (const [key, node] of found) {
    if (!kept.has(key)) omittedByGeneration.set(node.generation, (omittedByGeneration.get(node.generation) ?? 0) + 1);
  }

  const edges = new Map<string, LinkRow>();
  for (const link of links) {
    const pair = `${idKey(link.parent)}\n${idKey(link.child)}`;
    if (!kept.has(idKey(link.parent)) || !kept.has(idKey(link.child))) continue;
    const known = edges.get(pair);
    if (!known || SOURCE_RANK[link.source] < SOURCE_RANK[known.source]) edges.set(pair, link);
  }

  const hidden = hiddenChildren(reader, focusId, found, kept, links, down.members, options);
  const nodes: SliceNode[] = [];
  for (const key of kept) {
    const node = found.get(key) as Found;
    const known = info.get(key) as NodeInfo;
    nodes.push({ ...known, generation: node.generation, relation: node.relation, hasHiddenChildren: hidden.has(key) });
  }
  const spelling = (id: string) => info.get(idKey(id))?.id ?? id;
  return {
    focus: spelling(focusId),
    nodes,
    edges: [...edges.values()].map((l) => ({ ...l, parent: spelling(l.parent), child: spelling(l.child) })),
    total: found.size,
    truncated: omittedByGeneration.size > 0,
    omitted: [...omittedByGeneration].sort((a, b) => a[0] - b[0]).map(([generation, count]) => ({ generation, count })),
  };
}

/**
 * Which models stay within `limit`: the focus, then the nearest ancestors (at most half the budget when
 * descendants compete for it), then descendants best-first along the spanning tree — a model is considered
 * only once its tree parent is kept, so the slice stays connected to the focus. Significance: descendant
 * count, then downloads, then id (for a stable answer).
 */
function chooseKept(
  focusKey: string,
  found: Map<string, Found>,
  ancestors: string[],
  members: FamilyMember[],
  info: Map<string, NodeInfo>,
  limit: number,
): Set<string> {
  if (found.size <= limit) return new Set(found.keys());
  const kept = new Set([focusKey]);

  const budget = limit - 1;
  const ancestorBudget = Math.min(ancestors.length, budget - Math.min(members.length, Math.floor(budget / 2)));
  for (const key of ancestors.slice(0, ancestorBudget)) kept.add(key);

  const childrenOf = new Map<string, string[]>();
  for (const member of members) {
    const parentKey = idKey(member.parent);
    const list = childrenOf.get(parentKey);
    if (list) list.push(idKey(member.id));
    else childrenOf.set(parentKey, [idKey(member.id)]);
  }
  const heap = new SignificanceHeap(info);
  for (const child of childrenOf.get(focusKey) ?? []) heap.push(child);
  while (kept.size < limit && heap.size) {
    const key = heap.pop();
    kept.add(key);
    for (const child of childrenOf.get(key) ?? []) heap.push(child);
  }
  return kept;
}

/** A binary max-heap of ids ordered by significance. */
class SignificanceHeap {
  private readonly items: string[] = [];
  constructor(private readonly info: Map<string, NodeInfo>) {}

  get size(): number {
    return this.items.length;
  }

  push(key: string): void {
    const items = this.items;
    items.push(key);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.isMore(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): string {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as string;
    if (items.length) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && this.isMore(items[left], items[best])) best = left;
        if (right < items.length && this.isMore(items[right], items[best])) best = right;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }

  private isMore(a: string, b: string): boolean {
    const x = this.info.get(a);
    const y = this.info.get(b);
    const dx = x?.descendants ?? 0;
    const dy = y?.descendants ?? 0;
    if (dx !== dy) return dx > dy;
    const wx = x?.downloads ?? -1;
    const wy = y?.downloads ?? -1;
    if (wx !== wy) return wx > wy;
    return a < b;
  }
}

/**
 * Kept models with a child outside the slice. Children of walked descendants are known from the walk; the
 * deepest generation and the ancestors need one more read each (ancestors usually have siblings of the path).
 * A deepest-generation model whose only children are already in the slice elsewhere is still marked: rare,
 * and expanding it is harmless.
 */
function hiddenChildren(
  reader: LevelReader,
  focusId: string,
  found: Map<string, Found>,
  kept: Set<string>,
  links: LinkRow[],
  members: FamilyMember[],
  options: SliceOptions,
): Set<string> {
  const hidden = new Set<string>();
  for (const link of links) {
    const parentKey = idKey(link.parent);
    const parent = found.get(parentKey);
    if (parent && parent.generation >= 0 && kept.has(parentKey) && !kept.has(idKey(link.child))) hidden.add(parentKey);
  }
  const deepest = options.down === 0 ? [focusId] : members.filter((m) => m.depth === options.down && kept.has(idKey(m.id))).map((m) => m.id);
  for (const key of reader.withChildren(deepest, options.relations)) hidden.add(key);
  const keptAncestors = [...kept].filter((key) => (found.get(key) as Found).generation < 0).map((key) => (found.get(key) as Found).id);
  const relations = options.relations ? new Set<Relation | null>(options.relations) : null;
  for (const link of reader.childrenOf(keptAncestors)) {
    if (relations && !relations.has(link.relation)) continue;
    if (!kept.has(idKey(link.child))) hidden.add(idKey(link.parent));
  }
  return hidden;
}
