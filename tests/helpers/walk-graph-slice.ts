// Test oracle for getGraphSlice: the same slice computed by a level-by-level walk in SQL, written independently of
// the in-memory slice (db/graph/slice-lineage-graph.ts) so that the property tests can compare the two.
import { readLicenses } from "../../db/queries/license-changes";
import { chooseKept } from "../../db/choose-kept";
import type { GraphSliceResult, SliceNode, SliceOptions } from "../../db/graph/graph-slice";
import type { Db } from "../../db/open-database";
import { createLevelReader, relationAsDescendant, type LinkRow } from "../../db/queries/edges";
import { authorOf, createNodeReader, type NodeInfo } from "../../db/queries/nodes";
import { prepared } from "../../db/statement-cache";
import { countedRelation } from "../../lineage/counted-relation";
import { idKey } from "../../lineage/id-key";
import { isStrongerSource, sourceRank } from "../../lineage/source-precedence";
import type { EdgeSource, Relation } from "../../lineage/types";

// One statement per level of the downward walk (one link per pair), with what the slice shows of each child, so no
// model is looked up
// twice (this SQL string is used in raw mode only).
const WALK_SQL = `
  SELECT e.parent, e.child, e.relation, e.source, e.confidence,
         m.id, m.author, m.created_at, m.downloads, m.likes,
         CASE WHEN @inferred THEN dc.all_total ELSE dc.declared_total END
  FROM json_each(@ids) AS j JOIN links AS e ON e.parent = j.value
  LEFT JOIN models AS m ON m.id = e.child
  LEFT JOIN descendant_counts AS dc ON dc.id = e.child
  WHERE e.source <> 'inferred' OR @inferred`;
const CHILDREN_OF_SQL = `SELECT child, relation FROM links WHERE parent = ? AND (source <> 'inferred' OR ?)`;

type WalkRow = [
  string,
  string,
  Relation | null,
  EdgeSource,
  number,
  string | null,
  string | null,
  string | null,
  number | null,
  number | null,
  number | null,
];

/** A link between two found models, by number. */
interface SliceLink {
  parent: number;
  child: number;
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
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
      if (isStrongerSource(source, last.source)) Object.assign(last, { relation, source, confidence });
      return;
    }
    this.links.push({ parent, child, relation, source, confidence });
  }
}

/** The slice from a walk in SQL of every model within `down`, one statement per generation. */
export function walkGraphSlice(db: Db, focusId: string, options: SliceOptions): GraphSliceResult {
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
        childIndex = found.add(child, childKey, nodeInfo(child, row), depth, parentIndex, sourceRank(source));
        next.push(childIndex);
      } else if (found.generation[childIndex] === depth) {
        found.offerTreeParent(childIndex, parentIndex, sourceRank(source));
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
      found.link(
        parentIndex,
        found.index.get(idKey(link.child)) as number,
        link.relation,
        link.source,
        link.confidence,
      );
    }
    level = nextLevel;
  }

  for (const [key, node] of readNodes(ancestors.map((i) => found.ids[i])))
    found.info[found.index.get(key) as number] = node;
  const { info, keys } = found;
  const isMore = (a: number, b: number) =>
    info[a].descendants !== info[b].descendants
      ? info[a].descendants > info[b].descendants
      : info[a].downloads !== info[b].downloads
        ? (info[a].downloads ?? -1) > (info[b].downloads ?? -1)
        : keys[a] < keys[b];
  const kept = chooseKept(found.ids.length, found.treeParent, descendantCount, ancestors, options.limit, isMore);

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
  for (const [child, list] of inLinks) relation[child] = list.length === 1 ? list[0].relation : countedRelation(list);
  const upperLinks = new Map<number, LinkRow[]>();
  for (const link of reader.parentsOf([0, ...ancestors].filter((i) => kept[i]).map((i) => found.ids[i]))) {
    const child = found.index.get(idKey(link.child)) as number;
    upperLinks.set(child, [...(upperLinks.get(child) ?? []), link]);
  }
  for (const [child, list] of upperLinks) relation[child] = relationAsDescendant(list);

  const hidden = hiddenChildren(
    db,
    found,
    kept,
    deepest,
    reader.withChildren(
      deepest.filter((i) => kept[i]).map((i) => found.ids[i]),
      options.relations,
    ),
    options,
  );
  const nodes: SliceNode[] = [];
  const licenseOf = (id: string) => readLicenses(db, [id])[0];
  for (let i = 0; i < found.ids.length; i++) {
    if (!kept[i]) continue;
    nodes.push({
      ...found.info[i],
      license: licenseOf(found.info[i].id),
      generation: found.generation[i],
      relation: relation[i],
      hasHiddenChildren: hidden[i] === 1,
    });
  }
  const spelling = (i: number) => found.info[i].id;
  const edges = new Map<number, LinkRow>();
  const n = found.ids.length;
  for (const link of found.links) {
    if (!kept[link.parent] || !kept[link.child]) continue;
    const pair = link.parent * n + link.child;
    const known = edges.get(pair);
    if (known && !isStrongerSource(link.source, known.source)) continue;
    edges.set(pair, {
      parent: spelling(link.parent),
      child: spelling(link.child),
      relation: link.relation,
      source: link.source,
      confidence: link.confidence,
    });
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
const UNREAD: NodeInfo = {
  id: "",
  author: null,
  createdAt: null,
  downloads: null,
  likes: null,
  descendants: 0,
  isStored: false,
};

function nodeInfo(asked: string, row: WalkRow): NodeInfo {
  const [, , , , , stored, author, createdAt, downloads, likes, descendants] = row;
  return {
    id: stored ?? asked,
    author: author ?? authorOf(stored ?? asked),
    createdAt,
    downloads,
    likes,
    descendants: descendants ?? 0,
    isStored: stored !== null,
  };
}

/**
 * A 0/1 flag per found model: kept, with a child outside the slice. Children of walked descendants are known
 * from the walk; for the deepest generation `deepestWithChildren` says which have any; an ancestor's children
 * are read until one outside the slice turns up (usually the first: the siblings of the path). A deepest model
 * whose only children are in the slice elsewhere is still marked: rare, and expanding it is harmless.
 */
function hiddenChildren(
  db: Db,
  found: Found,
  kept: Uint8Array,
  deepest: number[],
  deepestWithChildren: Set<string>,
  options: SliceOptions,
): Uint8Array {
  const hidden = new Uint8Array(found.ids.length);
  for (const link of found.links) {
    if (kept[link.parent] && !kept[link.child] && found.generation[link.parent] >= 0) hidden[link.parent] = 1;
  }
  for (const i of deepest) if (kept[i] && deepestWithChildren.has(idKey(found.ids[i]))) hidden[i] = 1;
  const follows = options.relations ? new Set<Relation | null>(options.relations) : null;
  const children = prepared(db, CHILDREN_OF_SQL);
  for (let i = 0; i < found.ids.length; i++) {
    if (!kept[i] || found.generation[i] >= 0) continue;
    for (const row of children.iterate(found.ids[i], options.includeInferred ? 1 : 0) as IterableIterator<{
      child: string;
      relation: Relation | null;
    }>) {
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
