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
  LICENSE_CHANGE_WIDTHS,
  LICENSE_FAMILY_COLORS,
  MIN_NODE_SIZE,
  RELATION_COLORS,
  SAME_LICENSE_EDGE_COLOR,
  UNKNOWN_EDGE_COLOR,
  UNKNOWN_LICENSE_COLOR,
  UNKNOWN_RELATION_COLOR,
} from "./graph-style";
import type { GraphEdgeAttributes, Relation } from "../../server/contract/types";
import { edgeKey, type FamilyColumns, labelledFlags, parentFlags, roleOf } from "./family-columns";
import type { LaidOutNodeAttributes, LineageGraph } from "./lineage-graph";

/** A sub-family disc: from this radius (pixels, a handful of descendants) to DISC_MAX_SIZE. */
const DISC_MIN_SIZE = 8;
/** A disc is drawn slightly see-through, over its crowded first-ring neighbours. */
const DISC_ALPHA = 0.85;
/** Dashed (inferred) links carry their length along them; solid ones this marker. */
export const SOLID_EDGE = -1;
/** Floats per thick link: x0, y0, x1, y1, the length along it at each end (or SOLID_EDGE twice), width in pixels. */
export const THICK_EDGE_FLOATS = 7;
/** Width by GraphScene's licence-change code (0 none, 1 changed, 2 may-conflict). */
const CHANGE_WIDTHS = [1, LICENSE_CHANGE_WIDTHS.changed, LICENSE_CHANGE_WIDTHS["may-conflict"]];

/** `#rrggbb` or `#rrggbbaa` as one little-endian RGBA word (what a Uint32Array view over RGBA bytes holds). */
export function packColor(hex: string, alpha = 1): number {
  const value = Number.parseInt(hex.slice(1, 7), 16);
  const a = hex.length >= 9 ? Number.parseInt(hex.slice(7, 9), 16) : 255;
  return (
    (((Math.round(a * alpha) & 255) << 24) | ((value & 255) << 16) | (((value >> 8) & 255) << 8) | (value >> 16)) >>> 0
  );
}

type LicenseFamily = LaidOutNodeAttributes["licenseFamily"];
type LicenseChange = GraphEdgeAttributes["licenseChange"];
const packAll = <K extends string>(colors: Record<K, string>) =>
  Object.fromEntries(Object.entries<string>(colors).map(([key, hex]) => [key, packColor(hex)])) as Record<K, number>;

const FADED = packColor(FADED_COLOR);
const FOCUS = packColor(FOCUS_COLOR);
const BASE = packColor(BASE_COLOR);
const RELATION = packAll({ ...RELATION_COLORS, unknown: UNKNOWN_RELATION_COLOR });
const LICENSE = packAll({ ...LICENSE_FAMILY_COLORS, unknown: UNKNOWN_LICENSE_COLOR });
const EDGE_RELATION = packAll({ ...EDGE_RELATION_COLORS, unknown: UNKNOWN_EDGE_COLOR });
const EDGE_LICENSE = packAll({ ...LICENSE_CHANGE_COLORS, same: SAME_LICENSE_EDGE_COLOR });

type Role = LaidOutNodeAttributes["role"];

export class GraphScene {
  nodeKeys: string[] = [];
  /** x, y per model. */
  positions = new Float32Array(0);
  /** x0, y0, x1, y1 per link (parent, then child). */
  edgePositions = new Float32Array(0);
  /** Parent and child (model numbers) per link. */
  edgeEnds = new Uint32Array(0);
  /** Length along the link at each end (graph units), or SOLID_EDGE. */
  edgeAlong = new Float32Array(0);
  /** Styled each restyle: RGBA bytes per model, radius per model (0: hidden), RGBA per link end. */
  nodeColors = new Uint8Array(0);
  radii = new Float32Array(0);
  edgeColors = new Uint8Array(0);
  /** Models drawn above the others, in order. */
  topNodes = new Uint32Array(0);
  isTop = new Uint8Array(0);
  /**
   * Links drawn thick above the others, in order (licence changes in licence mode, conflicts last): THICK_EDGE_FLOATS
   * floats and 4 RGBA bytes each. GL lines are one pixel wide, so the layer draws these as quads.
   */
  thickEdges = new Float32Array(0);
  thickColors = new Uint8Array(0);

