// Lays a family out again after a few models arrived, keeping the layout it had (lineage/layout-generations.ts):
// every model laid out before keeps its place, and each new one goes on its generation's ring, in the free gap
// nearest its parent's angle. Linear in the family plus a sort per ring, instead of a whole new layout.
import {
  descendantArc,
  type LayoutFamily,
  type LayoutPositions,
  NODE_SPACING,
  pickTreeParents,
  RING_GAP,
} from "./layout-generations";
import { lowerBound } from "../common/lower-bound";

/** A layout computed before: model ids to their number in it, and its positions and generations by number. */
export interface PreviousLayout {
  at: ReadonlyMap<string, number>;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  generation: ArrayLike<number>;
}

/**
 * Beyond this share of new (or moved to another generation) models, and MIN_NEW_ALLOWED of them, patching would
 * crowd the rings unevenly: the caller lays the family out whole instead.
 */
export const MAX_NEW_SHARE = 0.05;
const MIN_NEW_ALLOWED = 16;

/**
 * How far (radians) a new model may land from its parent's angle on its ring; when the ring has no room that close,
 * it goes on a lane just outside the ring (NODE_SPACING further out), up to LANES of them.
 */
const MAX_TURN = 0.1;
const LANES = 4;

interface Ring {
  radius: number;
  /** Angles of the models on each lane (0: the ring itself), ascending, within the descendants' arc. */
  lanes: number[][];
}

/** FNV-1a of an id, as a share of the turn: a first-generation model with no parent angle to aim at lands here. */
function idShare(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

/** The first index whose angle is >= `angle`. */
function firstAngleFrom(angles: number[], angle: number): number {
  return lowerBound(angles.length, (i) => angles[i] < angle);
}

/**
 * The angle nearest `desired` at least `gap` from every angle on the ring, within [low, high]; null when the ring
 * has no such room. Gaps are scanned outwards from `desired` and the scan stops once they can only be farther.
 */
export function nearestFreeAngle(angles: number[], desired: number, gap: number, low: number, high: number) {
  // Neighbour j - 1 and j bound gap j; the arc's ends act as neighbours half a gap outside it.
  const left = (j: number) => (j === 0 ? low - gap / 2 : angles[j - 1]);
  const right = (j: number) => (j === angles.length ? high + gap / 2 : angles[j]);
  const at = firstAngleFrom(angles, desired);
  let best: number | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  const tryGap = (j: number) => {
    const from = left(j) + gap;
    const to = right(j) - gap;
    if (from > to) return;
    const angle = Math.min(to, Math.max(from, desired));
    if (Math.abs(angle - desired) < bestDistance) {
      best = angle;
      bestDistance = Math.abs(angle - desired);
    }
  };
  for (let j = at; j >= 0 && desired - right(j) < bestDistance; j--) tryGap(j);
  for (let j = at + 1; j <= angles.length && left(j) - desired < bestDistance; j++) tryGap(j);
  return best;
}

/** The first lane with room within MAX_TURN of `desired`, else the nearest room on the ring itself. */
function findSpot(ring: Ring, desired: number, start: number, span: number): { lane: number; angle: number } | null {
  const freeOn = (lane: number) => {
    const gap = NODE_SPACING / (ring.radius + lane * NODE_SPACING);
    return nearestFreeAngle(ring.lanes[lane], desired, gap, start + gap / 2, start + span - gap / 2);
  };
  for (let lane = 0; lane < LANES; lane++) {
    const angle = freeOn(lane);
    if (angle !== null && Math.abs(angle - desired) <= MAX_TURN) return { lane, angle };
  }
  const angle = freeOn(0);
  return angle === null ? null : { lane: 0, angle };
}

/**
 * Positions for `family` with `focus` at the origin, the models of `previous` where they were; null when a full
 * layout is needed instead: the focus moved, ancestors arrived, too many models are new, or a ring has no room left.
 */
export function placeNewModels(family: LayoutFamily, focus: number, previous: PreviousLayout): LayoutPositions | null {
  const { ids, generation } = family;
  const n = ids.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const fresh: number[] = [];
  let hasAncestors = false;
  for (let v = 0; v < n; v++) {
    if (generation[v] < 0) hasAncestors = true;
    const p = previous.at.get(ids[v]);
    if (p === undefined || previous.generation[p] !== generation[v]) fresh.push(v);
    else {
      x[v] = previous.x[p];
      y[v] = previous.y[p];
    }
  }
  if (
    fresh.length > Math.max(MIN_NEW_ALLOWED, MAX_NEW_SHARE * n) ||
    fresh.includes(focus) ||
    x[focus] !== 0 ||
    y[focus] !== 0
  )
    return null;
  if (fresh.some((v) => generation[v] <= 0)) return null;
  const { start, span } = descendantArc(hasAncestors);
  const angleOf = (v: number) => {
    let angle = Math.atan2(y[v], x[v]);
    while (angle < start) angle += 2 * Math.PI;
    while (angle >= start + 2 * Math.PI) angle -= 2 * Math.PI;
    return angle;
  };

  // The rings as they stand: the radius their models share, their angles in order.
  const isFresh = new Uint8Array(n);
  for (const v of fresh) isFresh[v] = 1;
  const rings = new Map<number, Ring>();
  const radiusSums = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    if (isFresh[v] || generation[v] <= 0 || v === focus) continue;
    const ring = rings.get(generation[v]) ?? { radius: 0, lanes: Array.from({ length: LANES }, () => []) };
    radiusSums.set(generation[v], (radiusSums.get(generation[v]) ?? 0) + Math.hypot(x[v], y[v]));
    ring.lanes[0].push(angleOf(v));
    rings.set(generation[v], ring);
  }
  for (const [g, ring] of rings) {
    ring.radius = (radiusSums.get(g) as number) / ring.lanes[0].length;
    ring.lanes[0].sort((a, b) => a - b);
  }

  const treeParent = pickTreeParents(family, focus);
  // Parents first, so that a new model's new child aims at where its parent was just put.
  fresh.sort((a, b) => generation[a] - generation[b]);
  for (const v of fresh) {
    const g = generation[v];
    let ring = rings.get(g);
    if (!ring) {
      // A generation deeper than any before: a new ring just outside the deepest one.
      let outer = 0;
      for (const other of rings.values()) outer = Math.max(outer, other.radius);
      ring = { radius: outer + RING_GAP, lanes: Array.from({ length: LANES }, () => []) };
      rings.set(g, ring);
    }
    const parent = treeParent[v];
    const desired = parent >= 0 && parent !== focus ? angleOf(parent) : start + idShare(ids[v]) * span;
    const spot = findSpot(ring, desired, start, span);
    if (!spot) return null;
    const lane = ring.lanes[spot.lane];
    lane.splice(firstAngleFrom(lane, spot.angle), 0, spot.angle);
    const radius = ring.radius + spot.lane * NODE_SPACING;
    x[v] = radius * Math.cos(spot.angle);
    y[v] = radius * Math.sin(spot.angle);
  }
  return { x, y, treeParent };
}
