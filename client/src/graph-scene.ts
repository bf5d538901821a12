// What the family view draws, as flat typed arrays indexed like the graph's models and links (no object per model):
// positions once, then colours, radii and draw order restyled from the item states (hidden, disc, faded, selected,
// colour by licence). Pure: no DOM, no WebGL.
import {
  BASE_COLOR,
  DISC_MAX_SIZE,
  descendantsRadius,
  EDGE_RELATION_COLORS,
  FADED_COLOR,
  FOCUS_COLOR,
  FOCUS_MIN_SIZE,
  LICENSE_CHANGE_COLORS,
  LICENSE_FAMILY_COLORS,
  MIN_NODE_SIZE,
  RELATION_COLORS,
  SAME_LICENSE_EDGE_COLOR,
  UNKNOWN_EDGE_COLOR,
  UNKNOWN_LICENSE_COLOR,
  UNKNOWN_RELATION_COLOR,
} from "./graph-style";
import type { LineageGraph } from "./lineage-graph";

/** A sub-family disc: from this radius (pixels, a handful of descendants) to DISC_MAX_SIZE. */
const DISC_MIN_SIZE = 8;
/** A disc is drawn slightly see-through, over its crowded first-ring neighbours. */
const DISC_ALPHA = 0.85;
/** Dashed (inferred) links carry their length along them; solid ones this marker. */
export const SOLID_EDGE = -1;

/** Colours already packed: a family has a handful, read once per model. */
const PACKED = new Map<string, number>();

/** `#rrggbb` or `#rrggbbaa` as one little-endian RGBA word (what a Uint32Array view over RGBA bytes holds). */
export function packColor(hex: string, alpha = 1): number {
  const key = `${hex}/${alpha}`;
  const known = PACKED.get(key);
  if (known !== undefined) return known;
  const value = Number.parseInt(hex.slice(1, 7), 16);
  const a = hex.length >= 9 ? Number.parseInt(hex.slice(7, 9), 16) : 255;
  const packed =
    (((Math.round(a * alpha) & 255) << 24) | ((value & 255) << 16) | (((value >> 8) & 255) << 8) | (value >> 16)) >>> 0;
  PACKED.set(key, packed);
  return packed;
}

const FADED = packColor(FADED_COLOR);
const FOCUS = packColor(FOCUS_COLOR);

export class GraphScene {
  nodeKeys: string[] = [];
  readonly nodeIndex = new Map<string, number>();
  edgeKeys: string[] = [];
  readonly edgeIndex = new Map<string, number>();
  /** x, y per model. */
  positions = new Float32Array(0);
  /** x0, y0, x1, y1 per link (parent, then child). */
  edgePositions = new Float32Array(0);
  /** Length along the link at each end (graph units), or SOLID_EDGE. */
  edgeAlong = new Float32Array(0);
  /** Styled each restyle: RGBA bytes per model, radius per model (0: hidden), RGBA per link end. */
  nodeColors = new Uint8Array(0);
  radii = new Float32Array(0);
  edgeColors = new Uint8Array(0);
  /** Models and links drawn above the others, in order. */
  topNodes = new Uint32Array(0);
  topEdges = new Uint32Array(0);
  isTop = new Uint8Array(0);

  // Item states.
  nodeHidden = new Uint8Array(0);
  nodeFaded = new Uint8Array(0);
  isDisc = new Uint8Array(0);
  edgeHidden = new Uint8Array(0);
  edgeFaded = new Uint8Array(0);
  selected = -1;
  byLicense = false;

  // What the styles read, once per model and link.
  private relationColor = new Uint32Array(0);
  private licenseColor = new Uint32Array(0);
  private descendants = new Float64Array(0);
  private isFocus = new Uint8Array(0);
  private edgeRelationColor = new Uint32Array(0);
  private edgeLicenseColor = new Uint32Array(0);
  private edgeChanges = new Uint8Array(0);

  constructor(private readonly graph: LineageGraph) {
    this.sync();
  }

  get order(): number {
    return this.nodeKeys.length;
  }

  get size(): number {
    return this.edgeKeys.length;
  }