  // Item states.
  nodeHidden = new Uint8Array(0);
  nodeFaded = new Uint8Array(0);
  isDisc = new Uint8Array(0);
  edgeHidden = new Uint8Array(0);
  edgeFaded = new Uint8Array(0);
  selected = -1;
  byLicense = false;
  /** The focus's number (-1: none in the scene). */
  focus = -1;
  /** 1 for each model that may show a label; read by the labels, with the descendants and downloads that rank them. */
  isLabelled = new Uint8Array(0);
  descendants = new Float64Array(0);
  /** -1 where unknown. */
  downloads = new Float64Array(0);

  // What the styles read, once per model and link.
  private relationColor = new Uint32Array(0);
  private licenseColor = new Uint32Array(0);
  private isFocus = new Uint8Array(0);
  private edgeRelationColor = new Uint32Array(0);
  private edgeLicenseColor = new Uint32Array(0);
  private edgeChanges = new Uint8Array(0);
  private edgeCount = 0;
  /** Model keys to numbers, built when first asked for (selection, sub-families and the probe name models by key). */
  private nodeIndexByKey: Map<string, number> | null = null;
  /** Link keys (edgeKey) to numbers, built when first asked for (sub-families name links by key). */
  private edgeIndexByKey: Map<string, number> | null = null;

  /**
   * `columns`: the slice `graph` was built from (graphFromColumns adds models and links in the columns' order, the
   * links perhaps later), or will be (a null `graph`, given later to attachGraph); the first fill then reads the typed
   * columns, every link included, instead of the graph. `isLabelled`: the models that may show a label (1 each;
   * the columns' `labelled` by default).
   */
  constructor(
    private graph: LineageGraph | null,
    columns?: FamilyColumns,
    isLabelled?: Uint8Array,
  ) {
    if (
      columns &&
      (graph === null || (columns.nodes.id.length === graph.order && graph.size <= columns.edges.parent.length))
    ) {
      this.fillFromColumns(columns, isLabelled ?? labelledFlags(columns));
    } else {
      this.sync();
    }
  }

  /** The graph built from the columns the scene was filled from: the models and links it gains are taken in (sync). */
  attachGraph(graph: LineageGraph): void {
    this.graph = graph;
  }

  get order(): number {
    return this.nodeKeys.length;
  }

  get size(): number {
    return this.edgeCount;
  }

  /** The box the models' positions span (all 0 for none). */
  extent(): { minX: number; maxX: number; minY: number; maxY: number } {
    const extent = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
    for (let k = 0; k < this.order; k++) {
      const x = this.positions[2 * k];
      const y = this.positions[2 * k + 1];
      extent.minX = Math.min(extent.minX, x);
      extent.maxX = Math.max(extent.maxX, x);
      extent.minY = Math.min(extent.minY, y);
      extent.maxY = Math.max(extent.maxY, y);
    }
    return this.order > 0 ? extent : { minX: 0, maxX: 0, minY: 0, maxY: 0 };
  }

  /** A model's number by its key; undefined when the scene does not hold it. */
  nodeIndexOf(key: string): number | undefined {
    if (this.nodeIndexByKey === null || this.nodeIndexByKey.size < this.order) {
      this.nodeIndexByKey ??= new Map();
      for (let k = this.nodeIndexByKey.size; k < this.order; k++) this.nodeIndexByKey.set(this.nodeKeys[k], k);
    }
    return this.nodeIndexByKey.get(key);
  }

  /** A link's number by its key; undefined when the scene does not hold it. */
  edgeIndexOf(key: string): number | undefined {
    if (this.edgeIndexByKey === null || this.edgeIndexByKey.size < this.edgeCount) {
      this.edgeIndexByKey ??= new Map();
      for (let e = this.edgeIndexByKey.size; e < this.edgeCount; e++) {
        this.edgeIndexByKey.set(
          edgeKey(this.nodeKeys[this.edgeEnds[2 * e]], this.nodeKeys[this.edgeEnds[2 * e + 1]]),
          e,
        );
      }
    }
    return this.edgeIndexByKey.get(key);
  }

