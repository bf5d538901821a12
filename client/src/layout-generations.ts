// Lays a lineage slice out by generation: descendants on concentric rings around the focused model, each subtree
// aimed at its own wedge (sized by its leaves) and then spread along its ring so that no two models overlap;
// ancestors in rows above the focus. Pure: reads the graph, returns positions.
import type Graph from "graphology";
import type { GraphNodeAttributes, Relation } from "../../server/contract/types";

export interface Point {
  x: number;
  y: number;
}

/** Least distance between neighbours on a ring, in layout units (sigma scales the layout to the viewport). */
const NODE_SPACING = 2;
/** Least distance between two successive rings. */
const RING_GAP = 10;
/** Rings far out are further apart, so that each generation still reads as its own ring. */
const RING_GROWTH = 0.3;
/** Ring g lies at least this share of g / (generations) of the way out to the outermost ring (1: evenly spaced). */
const INNER_RING_SHARE = 1;
/** How much longer a ring is than the least that holds its models side by side. */
const RING_SLACK = 1.5;
/** Angle left free above the focus for its ancestors, when it has some. */
const ANCESTOR_GAP_ANGLE = Math.PI / 3;
const RELATION_ORDER: (Relation | null)[] = ["finetune", "adapter", "quantized", "merge", null];

type LineageGraph = Graph<GraphNodeAttributes>;

function compareSiblings(graph: LineageGraph, a: string, b: string): number {
  const attrsA = graph.getNodeAttributes(a);
  const attrsB = graph.getNodeAttributes(b);
  return (
    RELATION_ORDER.indexOf(attrsA.relation) - RELATION_ORDER.indexOf(attrsB.relation) ||
    attrsB.descendants - attrsA.descendants ||
    (a < b ? -1 : a > b ? 1 : 0)
  );
}

/** For every descendant, the one parent it hangs from in the layout: its most significant parent one generation up. */
function pickTreeParents(graph: LineageGraph, focus: string): Map<string, string> {
  const treeParent = new Map<string, string>();
  graph.forEachNode((node, attrs) => {
    if (node === focus || attrs.generation <= 0) return;
    let best: string | null = null;
    for (const parent of graph.inNeighbors(node)) {
      const parentGeneration = graph.getNodeAttribute(parent, "generation");
      // Chains must end at the focus: a model beside it (generation 0) cannot carry a subtree.
      if (parentGeneration !== attrs.generation - 1 || (parentGeneration === 0 && parent !== focus)) continue;
      if (
        best === null ||
        graph.getNodeAttribute(parent, "descendants") > graph.getNodeAttribute(best, "descendants")
      ) {
        best = parent;
      }
    }
    // A descendant whose parents are all outside the slice still belongs below the focus.
    treeParent.set(node, best ?? focus);
  });
  return treeParent;
}

/**
 * Angles as close as possible (least squares) to `desired`, in order, at least `gap` apart, within [low, high]:
 * isotonic regression by pool-adjacent-violators on desired[i] - i * gap. Needs (n - 1) * gap <= high - low.
 */
