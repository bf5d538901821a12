// A slice of the lineage graph around one model (ancestors up, descendants down), trimmed to a node budget.
import { idKey } from "./id-key";
import type { Db } from "./open-database";
import { getGenerationCounts } from "./descendant-counts";
import { createLevelReader, createParentReader, relationAsDescendant, SOURCE_RANK, type EdgeScope, type LinkRow } from "./queries-edges";
import { authorOf, createNodeReader, type NodeInfo } from "./queries-nodes";
import { prepared, preparedPluck } from "./statement-cache";
import type { EdgeSource, Relation } from "./types";

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

// One statement per level of the downward walk, with what the slice shows of each child, so no model is looked up
// twice (this SQL string is used in raw mode only).
const WALK_SQL = `
  SELECT e.parent, e.child, e.relation, e.source, e.confidence,
         m.id, m.author, m.created_at, m.downloads, m.likes,
         CASE WHEN @inferred THEN dc.all_total ELSE dc.declared_total END
  FROM json_each(@ids) AS j JOIN edges AS e ON e.parent = j.value
  LEFT JOIN models AS m ON m.id = e.child
  LEFT JOIN descendant_counts AS dc ON dc.id = e.child
  WHERE e.source <> 'inferred' OR @inferred`;
const CHILDREN_OF_SQL = `SELECT child, relation FROM edges WHERE parent = ? AND (source <> 'inferred' OR ?)`;

type WalkRow = [string, string, Relation | null, EdgeSource, number, string | null, string | null, string | null, number | null, number | null, number | null];

/** A link between two found models, by number. */
interface SliceLink {
  parent: number;
  child: number;
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
}

/** relationAsDescendant over numbered links (self-loops already left out). */
function relationOfLinks(links: SliceLink[]): Relation | null {
  if (links.some((link) => link.relation === "merge")) return "merge";
  const best = Math.min(...links.map((link) => SOURCE_RANK[link.source]));
  const order: Relation[] = ["finetune", "adapter", "quantized"];
  return order.find((r) => links.some((link) => SOURCE_RANK[link.source] === best && link.relation === r)) ?? null;
}

/** The models found, numbered (0 = the focus), with their place in the slice and the links between them. */
class Found {
  readonly index = new Map<string, number>();
  readonly ids: string[] = [];
  /** idKey of each id, computed once. */
  readonly keys: string[] = [];
  /** What the slice shows of each model (for descendants: read by the walk). */
  readonly info: NodeInfo[] = [];
  readonly generation: number[] = [];
  /** The parent that reached a descendant first (best source, then smallest id): the spanning tree. */
  readonly treeParent: number[] = [];
  private readonly treeRank: number[] = [];
  readonly links: SliceLink[] = [];

  add(id: string, key: string, info: NodeInfo, generation: number, treeParent: number, treeRank: number): number {
    const i = this.ids.length;
    this.index.set(key, i);
    this.ids.push(id);
    this.keys.push(key);
    this.info.push(info);
    this.generation.push(generation);
    this.treeParent.push(treeParent);
    this.treeRank.push(treeRank);
    return i;
  }

  /** Another parent reaching `child` on the same level replaces the tree parent when it ranks better. */
  offerTreeParent(child: number, parent: number, rank: number): void {
    const kept = this.treeParent[child];
    if (rank < this.treeRank[child] || (rank === this.treeRank[child] && this.keys[parent] < this.keys[kept])) {
      this.treeParent[child] = parent;
      this.treeRank[child] = rank;
    }
  }

  /** Records a link; rows of one pair arrive together (primary-key order), and the best source stays. */
  link(parent: number, child: number, relation: Relation | null, source: EdgeSource, confidence: number): void {
    const last = this.links[this.links.length - 1];
    if (last && last.parent === parent && last.child === child) {
      if (SOURCE_RANK[source] < SOURCE_RANK[last.source]) Object.assign(last, { relation, source, confidence });
      return;
    }
    this.links.push({ parent, child, relation, source, confidence });
  }
}

