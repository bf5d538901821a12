// Which tracked families a model derives from: a breadth-first climb over its parents (pure, cycle-safe), giving
// each tracked ancestor once with its fewest hops and the relation of the model's own first edge on that path.
import type { Relation } from "./types";

export interface ParentStep {
  id: string;
  relation: Relation | null;
}

export interface TrackedAncestor {
  /** The tracked family's id, spelled as `trackedId` gives it. */
  root: string;
  /** Fewest hops from the model up to the root (1 = the root is a parent). */
  depth: number;
  /** The relation of the model's edge to the parent its shortest path to the root starts with. */
  relation: Relation | null;
}

export interface DetectInput {
  /** The model's (declared) parents, best first; an unknown id has none. */
  parentsOf: (id: string) => ParentStep[];
  /** The tracked family's id when `id` is tracked, else null. */
  trackedId: (id: string) => string | null;
  /** Ids compare through this key (the store's case folding). */
  keyOf: (id: string) => string;
  /** No ancestor further up than this is looked at (bad data can be very deep). */
  maxDepth?: number;
}

/** Deeper than any real lineage (the Hub's deepest chains are a few dozen hops). */
export const MAX_DETECT_DEPTH = 100;

/**
 * The tracked families above `model`, nearest first (then by root id). A tracked family inside another tracked
 * family gives both. The model itself is never its own family, even when a cycle leads back to it.
 */
export function detectForks(model: string, input: DetectInput): TrackedAncestor[] {
  const maxDepth = input.maxDepth ?? MAX_DETECT_DEPTH;
  const seen = new Set<string>([input.keyOf(model)]);
  const found: TrackedAncestor[] = [];
  // Each node of a level carries the relation of the first hop of the path that reached it first.
  let level: { id: string; relation: Relation | null }[] = [];
  for (const parent of input.parentsOf(model)) {
    const key = input.keyOf(parent.id);
    if (seen.has(key)) continue;
    seen.add(key);
    level.push({ id: parent.id, relation: parent.relation });
  }
  for (let depth = 1; level.length > 0 && depth <= maxDepth; depth++) {
    const next: typeof level = [];
    for (const node of level) {
      const root = input.trackedId(node.id);
      if (root !== null) found.push({ root, depth, relation: node.relation });
      for (const parent of input.parentsOf(node.id)) {
        const key = input.keyOf(parent.id);
        if (seen.has(key)) continue;
        seen.add(key);
        next.push({ id: parent.id, relation: node.relation });
      }
    }
    level = next;
  }
  return found.sort((a, b) => a.depth - b.depth || (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}