  /** Makes room for `n` models and `m` links, keeping what is there. */
  private grow(n: number, m: number): void {
    const grow = <T extends Uint8Array | Uint32Array | Float32Array | Float64Array>(old: T, length: number): T => {
      const next = new (old.constructor as new (length: number) => T)(length);
      next.set(old);
      return next;
    };
    this.positions = grow(this.positions, 2 * n);
    this.relationColor = grow(this.relationColor, n);
    this.licenseColor = grow(this.licenseColor, n);
    this.descendants = grow(this.descendants, n);
    this.downloads = grow(this.downloads, n);
    this.isLabelled = grow(this.isLabelled, n);
    this.isFocus = grow(this.isFocus, n);
    this.nodeHidden = grow(this.nodeHidden, n);
    this.nodeFaded = grow(this.nodeFaded, n);
    this.isDisc = grow(this.isDisc, n);
    this.nodeColors = new Uint8Array(4 * n);
    this.radii = new Float32Array(n);
    this.isTop = new Uint8Array(n);
    this.edgePositions = grow(this.edgePositions, 4 * m);
    this.edgeAlong = grow(this.edgeAlong, 2 * m);
    this.edgeEnds = grow(this.edgeEnds, 2 * m);
    this.edgeRelationColor = grow(this.edgeRelationColor, m);
    this.edgeLicenseColor = grow(this.edgeLicenseColor, m);
    this.edgeChanges = grow(this.edgeChanges, m);
    this.edgeHidden = grow(this.edgeHidden, m);
    this.edgeFaded = grow(this.edgeFaded, m);
    this.edgeColors = new Uint8Array(8 * m);
  }

  private setNode(key: string, x: number, y: number, role: Role, relation: Relation | null, license: LicenseFamily) {
    const k = this.nodeKeys.length;
    this.nodeKeys.push(key);
    this.positions[2 * k] = x;
    this.positions[2 * k + 1] = y;
    this.isFocus[k] = role === "focus" ? 1 : 0;
    if (role === "focus" && this.focus < 0) this.focus = k;
    this.relationColor[k] = role === "focus" ? FOCUS : role === "base" ? BASE : RELATION[relation ?? "unknown"];
    this.licenseColor[k] = LICENSE[license ?? "unknown"];
    return k;
  }

  private setEdge(s: number, t: number, isInferred: boolean, relation: Relation | null, change: LicenseChange) {
    const e = this.edgeCount++;
    this.edgeEnds[2 * e] = s;
    this.edgeEnds[2 * e + 1] = t;
    const [x0, y0, x1, y1] = [
      this.positions[2 * s],
      this.positions[2 * s + 1],
      this.positions[2 * t],
      this.positions[2 * t + 1],
    ];
    this.edgePositions[4 * e] = x0;
    this.edgePositions[4 * e + 1] = y0;
    this.edgePositions[4 * e + 2] = x1;
    this.edgePositions[4 * e + 3] = y1;
    this.edgeAlong[2 * e] = isInferred ? 0 : SOLID_EDGE;
    this.edgeAlong[2 * e + 1] = isInferred ? Math.hypot(x1 - x0, y1 - y0) : SOLID_EDGE;
    this.edgeRelationColor[e] = EDGE_RELATION[relation ?? "unknown"];
    this.edgeLicenseColor[e] = EDGE_LICENSE[change ?? "same"];
    this.edgeChanges[e] = change === "may-conflict" ? 2 : change === "changed" ? 1 : 0;
  }

  private fillFromColumns(columns: FamilyColumns, isLabelled: Uint8Array): void {
    const { nodes, edges, relationCodes, licenseCodes, licenseChangeCodes, sourceCodes } = columns;
    this.grow(nodes.id.length, edges.parent.length);
    const hasParent = parentFlags(columns);
    for (let k = 0; k < nodes.id.length; k++) {
      const relation = relationCodes[nodes.relation[k]];
      const license = nodes.license[k] >= 0 ? licenseCodes[nodes.license[k]].family : null;
      this.setNode(nodes.id[k], nodes.x[k], nodes.y[k], roleOf(k, relation, hasParent[k] === 1), relation, license);
      this.descendants[k] = nodes.descendants[k];
      this.downloads[k] = nodes.downloads[k] ?? -1;
      this.isLabelled[k] = isLabelled[k];
    }
    for (let l = 0; l < edges.parent.length; l++) {
      const change = edges.licenseChange[l] >= 0 ? licenseChangeCodes[edges.licenseChange[l]] : null;
      const isInferred = sourceCodes[edges.source[l]] === "inferred";
      this.setEdge(edges.parent[l], edges.child[l], isInferred, relationCodes[edges.relation[l]], change);
    }
  }

