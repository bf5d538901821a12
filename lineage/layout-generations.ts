// Lays a lineage family out by generation: descendants on concentric rings around the focused model, each subtree
// aimed at its own wedge (sized by its leaves) and then spread along its ring so that no two models overlap;
// ancestors in rows above the focus. Pure, over numbered models: the server runs it once per family and data version.
import type { Relation } from "./types";

/** Least distance between neighbours on a ring, in layout units (sigma scales the layout to the viewport). */
export const NODE_SPACING = 2;
/** Least distance between two successive rings. */
export const RING_GAP = 10;
/**
 * Rings after the first are this share of the first ring's radius apart (at least RING_GAP): a crowded first
 * generation (a base with 90,000 direct children) does not push sparse outer generations far away.
 */
const RING_STEP_SHARE = 0.12;
/** Ring g lies at least this share of g / (generations) of the way out to the outermost ring (1: evenly spaced). */
const INNER_RING_SHARE = 1;
/** How much longer a ring is than the least that holds its models side by side. */
const RING_SLACK = 1.5;
/** Angle left free above the focus for its ancestors, when it has some. */
const ANCESTOR_GAP_ANGLE = Math.PI / 3;
const RELATION_ORDER: (Relation | null)[] = ["finetune", "adapter", "quantized", "merge", null];

/** A family as numbered models (0 .. n-1) and links between them by number. */
export interface LayoutFamily {
  ids: readonly string[];
  /** Hops from the focus: 0 the focus (and models beside it), +n descendants, -n ancestors. */
  generation: ArrayLike<number>;
  relation: ArrayLike<Relation | null>;
  descendants: ArrayLike<number>;
  /** Ancestors in one row lie in order of creation (ISO dates; unknown first). */
  createdAt: readonly (string | null)[];
  linkParent: ArrayLike<number>;
  linkChild: ArrayLike<number>;
}

/** Positions by model number, with the focus at the origin and ancestors towards +y. */
export interface LayoutPositions {
  x: Float64Array;
  y: Float64Array;
  /** The parent each descendant hangs from in the layout (-1 for the focus and the models not below it). */
  treeParent: Int32Array;
}

const relationRank = (relation: Relation | null) => RELATION_ORDER.indexOf(relation);

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ancestors in a row: by relation, then creation, then id. */
function compareSiblings(family: LayoutFamily, a: number, b: number): number {
  const { ids, relation, createdAt } = family;
  return (
    relationRank(relation[a]) - relationRank(relation[b]) ||
    compareText(createdAt[a] ?? "", createdAt[b] ?? "") ||
    compareText(ids[a], ids[b])
  );
}

/** The k-th term of the van der Corput sequence: 0, 1/2, 1/4, 3/4, 1/8, … (k's bits mirrored after the point). */
function vanDerCorput(k: number): number {
  let value = 0;
  let bit = 0.5;
  for (let rest = k; rest > 0; rest >>= 1) {
    if (rest & 1) value += bit;
    bit /= 2;
  }
  return value;
}

/**
 * A parent's children around its wedge: grouped by relation; within a group the largest sub-families are dealt
 * out evenly (the largest at the start, the next half-way, then at the quarters…), so that large sub-families
 * spread around the ring instead of crowding one side of it.
 */
function orderChildren(family: LayoutFamily, children: number[]): number[] {
  const { ids, relation, descendants } = family;
  const bySize = [...children].sort(
    (a, b) =>
      relationRank(relation[a]) - relationRank(relation[b]) ||
      descendants[b] - descendants[a] ||
      compareText(ids[a], ids[b]),
  );
  const slot = new Map<number, number>();
  let start = 0;
  while (start < bySize.length) {
    let end = start;
    while (end < bySize.length && relation[bySize[end]] === relation[bySize[start]]) end++;
    for (let k = start; k < end; k++) slot.set(bySize[k], vanDerCorput(k - start));
    start = end;
  }
  return bySize.sort((a, b) => relationRank(relation[a]) - relationRank(relation[b]) || slot.get(a)! - slot.get(b)!);
}

/**
 * For every descendant, the one parent it hangs from in the layout: its most significant parent one generation up
 * (-1 for the focus and the models not below it).
 */