export function spreadAngles(desired: number[], gap: number, low: number, high: number): number[] {
  const blocks: { sum: number; count: number }[] = [];
  desired.forEach((angle, i) => {
    blocks.push({ sum: angle - i * gap, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const previous = blocks[blocks.length - 2];
      if (previous.sum / previous.count <= last.sum / last.count) break;
      previous.sum += last.sum;
      previous.count += last.count;
      blocks.pop();
    }
  });
  const highest = high - (desired.length - 1) * gap;
  const spread: number[] = [];
  for (const block of blocks) {
    const value = Math.min(highest, Math.max(low, block.sum / block.count));
    for (let k = 0; k < block.count; k++) spread.push(value + spread.length * gap);
  }
  return spread;
}

function layoutDescendants(
  graph: LineageGraph,
  focus: string,
  positions: Map<string, Point>,
  hasAncestors: boolean,
): number {
  const treeParent = pickTreeParents(graph, focus);
  const children = new Map<string, string[]>();
  for (const [child, parent] of treeParent) {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  }
  for (const list of children.values()) list.sort((a, b) => compareSiblings(graph, a, b));
  const generationOf = (node: string) => graph.getNodeAttribute(node, "generation");

  // Leaf counts, deepest first: a subtree aims at a wedge as wide as the leaves it holds.
  const weight = new Map<string, number>();
  const sumOfChildren = (node: string) => children.get(node)!.reduce((sum, child) => sum + weight.get(child)!, 0);
  const deepestFirst = [...treeParent.keys()].sort((a, b) => generationOf(b) - generationOf(a));
  for (const node of deepestFirst) weight.set(node, children.has(node) ? sumOfChildren(node) : 1);
  if (!children.has(focus)) return RING_GAP;
  weight.set(focus, sumOfChildren(focus));

  const span = hasAncestors ? 2 * Math.PI - ANCESTOR_GAP_ANGLE : 2 * Math.PI;
  const start = Math.PI / 2 + (2 * Math.PI - span) / 2;

  // Wedge centres, found top-down.
  const wedgeCentre = new Map<string, number>([[focus, start + span / 2]]);
  const rings: string[][] = [];
  const stack: { node: string; from: number; to: number }[] = [{ node: focus, from: start, to: start + span }];
  while (stack.length > 0) {
    const { node, from, to } = stack.pop()!;
    const list = children.get(node);
    if (!list) continue;
    const total = weight.get(node)!;
    let cursor = from;
    const spans = list.map((child) => {
      const width = ((to - from) * weight.get(child)!) / total;
      const entry = { node: child, from: cursor, to: cursor + width };
      cursor += width;
      return entry;
    });
    for (const entry of spans) wedgeCentre.set(entry.node, (entry.from + entry.to) / 2);
    stack.push(...spans);
  }
  for (const node of treeParent.keys()) {
    const generation = generationOf(node);
    rings[generation] ??= [];
    rings[generation].push(node);
  }

  // Ring radii, outwards: a ring grows when its models need more room (with some slack, so that spreading moves
  // models little from their wedges). A second pass keeps the inner rings from huddling around the focus when
  // a crowded outer ring makes the whole picture large.
  const ringRadii = (floor: (generation: number) => number) => {
    const radii = [0];
    for (let generation = 1; generation < rings.length; generation++) {
      const previous = radii[generation - 1];
      const needed = (RING_SLACK * (rings[generation]?.length ?? 0) * NODE_SPACING) / span;
      radii.push(Math.max(previous + Math.max(RING_GAP, previous * RING_GROWTH), needed, floor(generation)));
    }
    return radii;
  };
  const compact = ringRadii(() => 0);
  const outer = compact[compact.length - 1];
  const radii = ringRadii((generation) => (INNER_RING_SHARE * generation * outer) / (rings.length - 1));

  // Each ring: models aim at their wedge's centre, then spread so that neighbours stay NODE_SPACING apart.
  for (let generation = 1; generation < rings.length; generation++) {
    const ring = rings[generation];
    if (!ring) continue;
    const radius = radii[generation];
    ring.sort((a, b) => wedgeCentre.get(a)! - wedgeCentre.get(b)!);
    const gap = NODE_SPACING / radius;
    const spread = spreadAngles(
      ring.map((node) => wedgeCentre.get(node)!),
      gap,
      start + gap / 2,
      start + span - gap / 2,
    );
    ring.forEach((node, i) => {
      positions.set(node, { x: radius * Math.cos(spread[i]), y: radius * Math.sin(spread[i]) });
    });
  }
  const firstRadius = radii[1] ?? RING_GAP;
  return firstRadius;
}

/** Ancestors (and any other model not below the focus) in rows above it, one row per generation. */
function layoutAncestors(graph: LineageGraph, focus: string, positions: Map<string, Point>, rowGap: number): void {
  const rows = new Map<number, string[]>();
  graph.forEachNode((node, attrs) => {
    if (node === focus || attrs.generation > 0) return;
    const row = rows.get(attrs.generation);
    if (row) row.push(node);
    else rows.set(attrs.generation, [node]);
  });
  const step = NODE_SPACING * 3;
  for (const [generation, row] of rows) {
    row.sort((a, b) => compareSiblings(graph, a, b));
    row.forEach((node, index) => {
      // Generation 0 holds models beside the focus (not its ancestors): they go to its right.
      const x = generation === 0 ? (index + 1) * step : (index - (row.length - 1) / 2) * step;
      positions.set(node, { x, y: -generation * rowGap });
    });
  }
}

/** Positions for every node of the slice, with `focus` at the origin and ancestors towards +y. */
export function layoutGenerations(graph: LineageGraph, focus: string): Map<string, Point> {
  if (!graph.hasNode(focus)) throw new Error(`layoutGenerations: the focused model "${focus}" is not in the graph`);
  const positions = new Map<string, Point>([[focus, { x: 0, y: 0 }]]);
  let hasAncestors = false;
  graph.forEachNode((_node, attrs) => {
    if (attrs.generation < 0) hasAncestors = true;
  });
  const firstRing = layoutDescendants(graph, focus, positions, hasAncestors);
  layoutAncestors(graph, focus, positions, Math.max(RING_GAP / 2, firstRing / 3));
  return positions;
}