export function getGraphSlice(db: Db, focusId: string, options: SliceOptions): GraphSliceResult {
  return rankedSlice(db, focusId, options) ?? walkedSlice(db, focusId, options);
}

/** The slice from a walk of every model within `down` (any relations filter, cycles through the focus). */
function walkedSlice(db: Db, focusId: string, options: SliceOptions): GraphSliceResult {
  const reader = createLevelReader(db, options);
  const readNodes = createNodeReader(db, options);
  const follows = options.relations ? new Set<Relation | null>(options.relations) : null;
  const inferred = options.includeInferred ? 1 : 0;

  const found = new Found();
  found.add(focusId, idKey(focusId), readNodes([focusId]).get(idKey(focusId)) as NodeInfo, 0, -1, 0);
  const walk = prepared(db, WALK_SQL).raw(true);
  let frontier = [0];
  for (let depth = 1; depth <= options.down && frontier.length; depth++) {
    const next: number[] = [];
    let lastParent = "";
    let parentIndex = -1;
    const ids = JSON.stringify(frontier.map((i) => found.ids[i]));
    for (const row of walk.all({ ids, inferred }) as WalkRow[]) {
      const [parent, child, relation, source, confidence] = row;
      if (follows && !follows.has(relation)) continue;
      if (parent !== lastParent) {
        lastParent = parent;
        parentIndex = found.index.get(idKey(parent)) as number;
      }
      const childKey = idKey(child);
      let childIndex = found.index.get(childKey);
      if (childIndex === undefined) {
        childIndex = found.add(child, childKey, nodeInfo(child, row), depth, parentIndex, SOURCE_RANK[source]);
        next.push(childIndex);
      } else if (found.generation[childIndex] === depth) {
        found.offerTreeParent(childIndex, parentIndex, SOURCE_RANK[source]);
      }
      found.link(parentIndex, childIndex, relation, source, confidence);
    }
    frontier = next;
  }
  const deepest = frontier;
  const descendantCount = found.ids.length - 1;

  // Upwards, level by level; a model already found below (a cycle in bad data) keeps its first place.
  const ancestors: number[] = [];
  let level = [focusId];
  for (let generation = -1; generation >= -options.up && level.length; generation--) {
    const nextLevel: string[] = [];
    for (const link of reader.parentsOf(level)) {
      if (follows && !follows.has(link.relation)) continue;
      const parentKey = idKey(link.parent);
      let parentIndex = found.index.get(parentKey);
      if (parentIndex === undefined) {
        parentIndex = found.add(link.parent, parentKey, UNREAD, generation, -1, 0);
        ancestors.push(parentIndex);
        nextLevel.push(link.parent);
      }
      found.link(parentIndex, found.index.get(idKey(link.child)) as number, link.relation, link.source, link.confidence);
    }
    level = nextLevel;
  }

  for (const [key, node] of readNodes(ancestors.map((i) => found.ids[i]))) found.info[found.index.get(key) as number] = node;
  const kept = chooseKept(found, descendantCount, ancestors, options.limit);

  const omitted = new Map<number, number>();
  found.generation.forEach((generation, i) => {
    if (!kept[i]) omitted.set(generation, (omitted.get(generation) ?? 0) + 1);
  });

  // A descendant's relation comes from its links within the slice (a model's base_model tags share one relation
  // on the Hub, so its other parents rarely disagree); the focus and ancestors read all their parent links.
  const relation: (Relation | null)[] = new Array(found.ids.length).fill(null);
  const inLinks = new Map<number, SliceLink[]>();
  for (const link of found.links) {
    if (found.generation[link.child] <= 0 || link.parent === link.child) continue;
    const list = inLinks.get(link.child);
    if (list) list.push(link);
    else inLinks.set(link.child, [link]);
  }
  for (const [child, list] of inLinks) relation[child] = list.length === 1 ? list[0].relation : relationOfLinks(list);
  const upperLinks = new Map<number, LinkRow[]>();
  for (const link of reader.parentsOf([0, ...ancestors].filter((i) => kept[i]).map((i) => found.ids[i]))) {
    const child = found.index.get(idKey(link.child)) as number;
    upperLinks.set(child, [...(upperLinks.get(child) ?? []), link]);
  }
  for (const [child, list] of upperLinks) relation[child] = relationAsDescendant(list);

  const hidden = hiddenChildren(db, found, kept, deepest, reader.withChildren(deepest.filter((i) => kept[i]).map((i) => found.ids[i]), options.relations), options);
  const nodes: SliceNode[] = [];
  for (let i = 0; i < found.ids.length; i++) {
    if (!kept[i]) continue;
    nodes.push({ ...found.info[i], generation: found.generation[i], relation: relation[i], hasHiddenChildren: hidden[i] === 1 });
  }
  const spelling = (i: number) => found.info[i].id;
  const edges = new Map<number, LinkRow>();
  const n = found.ids.length;
  for (const link of found.links) {
    if (!kept[link.parent] || !kept[link.child]) continue;
    const pair = link.parent * n + link.child;
    const known = edges.get(pair);
    if (known && SOURCE_RANK[known.source] <= SOURCE_RANK[link.source]) continue;
    edges.set(pair, { parent: spelling(link.parent), child: spelling(link.child), relation: link.relation, source: link.source, confidence: link.confidence });
  }
  return {
    focus: spelling(0),
    nodes,
    edges: [...edges.values()],
    total: found.ids.length,
    truncated: omitted.size > 0,
    omitted: [...omitted].sort((a, b) => a[0] - b[0]).map(([generation, count]) => ({ generation, count })),
  };
}