export function pickTreeParents(family: LayoutFamily, focus: number): Int32Array {
  const { generation, descendants, linkParent, linkChild } = family;
  const n = family.ids.length;
  const treeParent = new Int32Array(n).fill(-1);
  for (let l = 0; l < linkParent.length; l++) {
    const parent = linkParent[l];
    const child = linkChild[l];
    if (child === focus || generation[child] <= 0) continue;
    // Chains must end at the focus: a model beside it (generation 0) cannot carry a subtree.
    if (generation[parent] !== generation[child] - 1 || (generation[parent] === 0 && parent !== focus)) continue;
    const best = treeParent[child];
    if (best < 0 || descendants[parent] > descendants[best]) treeParent[child] = parent;
  }
  // A descendant whose parents are all outside the slice still belongs below the focus.
  for (let v = 0; v < n; v++) if (v !== focus && generation[v] > 0 && treeParent[v] < 0) treeParent[v] = focus;
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

/** The angles descendants' rings use: all around, or all but a gap above the focus for its ancestors. */
export function descendantArc(hasAncestors: boolean): { start: number; span: number } {
  const span = hasAncestors ? 2 * Math.PI - ANCESTOR_GAP_ANGLE : 2 * Math.PI;
  return { start: Math.PI / 2 + (2 * Math.PI - span) / 2, span };
}

function layoutDescendants(
  family: LayoutFamily,
  focus: number,
  positions: LayoutPositions,
  hasAncestors: boolean,
): number {
  const { generation } = family;
  const n = family.ids.length;
  const { treeParent } = positions;
  const children = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const parent = treeParent[v];
    if (parent < 0) continue;
    const list = children.get(parent);
    if (list) list.push(v);
    else children.set(parent, [v]);
  }
  for (const [parent, list] of children) children.set(parent, orderChildren(family, list));
  const below: number[] = [];
  for (let v = 0; v < n; v++) if (treeParent[v] >= 0) below.push(v);

  // Leaf counts, deepest first: a subtree aims at a wedge as wide as the leaves it holds.
  const weight = new Float64Array(n);
  const sumOfChildren = (node: number) => children.get(node)!.reduce((sum, child) => sum + weight[child], 0);
  below.sort((a, b) => generation[b] - generation[a]);
  for (const node of below) weight[node] = children.has(node) ? sumOfChildren(node) : 1;
  if (!children.has(focus)) return RING_GAP;
  weight[focus] = sumOfChildren(focus);

  const { start, span } = descendantArc(hasAncestors);

  // Wedge centres, found top-down.
  const wedgeCentre = new Float64Array(n);
  wedgeCentre[focus] = start + span / 2;
  const stack: { node: number; from: number; to: number }[] = [{ node: focus, from: start, to: start + span }];
  while (stack.length > 0) {
    const { node, from, to } = stack.pop()!;
    const list = children.get(node);
    if (!list) continue;
    const total = weight[node];
    let cursor = from;
    for (const child of list) {
      const width = ((to - from) * weight[child]) / total;
      wedgeCentre[child] = cursor + width / 2;
      stack.push({ node: child, from: cursor, to: cursor + width });
      cursor += width;
    }
  }
  const rings: number[][] = [];
  for (const node of below) {
    rings[generation[node]] ??= [];
    rings[generation[node]].push(node);
  }

  // Ring radii, outwards: a ring grows when its models need more room (with some slack, so that spreading moves
  // models little from their wedges). A second pass keeps the inner rings from huddling around the focus when
  // a crowded outer ring makes the whole picture large.
  const ringRadii = (floor: (generation: number) => number) => {
    const radii = [0];
    for (let g = 1; g < rings.length; g++) {
      const previous = radii[g - 1];
      const needed = (RING_SLACK * (rings[g]?.length ?? 0) * NODE_SPACING) / span;
      const step = g === 1 ? RING_GAP : Math.max(RING_GAP, RING_STEP_SHARE * radii[1]);
      radii.push(Math.max(previous + step, needed, floor(g)));
    }
    return radii;
  };
  const compact = ringRadii(() => 0);
  const outer = compact[compact.length - 1];
  const radii = ringRadii((g) => (INNER_RING_SHARE * g * outer) / (rings.length - 1));

  // Each ring: models aim at their wedge's centre, then spread so that neighbours stay NODE_SPACING apart.
  for (let g = 1; g < rings.length; g++) {
    const ring = rings[g];
    if (!ring) continue;
    const radius = radii[g];
    ring.sort((a, b) => wedgeCentre[a] - wedgeCentre[b]);
    const gap = NODE_SPACING / radius;
    const spread = spreadAngles(
      ring.map((node) => wedgeCentre[node]),
      gap,
      start + gap / 2,
      start + span - gap / 2,
    );
    ring.forEach((node, i) => {
      positions.x[node] = radius * Math.cos(spread[i]);
      positions.y[node] = radius * Math.sin(spread[i]);
    });
  }
  return radii[1] ?? RING_GAP;
}

/** Ancestors (and any other model not below the focus) in rows above it, one row per generation. */
function layoutAncestors(family: LayoutFamily, focus: number, positions: LayoutPositions, rowGap: number): void {
  const rows = new Map<number, number[]>();
  for (let v = 0; v < family.ids.length; v++) {
    const g = family.generation[v];
    if (v === focus || g > 0) continue;
    const row = rows.get(g);
    if (row) row.push(v);
    else rows.set(g, [v]);
  }
  const step = NODE_SPACING * 3;
  for (const [g, row] of rows) {
    row.sort((a, b) => compareSiblings(family, a, b));
    row.forEach((node, index) => {
      // Generation 0 holds models beside the focus (not its ancestors): they go to its right.
      positions.x[node] = g === 0 ? (index + 1) * step : (index - (row.length - 1) / 2) * step;
      positions.y[node] = -g * rowGap;
    });
  }
}

/** Positions for every model of the family, with `focus` (a model number) at the origin and ancestors towards +y. */
export function layoutGenerations(family: LayoutFamily, focus = 0): LayoutPositions {
  const n = family.ids.length;
  if (focus < 0 || focus >= n)
    throw new RangeError(`layoutGenerations: the focus ${focus} is not a model of the family (0..${n - 1})`);
  const positions = { x: new Float64Array(n), y: new Float64Array(n), treeParent: pickTreeParents(family, focus) };
  let hasAncestors = false;
  for (let v = 0; v < n; v++) if (family.generation[v] < 0) hasAncestors = true;
  const firstRing = layoutDescendants(family, focus, positions, hasAncestors);
  layoutAncestors(family, focus, positions, Math.max(RING_GAP / 2, firstRing / 3));
  return positions;
}
