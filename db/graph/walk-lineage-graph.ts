// Downward walks on the in-memory lineage graph: walkDescendants' answer in one pass over integers, no SQL per level.
import { countedRelation } from "../../lineage/counted-relation";
import { idKey } from "../../lineage/id-key";
import type { Db } from "../open-database";
import type { FamilyMember, WalkOptions } from "../queries/descendants";
import type { EdgeScope } from "../queries/edges";
import type { NodeInfo } from "../queries/nodes";
import { getLineageGraph } from "./get-lineage-graph";
import { readGraphNodes } from "./graph-fields";
import { isRowInScope, type LineageGraph, RELATION_BY_CODE, SOURCE_BY_RANK } from "./lineage-graph";

/** walkDescendants on the cached lineage graph (brought up to date after a write). */
export function walkDescendantsInGraph(db: Db, start: string | string[], options: WalkOptions): FamilyMember[] {
  return walkLineageGraph(getLineageGraph(db), typeof start === "string" ? [start] : start, options);
}

/**
 * The same members, in the same order, as the level-at-a-time SQL walk: breadth first, each level's children met in
 * frontier order then (parent, child) row order; a child reached from several parents of one level keeps the best
 * source, then the smallest id; its relation folds all its parent links in scope (countedRelation).
 */
export function walkLineageGraph(graph: LineageGraph, start: readonly string[], options: WalkOptions): FamilyMember[] {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const inScope = (row: number) => isRowInScope(graph, row, options);
  // 0 = not met, 1 = seen (a start or an earlier level), 2 = chosen on the current level.
  const state = new Uint8Array(graph.size);
  const chosenRow = new Int32Array(graph.size);
  let frontier: number[] = [];
  for (const id of start) {
    const v = graph.ids.find(id);
    if (v < 0) continue;
    frontier.push(v);
    state[v] = 1;
  }
  const members: FamilyMember[] = [];
  for (let depth = 1; frontier.length && depth <= maxDepth; depth++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let k = graph.childStart[v]; k < graph.childStart[v + 1]; k++) {
        const row = graph.childRows[k];
        if (!inScope(row)) continue;
        const child = graph.rowChild[row];
        if (state[child] === 1) continue;
        if (state[child] === 0) {
          state[child] = 2;
          chosenRow[child] = row;
          next.push(child);
        } else if (isBetterRow(graph, row, chosenRow[child])) chosenRow[child] = row;
      }
    }
    for (const child of next) {
      state[child] = 1;
      const row = chosenRow[child];
      const stored = graph.rowSpellings.get(row);
      members.push({
        id: stored?.[1] ?? graph.ids.spelling(child),
        depth,
        parent: stored?.[0] ?? graph.ids.spelling(graph.rowParent[row]),
        relation: relationOf(graph, child, inScope),
        source: SOURCE_BY_RANK[graph.rowRank[row]],
        confidence: graph.rowConfidence[row],
      });
    }
    frontier = next;
  }
  return members;
}

function isBetterRow(graph: LineageGraph, candidate: number, kept: number): boolean {
  const rank = graph.rowRank[candidate] - graph.rowRank[kept];
  if (rank !== 0) return rank < 0;
  return idKey(graph.ids.spelling(graph.rowParent[candidate])) < idKey(graph.ids.spelling(graph.rowParent[kept]));
}

/** relationAsDescendant over the model's parent links in scope, self-loops left out. */
function relationOf(graph: LineageGraph, child: number, inScope: (row: number) => boolean) {
  const links: { relation: (typeof RELATION_BY_CODE)[number]; source: (typeof SOURCE_BY_RANK)[number] }[] = [];
  for (let k = graph.parentStart[child]; k < graph.parentStart[child + 1]; k++) {
    const row = graph.parentRows[k];
    if (!inScope(row) || graph.rowParent[row] === child) continue;
    links.push({ relation: RELATION_BY_CODE[graph.rowRelation[row]], source: SOURCE_BY_RANK[graph.rowRank[row]] });
  }
  return countedRelation(links);
}

/**
 * What lists show of each member, in `members` order: the stored fields kept by the lineage graph (read from SQL only
 * for models not read yet or changed since), the descendant counts from the graph (descendant_counts, as
 * createNodeReader reads them).
 */
export function readMemberNodes(db: Db, members: readonly FamilyMember[], scope: EdgeScope): NodeInfo[] {
  const graph = getLineageGraph(db);
  const totals = scope.includeInferred ? graph.allTotal : graph.declaredTotal;
  const nodes = new Int32Array(members.length);
  const descendants = new Int32Array(members.length);
  for (let k = 0; k < members.length; k++) {
    nodes[k] = graph.ids.find(members[k].id);
    descendants[k] = totals[nodes[k]];
  }
  return readGraphNodes(db, graph, nodes, (k) => members[k].id, descendants);
}
