// The pure counting graph behind descendant_counts (no SQL): each (parent, child) pair's effective edge per count
// mode, a model's relation as a descendant folded into one small integer, and the breadth-first walk up from
// every model that gives each ancestor its distinct descendants per relation and its depth.
// Semantics in db/counts/descendant-counts.ts.
import { countedRelationCode, foldCountedRelation, NO_RELATION, relationCode } from "../../lineage/counted-relation";
import { idKey } from "../../lineage/id-key";
import { isStrongerSource } from "../../lineage/source-precedence";
import type { EdgeSource, Relation } from "../../lineage/types";
import { parentRows, type ParentRows } from "./parent-rows";

export const NONE = NO_RELATION;

/** The rows of one (parent, child) pair, read one source at a time, and its effective edge per count mode. */
export class PairAccumulator {
  readonly parentKey: string;
  readonly childKey: string;
  readonly isSelfLoop: boolean;
  // Effective edge per mode: source null = no edge of that mode; relation as a relation code.
  declaredSource: EdgeSource | null = null;
  declaredRelation = NONE;
  allSource: EdgeSource | null = null;
  allRelation = NONE;

  constructor(
    readonly parent: string,
    readonly child: string,
  ) {
    this.parentKey = idKey(parent);
    this.childKey = idKey(child);
    this.isSelfLoop = this.parentKey === this.childKey;
  }

  isPair(parent: string, child: string): boolean {
    return (
      (parent === this.parent || idKey(parent) === this.parentKey) &&
      (child === this.child || idKey(child) === this.childKey)
    );
  }

  add(source: EdgeSource, relation: Relation | null): this {
    const code = relationCode(relation);
    if (this.allSource === null || isStrongerSource(source, this.allSource)) {
      this.allSource = source;
      this.allRelation = code;
    }
    if (source !== "inferred" && (this.declaredSource === null || isStrongerSource(source, this.declaredSource))) {
      this.declaredSource = source;
      this.declaredRelation = code;
    }
    return this;
  }

  inMode(includeInferred: boolean): boolean {
    return (includeInferred ? this.allSource : this.declaredSource) !== null;
  }

  /** Folds this pair's effective edge of the mode into a child's relation state (lineage/counted-relation.ts). */
  foldInto(state: number, includeInferred: boolean): number {
    const source = includeInferred ? this.allSource : this.declaredSource;
    if (source === null) return state;
    return foldCountedRelation(state, source, includeInferred ? this.allRelation : this.declaredRelation);
  }
}

/** The relation code a folded state counts under (lineage/counted-relation.ts). */
export const relationOf = countedRelationCode;

export interface ModeCounts {
  total: Int32Array;
  /** Per node, 4 slots: RELATIONS order. */
  byRelation: Int32Array;
  maxDepth: Int32Array;
}

/** Lineage in memory: numbered models, their parent pairs per count mode (self-loops left out), their relations. */
export class CountGraph {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly pairChild: number[] = [];
  private readonly pairParent: number[] = [];
  private readonly pairDeclared: boolean[] = [];
  private readonly declaredState: number[] = [];
  private readonly allState: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** The node of an idKey, if the graph holds it. */
  find(key: string): number | undefined {
    return this.index.get(key);
  }

  node(key: string, id: string): number {
    let node = this.index.get(key);
    if (node === undefined) {
      node = this.ids.length;
      this.index.set(key, node);
      this.ids.push(id);
      this.declaredState.push(0);
      this.allState.push(0);
    }
    return node;
  }

  /** Adds a pair; with `addParent` false, a parent outside the graph only shapes the child's relation. */
  addPair(pair: PairAccumulator, addParent = true): void {
    if (pair.isSelfLoop) return;
    const child = this.node(pair.childKey, pair.child);
    this.allState[child] = pair.foldInto(this.allState[child], true);
    this.declaredState[child] = pair.foldInto(this.declaredState[child], false);
    const parent = addParent ? this.node(pair.parentKey, pair.parent) : this.index.get(pair.parentKey);
    if (parent === undefined) return;
    this.pairChild.push(child);
    this.pairParent.push(parent);
    this.pairDeclared.push(pair.inMode(false));
  }

  /** The node of an id key (lineage/id-key.ts), or undefined when no pair names it. */
  nodeOf(key: string): number | undefined {
    return this.index.get(key);
  }

  count(): { declared: ModeCounts; all: ModeCounts } {
    return { declared: this.countMode(false), all: this.countMode(true) };
  }

  /** What a walk up the graph in one count mode reads: each node's parents and its relation code as a descendant. */
  modeRows(includeInferred: boolean): ParentRows & { relationOf(node: number): number } {
    const pairs = { child: this.pairChild, parent: this.pairParent, declared: this.pairDeclared };
    const states = includeInferred ? this.allState : this.declaredState;
    return { ...parentRows(this.ids.length, pairs, includeInferred), relationOf: (node) => relationOf(states[node]) };
  }

  private countMode(includeInferred: boolean): ModeCounts {
    const n = this.ids.length;
    const { start, parents, relationOf: relationOfNode } = this.modeRows(includeInferred);
    const total = new Int32Array(n);
    const byRelation = new Int32Array(n * 4);
    const maxDepth = new Int32Array(n);
    const seen = new Int32Array(n);
    const distance = new Int32Array(n);
    const queue = new Int32Array(n);
    for (let leaf = 0; leaf < n; leaf++) {
      if (start[leaf] === start[leaf + 1]) continue;
      const relation = relationOfNode(leaf);
      const mark = leaf + 1;
      seen[leaf] = mark;
      distance[leaf] = 0;
      queue[0] = leaf;
      let tail = 1;
      for (let head = 0; head < tail; head++) {
        const v = queue[head];
        const depth = distance[v] + 1;
        for (let i = start[v]; i < start[v + 1]; i++) {
          const p = parents[i];
          if (seen[p] === mark) continue;
          seen[p] = mark;
          distance[p] = depth;
          queue[tail++] = p;
          total[p]++;
          if (relation !== NONE) byRelation[p * 4 + relation - 1]++;
          if (depth > maxDepth[p]) maxDepth[p] = depth;
        }
      }
    }
    return { total, byRelation, maxDepth };
  }
}

/** A (parent, child, source, relation) edge row; rows of one pair must be adjacent (ordered by parent, child). */
export type EdgeRow = [parent: string, child: string, source: EdgeSource, relation: Relation | null];

/** The counting graph of every pair in `rows`. */
export function countGraphOf(rows: Iterable<EdgeRow>): CountGraph {
  const graph = new CountGraph();
  let pair: PairAccumulator | null = null;
  for (const [parent, child, source, relation] of rows) {
    if (pair === null || !pair.isPair(parent, child)) {
      if (pair) graph.addPair(pair);
      pair = new PairAccumulator(parent, child);
    }
    pair.add(source, relation);
  }
  if (pair) graph.addPair(pair);
  return graph;
}
