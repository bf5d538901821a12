// Upward walks: every ancestor of a model, every path from it up to a root, and its roots; cycle-safe and capped.
import type { Db } from "../open-database";
import { idKey } from "../../lineage/id-key";
import { createParentReader, type EdgeScope, type LinkRow } from "./edges";
import { createNodeReader, type NodeInfo } from "./nodes";

export interface AncestorNode extends NodeInfo {
  /** Fewest hops from the model up to this ancestor (0 for the model itself). */
  depth: number;
  /** Its preferred parent links; empty for a root. */
  parents: LinkRow[];
}

export interface AncestorPath {
  /** From the model (first) up to a root (last). */
  ids: string[];
  /** True when the path stops because every parent of its last model is already on the path (bad data). */
  endsInCycle: boolean;
}

export interface AncestorLimits {
  /** At most this many ancestors are read (a guard against pathological data). */
  maxNodes: number;
  /** At most this many paths are listed; merges multiply paths. */
  maxPaths: number;
}

const DEFAULT_ANCESTOR_LIMITS: AncestorLimits = { maxNodes: 10_000, maxPaths: 1_000 };

export interface Ancestry {
  /** The model first, then its ancestors in breadth-first order. */
  nodes: AncestorNode[];
  paths: AncestorPath[];
  /** Ancestors without parents, plus the model itself when it has none. */
  roots: string[];
  /** Which limit cut the answer short, if any. */
  capped: { nodes: boolean; paths: boolean };
}

interface UpwardWalk {
  order: string[];
  depthOf: Map<string, number>;
  parentsOf: Map<string, LinkRow[]>;
  spelling: Map<string, string>;
  nodesCapped: boolean;
}

function walkUp(db: Db, id: string, scope: EdgeScope, maxNodes: number): UpwardWalk {
  const readParents = createParentReader(db, scope);
  const start = idKey(id);
  const order = [start];
  const depthOf = new Map([[start, 0]]);
  const parentsOf = new Map<string, LinkRow[]>();
  const spelling = new Map([[start, id]]);
  let nodesCapped = false;
  for (let i = 0; i < order.length; i++) {
    const key = order[i];
    const parents = readParents(spelling.get(key) as string);
    parentsOf.set(key, parents);
    for (const link of parents) {
      const parentKey = idKey(link.parent);
      if (depthOf.has(parentKey)) continue;
      if (order.length >= maxNodes) {
        nodesCapped = true;
        continue;
      }
      depthOf.set(parentKey, (depthOf.get(key) as number) + 1);
      spelling.set(parentKey, link.parent);
      order.push(parentKey);
    }
  }
  return { order, depthOf, parentsOf, spelling, nodesCapped };
}

/** Roots only (no node details, no paths): what a model's detail shows. */
export function getRoots(db: Db, id: string, scope: EdgeScope, maxNodes = DEFAULT_ANCESTOR_LIMITS.maxNodes): string[] {
  const walk = walkUp(db, id, scope, maxNodes);
  return rootsOf(walk);
}

function rootsOf(walk: UpwardWalk): string[] {
  return walk.order
    .filter((key) => (walk.parentsOf.get(key) ?? []).length === 0)
    .map((key) => walk.spelling.get(key) as string);
}

export function getAncestry(
  db: Db,
  id: string,
  scope: EdgeScope,
  limits: AncestorLimits = DEFAULT_ANCESTOR_LIMITS,
): Ancestry {
  const walk = walkUp(db, id, scope, limits.maxNodes);
  const info = createNodeReader(db, scope)(walk.order.map((key) => walk.spelling.get(key) as string));
  const nodes = walk.order.map((key) => {
    const known = info.get(key) as NodeInfo;
    return { ...known, depth: walk.depthOf.get(key) as number, parents: walk.parentsOf.get(key) ?? [] };
  });
  const spellingOf = (key: string) => info.get(key)?.id ?? (walk.spelling.get(key) as string);
  const { paths, capped } = enumeratePaths(walk, limits.maxPaths, spellingOf);
  return {
    nodes,
    paths,
    roots: rootsOf(walk).map((rootId) => spellingOf(idKey(rootId))),
    capped: { nodes: walk.nodesCapped, paths: capped },
  };
}

/**
 * Depth-first over parents, never revisiting a model already on the current path, so a cycle ends a path
 * instead of looping. Stops listing at `maxPaths` (the number of paths grows exponentially with merges).
 * Iterative, so a pathologically deep chain cannot overflow the stack.
 */
function enumeratePaths(walk: UpwardWalk, maxPaths: number, spellingOf: (key: string) => string) {
  const paths: AncestorPath[] = [];
  const onPath = new Set<string>();
  const stack: { key: string; open: string[]; next: number }[] = [];
  const push = (key: string) => {
    // Parents past the node cap were never read: they are on no listed path.
    const parents = (walk.parentsOf.get(key) ?? []).map((l) => idKey(l.parent)).filter((p) => walk.depthOf.has(p));
    const open = parents.filter((p) => !onPath.has(p));
    onPath.add(key);
    stack.push({ key, open, next: 0 });
    if (open.length === 0)
      paths.push({ ids: stack.map((frame) => spellingOf(frame.key)), endsInCycle: parents.length > 0 });
  };
  push(walk.order[0]);
  while (stack.length && paths.length < maxPaths) {
    const top = stack[stack.length - 1];
    if (top.next < top.open.length) {
      push(top.open[top.next++]);
    } else {
      stack.pop();
      onPath.delete(top.key);
    }
  }
  // Frames left on the stack mean unexplored parents remain: more paths exist than were listed.
  const capped = stack.some((frame) => frame.next < frame.open.length);
  return { paths, capped };
}