  /** Takes in the models and links added to the graph since the last call (all of them the first time). */
  sync(): void {
    const { graph } = this;
    const fromNode = this.order;
    const fromEdge = this.size;
    if (graph.order === fromNode && graph.size === fromEdge) return;
    const n = graph.order;
    const grow = <T extends Uint8Array | Uint32Array | Float32Array | Float64Array>(old: T, length: number): T => {
      const next = new (old.constructor as new (length: number) => T)(length);
      next.set(old);
      return next;
    };
    this.positions = grow(this.positions, 2 * n);
    this.relationColor = grow(this.relationColor, n);
    this.licenseColor = grow(this.licenseColor, n);
    this.descendants = grow(this.descendants, n);
    this.isFocus = grow(this.isFocus, n);
    this.nodeHidden = grow(this.nodeHidden, n);
    this.nodeFaded = grow(this.nodeFaded, n);
    this.isDisc = grow(this.isDisc, n);
    this.nodeColors = new Uint8Array(4 * n);
    this.radii = new Float32Array(n);
    this.isTop = new Uint8Array(n);
    let i = 0;
    graph.forEachNode((key, attrs) => {
      if (i++ < fromNode) return;
      const k = this.nodeKeys.length;
      this.nodeKeys.push(key);
      this.nodeIndex.set(key, k);
      this.positions[2 * k] = attrs.x;
      this.positions[2 * k + 1] = attrs.y;
      this.isFocus[k] = attrs.role === "focus" ? 1 : 0;
      this.relationColor[k] =
        attrs.role === "focus"
          ? FOCUS
          : attrs.role === "base"
            ? packColor(BASE_COLOR)
            : packColor(attrs.relation === null ? UNKNOWN_RELATION_COLOR : RELATION_COLORS[attrs.relation]);
      this.licenseColor[k] = packColor(
        attrs.licenseFamily === null ? UNKNOWN_LICENSE_COLOR : LICENSE_FAMILY_COLORS[attrs.licenseFamily],
      );
      this.descendants[k] = attrs.descendants;
    });
    const m = graph.size;
    this.edgePositions = grow(this.edgePositions, 4 * m);
    this.edgeAlong = grow(this.edgeAlong, 2 * m);
    this.edgeRelationColor = grow(this.edgeRelationColor, m);
    this.edgeLicenseColor = grow(this.edgeLicenseColor, m);
    this.edgeChanges = grow(this.edgeChanges, m);
    this.edgeHidden = grow(this.edgeHidden, m);
    this.edgeFaded = grow(this.edgeFaded, m);
    this.edgeColors = new Uint8Array(8 * m);
    let l = 0;
    graph.forEachEdge((key, attrs, source, target) => {
      if (l++ < fromEdge) return;
      const e = this.edgeKeys.length;
      this.edgeKeys.push(key);
      this.edgeIndex.set(key, e);
      const s = this.nodeIndex.get(source) ?? 0;
      const t = this.nodeIndex.get(target) ?? 0;
      this.edgePositions[4 * e] = this.positions[2 * s];
      this.edgePositions[4 * e + 1] = this.positions[2 * s + 1];
      this.edgePositions[4 * e + 2] = this.positions[2 * t];
      this.edgePositions[4 * e + 3] = this.positions[2 * t + 1];
      const length = Math.hypot(
        this.positions[2 * t] - this.positions[2 * s],
        this.positions[2 * t + 1] - this.positions[2 * s + 1],
      );
      this.edgeAlong[2 * e] = attrs.source === "inferred" ? 0 : SOLID_EDGE;
      this.edgeAlong[2 * e + 1] = attrs.source === "inferred" ? length : SOLID_EDGE;
      this.edgeRelationColor[e] = packColor(
        attrs.relation === null ? UNKNOWN_EDGE_COLOR : EDGE_RELATION_COLORS[attrs.relation],
      );
      this.edgeLicenseColor[e] = packColor(
        attrs.licenseChange === null ? SAME_LICENSE_EDGE_COLOR : LICENSE_CHANGE_COLORS[attrs.licenseChange],
      );
      this.edgeChanges[e] = attrs.licenseChange === "may-conflict" ? 2 : attrs.licenseChange === "changed" ? 1 : 0;
    });
  }

  /** Colours, radii and draw order from the data and the item states. */
  restyle(): void {
    const n = this.order;
    const colors = new Uint32Array(this.nodeColors.buffer);
    const top: number[] = [];
    for (let k = 0; k < n; k++) {
      let radius = descendantsRadius(this.descendants[k], this.isFocus[k] ? FOCUS_MIN_SIZE : MIN_NODE_SIZE);
      let color = this.byLicense ? this.licenseColor[k] : this.relationColor[k];
      let isTop = this.isFocus[k] === 1 || k === this.selected;
      if (this.isDisc[k]) {
        radius = descendantsRadius(this.descendants[k], DISC_MIN_SIZE, DISC_MAX_SIZE);
        color = ((color & 0xffffff) | (Math.round(255 * DISC_ALPHA) << 24)) >>> 0;
        isTop = true;
      }
      if (this.nodeFaded[k]) color = FADED;
      if (this.nodeHidden[k]) radius = 0;
      colors[k] = color;
      this.radii[k] = radius;
      this.isTop[k] = isTop ? 1 : 0;
      if (isTop && radius > 0) top.push(k);
    }
    // The selection above the discs and the focus: drawn last.
    top.sort((a, b) => (a === this.selected ? 1 : 0) - (b === this.selected ? 1 : 0));
    this.topNodes = Uint32Array.from(top);

    const m = this.size;
    const edgeColors = new Uint32Array(this.edgeColors.buffer);
    const topEdges: number[] = [];
    for (let e = 0; e < m; e++) {
      let color = this.byLicense ? this.edgeLicenseColor[e] : this.edgeRelationColor[e];
      if (this.edgeFaded[e]) color = FADED;
      // A hidden link is fully transparent, which the edge program clips away.
      if (this.edgeHidden[e]) color = 0;
      edgeColors[2 * e] = color;
      edgeColors[2 * e + 1] = color;
      if (this.byLicense && color !== 0 && !this.edgeFaded[e] && this.edgeChanges[e] > 0) topEdges.push(e);
    }
    // Licence changes above the other links, conflicts above plain changes.
    topEdges.sort((a, b) => this.edgeChanges[a] - this.edgeChanges[b]);
    this.topEdges = Uint32Array.from(topEdges.flatMap((e) => [2 * e, 2 * e + 1]));
  }
}