/** A model not read yet (ancestors are read in one batch once the walk is over). */
const UNREAD: NodeInfo = { id: "", author: null, createdAt: null, downloads: null, likes: null, descendants: 0, isStored: false };

function nodeInfo(asked: string, row: WalkRow): NodeInfo {
  const [, , , , , stored, author, createdAt, downloads, likes, descendants] = row;
  return { id: stored ?? asked, author: author ?? authorOf(stored ?? asked), createdAt, downloads, likes, descendants: descendants ?? 0, isStored: stored !== null };
}

/**
 * Which models stay within `limit` (a 0/1 flag per found model): the focus, then the nearest ancestors (at most
 * half the budget when descendants compete for it), then descendants best-first along the spanning tree — a
 * model is considered only once its tree parent is kept, so the slice stays connected to the focus.
 * Significance: descendant count, then downloads, then id (for a stable answer).
 */
function chooseKept(found: Found, descendantCount: number, ancestors: number[], limit: number): Uint8Array {
  const n = found.ids.length;
  const kept = new Uint8Array(n);
  if (n <= limit) return kept.fill(1);
  kept[0] = 1;
  let count = 1;
  const budget = limit - 1;
  const ancestorBudget = Math.min(ancestors.length, budget - Math.min(descendantCount, Math.floor(budget / 2)));
  for (const i of ancestors.slice(0, ancestorBudget)) {
    kept[i] = 1;
    count++;
  }

  // Children along the spanning tree, as compressed rows: children[start[v] .. start[v + 1]).
  const start = new Int32Array(n + 1);
  for (let i = 1; i <= descendantCount; i++) start[found.treeParent[i] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const children = new Int32Array(start[n]);
  const fill = start.slice(0, n);
  for (let i = 1; i <= descendantCount; i++) children[fill[found.treeParent[i]]++] = i;

  const { info, keys } = found;
  const isMore = (a: number, b: number) =>
    info[a].descendants !== info[b].descendants
      ? info[a].descendants > info[b].descendants
      : info[a].downloads !== info[b].downloads
        ? (info[a].downloads ?? -1) > (info[b].downloads ?? -1)
        : keys[a] < keys[b];
  const heap = new ObjectHeap<number>(isMore);
  for (let k = start[0]; k < start[1]; k++) heap.push(children[k]);
  while (count < limit && heap.size) {
    const v = heap.pop();
    kept[v] = 1;
    count++;
    for (let k = start[v]; k < start[v + 1]; k++) heap.push(children[k]);
  }
  return kept;
}

/** A binary max-heap under `isMore`. */
class ObjectHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly isMore: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.isMore(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): T {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as T;
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
}

/**
 * A 0/1 flag per found model: kept, with a child outside the slice. Children of walked descendants are known
 * from the walk; for the deepest generation `deepestWithChildren` says which have any; an ancestor's children
 * are read until one outside the slice turns up (usually the first: the siblings of the path). A deepest model
 * whose only children are in the slice elsewhere is still marked: rare, and expanding it is harmless.
 */
function hiddenChildren(db: Db, found: Found, kept: Uint8Array, deepest: number[], deepestWithChildren: Set<string>, options: SliceOptions): Uint8Array {
  const hidden = new Uint8Array(found.ids.length);
  for (const link of found.links) {
    if (kept[link.parent] && !kept[link.child] && found.generation[link.parent] >= 0) hidden[link.parent] = 1;
  }
  for (const i of deepest) if (kept[i] && deepestWithChildren.has(idKey(found.ids[i]))) hidden[i] = 1;
  const follows = options.relations ? new Set<Relation | null>(options.relations) : null;
  const children = prepared(db, CHILDREN_OF_SQL);
  for (let i = 0; i < found.ids.length; i++) {
    if (!kept[i] || found.generation[i] >= 0) continue;
    for (const row of children.iterate(found.ids[i], options.includeInferred ? 1 : 0) as IterableIterator<{ child: string; relation: Relation | null }>) {
      if (follows && !follows.has(row.relation)) continue;
      const child = found.index.get(idKey(row.child));
      if (child === undefined || !kept[child]) {
        hidden[i] = 1;
        break;
      }
    }
  }
  return hidden;
}

const RANKED_CHILDREN_SQL = {
  declared: `SELECT child, declared_total, downloads FROM child_ranks WHERE parent = ? AND declared = 1
             ORDER BY declared_total DESC, downloads DESC, child LIMIT ? OFFSET ?`,
  all: `SELECT child, all_total, downloads FROM child_ranks WHERE parent = ?
        ORDER BY all_total DESC, downloads DESC, child LIMIT ? OFFSET ?`,
};
const CHILD_COUNT_SQL = {
  declared: "SELECT count(*) FROM child_ranks WHERE parent = ? AND declared = 1",
  all: "SELECT count(*) FROM child_ranks WHERE parent = ?",
};

type RankedRow = [string, number, number | null];

/** The children of one kept model, best first, read in growing chunks as the selection asks for more. */
class ChildCursor {
  private rows: RankedRow[] = [];
  private position = 0;
  private read = 0;
  private chunk = 16;
  private done = false;

  constructor(
    readonly parent: number,
    private readonly fetch: (offset: number, size: number) => RankedRow[],
  ) {
    this.load();
  }

  get head(): RankedRow | undefined {
    return this.rows[this.position];
  }

  /** All its children, when every row has been read; else null. */
  get childCount(): number | null {
    return this.done ? this.read : null;
  }

  advance(): void {
    this.position++;
    if (this.position === this.rows.length && !this.done) this.load();
  }

  private load(): void {
    this.rows = this.fetch(this.read, this.chunk);
    this.position = 0;
    this.read += this.rows.length;
    this.done = this.rows.length < this.chunk;
    this.chunk = Math.min(this.chunk * 4, 4096);
  }
}

/** Where a descendant sits: its generation, its tree parent (by key) and its parent links from within the family. */
interface Placement {
  generation: number;
  treeParentKey: string;
  links: LinkRow[];
}

/**
 * The slice without walking the whole family, when no relations filter applies and the focus is in no cycle:
 * descendants are chosen best-first along the same spanning tree as the walk (children read in significance order
 * from child_ranks, only as far as the selection goes), and the per-generation counts stored with the descendant
 * counts make `total` and `omitted` exact. Null when those conditions do not hold.
 */
function rankedSlice(db: Db, focusId: string, options: SliceOptions): GraphSliceResult | null {
  if (options.relations !== null || options.down < 1) return null;
  const generations = getGenerationCounts(db, focusId, options);
  if (generations === null) return null;
  const reader = createLevelReader(db, options);
  const focusKey = idKey(focusId);
  if (reachesItself(reader, focusId)) return null;
  const readNodes = createNodeReader(db, options);
  const parentLinks = createParentReader(db, options);
  const mode = options.includeInferred ? "all" : "declared";
  const ranked = prepared(db, RANKED_CHILDREN_SQL[mode]).raw(true);
  const childCount = preparedPluck(db, CHILD_COUNT_SQL[mode]);

  const found = new Found();
  found.add(focusId, focusKey, readNodes([focusId]).get(focusKey) as NodeInfo, 0, -1, 0);
  const ancestors: number[] = [];
  let level = [focusId];
  for (let generation = -1; generation >= -options.up && level.length; generation--) {
    const nextLevel: string[] = [];
    for (const link of reader.parentsOf(level)) {
      const parentKey = idKey(link.parent);
      let parentIndex = found.index.get(parentKey);
      if (parentIndex === undefined) {
        parentIndex = found.add(link.parent, parentKey, UNREAD, generation, -1, 0);
        ancestors.push(parentIndex);
        nextLevel.push(link.parent);
      }
      found.link(parentIndex, found.index.get(idKey(link.child)) as number, link.relation, link.source, link.confidence);
    }
    level = nextLevel;
  }
  for (const [key, node] of readNodes(ancestors.map((i) => found.ids[i]))) found.info[found.index.get(key) as number] = node;

  const perGeneration = generations.slice(0, options.down);
  const descendantCount = perGeneration.reduce((sum, count) => sum + count, 0);
  const total = 1 + ancestors.length + descendantCount;
  // A family that fits is walked whole: measured faster than reading it best first (see bench/query-bench.ts).
  if (total <= options.limit) return null;
  const kept = new Uint8Array(found.ids.length + Math.min(descendantCount, options.limit));
  kept[0] = 1;
  const budget = options.limit - 1;
  const ancestorBudget = Math.min(ancestors.length, budget - Math.min(descendantCount, Math.floor(budget / 2)));
  for (const i of ancestors.slice(0, ancestorBudget)) kept[i] = 1;
  let count = 1 + ancestorBudget;

  // Parent links per model (cached: a merge's ancestors are shared) and the placement of each descendant met.
  const parentsCache = new Map<string, LinkRow[]>();
  const parentsOf = (id: string, key: string): LinkRow[] => {
    let links = parentsCache.get(key);
    if (!links) parentsCache.set(key, (links = parentLinks(id)));
    return links;
  };
  const placements = new Map<string, Placement>();
  const place = (child: string, key: string, via: number): Placement => {
    const known = placements.get(key);
    if (known) return known;
    const own = parentsOf(child, key).filter((link) => idKey(link.parent) !== key);
    const placement =
      own.length === 1
        ? { generation: found.generation[via] + 1, treeParentKey: found.keys[via], links: own }
        : placeAmongParents(child, key, focusKey, options.down, parentsOf);
    placements.set(key, placement);
    return placement;
  };

  const headIsMore = (a: ChildCursor, b: ChildCursor) => {
    const [childA, totalA, downloadsA] = a.head as RankedRow;
    const [childB, totalB, downloadsB] = b.head as RankedRow;
    if (totalA !== totalB) return totalA > totalB;
    if (downloadsA !== downloadsB) return (downloadsA ?? -1) > (downloadsB ?? -1);
    return idKey(childA) < idKey(childB);
  };
  const cursors: ChildCursor[] = [];
  const heap = new ObjectHeap<ChildCursor>(headIsMore);
  const open = (parent: number) => {
    const id = found.ids[parent];
    const cursor = new ChildCursor(parent, (offset, size) => ranked.all(id, size, offset) as RankedRow[]);
    cursors[parent] = cursor;
    if (cursor.head) heap.push(cursor);
  };
  open(0);
  const keptAt = new Array<number>(options.down + 1).fill(0);
  const descendants: number[] = [];
  while (count < options.limit && heap.size) {
    const cursor = heap.pop();
    const [child] = cursor.head as RankedRow;
    cursor.advance();
    if (cursor.head) heap.push(cursor);
    const key = idKey(child);
    if (found.index.has(key)) continue;
    const placement = place(child, key, cursor.parent);
    if (placement.treeParentKey !== found.keys[cursor.parent]) continue;
    const index = found.add(child, key, UNREAD, placement.generation, cursor.parent, 0);
    kept[index] = 1;
    count++;
    keptAt[placement.generation]++;
    descendants.push(index);
    if (placement.generation < options.down) open(index);
  }
  for (const [key, node] of readNodes(descendants.map((i) => found.ids[i]))) found.info[found.index.get(key) as number] = node;

  // Links into kept descendants from kept models above them that the walk would have expanded.
  const relation: (Relation | null)[] = new Array(found.ids.length).fill(null);
  for (const child of descendants) {
    const key = found.keys[child];
    const placement = placements.get(key) as Placement;
    relation[child] = relationAsDescendant(placement.links);
    for (const link of placement.links) {
      const parent = found.index.get(idKey(link.parent));
      if (parent !== undefined && found.generation[parent] >= 0) found.link(parent, child, link.relation, link.source, link.confidence);
    }
    if (found.generation[child] < options.down) {
      const loop = parentsOf(found.ids[child], key).find((link) => idKey(link.parent) === key);
      if (loop) found.link(child, child, loop.relation, loop.source, loop.confidence);
    }
  }
  const upperLinks = new Map<number, LinkRow[]>();
  for (const link of reader.parentsOf([0, ...ancestors].filter((i) => kept[i]).map((i) => found.ids[i]))) {
    const child = found.index.get(idKey(link.child)) as number;
    upperLinks.set(child, [...(upperLinks.get(child) ?? []), link]);
  }
  for (const [child, list] of upperLinks) relation[child] = relationAsDescendant(list);

  const edges = new Map<string, LinkRow>();
  const keptChildren = new Int32Array(found.ids.length);
  for (const link of found.links) {
    if (!kept[link.parent] || !kept[link.child]) continue;
    const pair = `${link.parent} ${link.child}`;
    const known = edges.get(pair);
    if (known && SOURCE_RANK[known.source] <= SOURCE_RANK[link.source]) continue;
    if (!known) keptChildren[link.parent]++;
    edges.set(pair, { parent: found.info[link.parent].id, child: found.info[link.child].id, relation: link.relation, source: link.source, confidence: link.confidence });
  }

  // Hidden children: an expanded model with more children than it shows; the deepest ones with any child; an
  // ancestor with a child outside the slice.
  const hidden = new Uint8Array(found.ids.length);
  const deepest = descendants.filter((i) => found.generation[i] === options.down);
  const deepestWithChildren = reader.withChildren(deepest.map((i) => found.ids[i]), null);
  for (const i of deepest) if (deepestWithChildren.has(found.keys[i])) hidden[i] = 1;
  for (const [parent, cursor] of cursors.entries()) {
    if (!cursor) continue;
    const all = cursor.childCount ?? (childCount.get(found.ids[parent]) as number);
    if (all > keptChildren[parent]) hidden[parent] = 1;
  }
  const children = prepared(db, CHILDREN_OF_SQL);
  for (const i of ancestors) {
    if (!kept[i]) continue;
    for (const row of children.iterate(found.ids[i], options.includeInferred ? 1 : 0) as IterableIterator<{ child: string }>) {
      const child = found.index.get(idKey(row.child));
      if (child === undefined || !kept[child]) {
        hidden[i] = 1;
        break;
      }
    }
  }

  const omitted = new Map<number, number>();
  for (const i of ancestors) if (!kept[i]) omitted.set(found.generation[i], (omitted.get(found.generation[i]) ?? 0) + 1);
  perGeneration.forEach((inFamily, k) => {
    if (inFamily > keptAt[k + 1]) omitted.set(k + 1, inFamily - keptAt[k + 1]);
  });
  // Nodes in the walk's order: by generation, then under their tree parent's place, then by id.
  const position = new Int32Array(found.ids.length);
  const order = [0, ...descendants.sort((a, b) => found.generation[a] - found.generation[b])];
  let from = 1;
  while (from < order.length) {
    let to = from;
    while (to < order.length && found.generation[order[to]] === found.generation[order[from]]) to++;
    const tier = order.slice(from, to).sort((a, b) => position[found.treeParent[a]] - position[found.treeParent[b]] || (found.keys[a] < found.keys[b] ? -1 : 1));
    tier.forEach((i, k) => ((order[from + k] = i), (position[i] = from + k)));
    from = to;
  }
  const nodes: SliceNode[] = [];
  for (const i of [...order, ...ancestors]) {
    if (kept[i]) nodes.push({ ...found.info[i], generation: found.generation[i], relation: relation[i], hasHiddenChildren: hidden[i] === 1 });
  }
  return {
    focus: found.info[0].id,
    nodes,
    edges: [...edges.values()],
    total,
    truncated: omitted.size > 0,
    omitted: [...omitted].sort((a, b) => a[0] - b[0]).map(([generation, count]) => ({ generation, count })),
  };
}

/** Whether the focus is its own ancestor (a cycle in bad data; self-loops aside). */
function reachesItself(reader: ReturnType<typeof createLevelReader>, focusId: string): boolean {
  const focusKey = idKey(focusId);
  const seen = new Set([focusKey]);
  let level = [focusId];
  while (level.length) {
    const next: string[] = [];
    for (const link of reader.parentsOf(level)) {
      const key = idKey(link.parent);
      if (key === focusKey && idKey(link.child) !== focusKey) return true;
      if (seen.has(key)) continue;
      seen.add(key);
      next.push(link.parent);
    }
    level = next;
  }
  return false;
}

/**
 * A descendant with several parents: its generation is its distance from the focus within its own ancestor set
 * (every path from the focus runs through it), its tree parent the nearest parent by source rank then id, and
 * its links those from parents the walk would expand (within the family, above `down`).
 */
function placeAmongParents(child: string, key: string, focusKey: string, down: number, parentsOf: (id: string, key: string) => LinkRow[]): Placement {
  const below = new Map<string, string[]>();
  const seen = new Set([key]);
  const queue: [string, string][] = [[child, key]];
  for (let head = 0; head < queue.length; head++) {
    const [id, at] = queue[head];
    if (at === focusKey) continue;
    for (const link of parentsOf(id, at)) {
      const parentKey = idKey(link.parent);
      if (parentKey === at) continue;
      below.set(parentKey, [...(below.get(parentKey) ?? []), at]);
      if (!seen.has(parentKey)) {
        seen.add(parentKey);
        queue.push([link.parent, parentKey]);
      }
    }
  }
  const distance = new Map([[focusKey, 0]]);
  const order = [focusKey];
  for (let head = 0; head < order.length; head++) {
    for (const next of below.get(order[head]) ?? []) {
      if (distance.has(next)) continue;
      distance.set(next, (distance.get(order[head]) as number) + 1);
      order.push(next);
    }
  }
  const generation = distance.get(key) as number;
  const links = parentsOf(child, key).filter((link) => {
    const at = distance.get(idKey(link.parent));
    return idKey(link.parent) !== key && at !== undefined && at < down;
  });
  let best: LinkRow | null = null;
  for (const link of links) {
    if (distance.get(idKey(link.parent)) !== generation - 1) continue;
    if (!best || SOURCE_RANK[link.source] < SOURCE_RANK[best.source] || (SOURCE_RANK[link.source] === SOURCE_RANK[best.source] && idKey(link.parent) < idKey(best.parent))) best = link;
  }
  return { generation, treeParentKey: idKey((best as LinkRow).parent), links };
}