  /** Fades every model and link but `node` and its links and neighbours; none when `node` is -1. */
  fadeAllBut(node: number): void {
    this.nodeFaded.fill(node >= 0 ? 1 : 0);
    this.edgeFaded.fill(node >= 0 ? 1 : 0);
    if (node < 0) return;
    this.nodeFaded[node] = 0;
    const ends = this.edgeEnds;
    for (let e = 0; e < this.size; e++) {
      if (ends[2 * e] !== node && ends[2 * e + 1] !== node) continue;
      this.edgeFaded[e] = 0;
      this.nodeFaded[ends[2 * e]] = 0;
      this.nodeFaded[ends[2 * e + 1]] = 0;
    }
  }

  /** Whether the graph holds models or links the scene has not taken in (sync takes them). */
  isBehind(): boolean {
    return this.graph !== null && (this.graph.order > this.order || this.graph.size > this.size);
  }

  /**
   * Takes in the models and links added to the graph since the last fill. A graph still catching up with the
   * columns the scene was filled from (links added after the first frame) adds nothing new.
   */
  sync(): void {
    const { graph } = this;
    const fromNode = this.order;
    const fromEdge = this.size;
    if (graph === null || !this.isBehind()) return;
    this.grow(Math.max(graph.order, fromNode), Math.max(graph.size, fromEdge));
    let i = 0;
    graph.forEachNode((key, attrs) => {
      if (i++ < fromNode) return;
      const k = this.setNode(key, attrs.x, attrs.y, attrs.role, attrs.relation, attrs.licenseFamily);
      this.descendants[k] = attrs.descendants;
      this.downloads[k] = attrs.downloads ?? -1;
      this.isLabelled[k] = attrs.isLabelled && attrs.role !== "focus" ? 1 : 0;
    });
    let l = 0;
    graph.forEachEdge((_key, attrs, source, target) => {
      if (l++ < fromEdge) return;
      const s = this.nodeIndexOf(source) ?? 0;
      const t = this.nodeIndexOf(target) ?? 0;
      this.setEdge(s, t, attrs.source === "inferred", attrs.relation, attrs.licenseChange);
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
    const thick: number[] = [];
    for (let e = 0; e < m; e++) {
      let color = this.byLicense ? this.edgeLicenseColor[e] : this.edgeRelationColor[e];
      if (this.edgeFaded[e]) color = FADED;
      // A hidden link is fully transparent, which the edge program clips away.
      if (this.edgeHidden[e]) color = 0;
      edgeColors[2 * e] = color;
      edgeColors[2 * e + 1] = color;
      if (this.byLicense && color !== 0 && !this.edgeFaded[e] && this.edgeChanges[e] > 0) thick.push(e);
    }
    // Licence changes above the other links, conflicts above plain changes.
    thick.sort((a, b) => this.edgeChanges[a] - this.edgeChanges[b]);
    this.thickEdges = new Float32Array(THICK_EDGE_FLOATS * thick.length);
    this.thickColors = new Uint8Array(4 * thick.length);
    const thickColors = new Uint32Array(this.thickColors.buffer);
    thick.forEach((e, k) => {
      const at = THICK_EDGE_FLOATS * k;
      this.thickEdges.set(this.edgePositions.subarray(4 * e, 4 * e + 4), at);
      this.thickEdges[at + 4] = this.edgeAlong[2 * e];
      this.thickEdges[at + 5] = this.edgeAlong[2 * e + 1];
      this.thickEdges[at + 6] = CHANGE_WIDTHS[this.edgeChanges[e]];
      thickColors[k] = edgeColors[2 * e];
    });
  }
}
