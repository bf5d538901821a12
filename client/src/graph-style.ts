// Visual encoding of the lineage graph: colour by relation to parent (or by licence family), size by descendant
// count (log scale), links whose licence changes marked.
import type { LicenseChangeKind, LicenseFamilyName, Relation } from "../../server/contract/types";
import { FAMILY_RELATIONS } from "../../common/model-page";

export const RELATIONS: readonly Relation[] = FAMILY_RELATIONS;

export const RELATION_LABELS: Record<Relation, string> = {
  finetune: "Fine-tune",
  adapter: "Adapter",
  quantized: "Quantization",
  merge: "Merge",
};

export const RELATION_COLORS: Record<Relation, string> = {
  finetune: "#2563eb",
  adapter: "#ea8c00",
  quantized: "#059669",
  merge: "#9333ea",
};

/** A derived model whose relation nothing tells. */
export const UNKNOWN_RELATION_COLOR = "#64748b";
/** A model with no parent in view and no relation: a base model (or one whose parents are outside the slice). */
export const BASE_COLOR = "#334155";
/** The model the view is centred on. */
export const FOCUS_COLOR = "#e11d48";
/** Nodes and edges pushed to the background while another node is hovered. */
export const FADED_COLOR = "#e2e8f0";
export const BACKGROUND_COLOR = "#f8fafc";
/** The plate under a model's label: the background at 85%, so that crowded dots and links barely show behind it. */
export const LABEL_PLATE_COLOR = "rgba(248, 250, 252, 0.85)";

export function colorForRelation(relation: Relation | null): string {
  return relation === null ? UNKNOWN_RELATION_COLOR : RELATION_COLORS[relation];
}

/** Edges take their relation's colour, lightened so that nodes stay on top visually. */
export const EDGE_RELATION_COLORS: Record<Relation, string> = {
  finetune: `${RELATION_COLORS.finetune}66`,
  adapter: `${RELATION_COLORS.adapter}66`,
  quantized: `${RELATION_COLORS.quantized}66`,
  merge: `${RELATION_COLORS.merge}66`,
};
export const UNKNOWN_EDGE_COLOR = `${UNKNOWN_RELATION_COLOR}66`;

/** How nodes are coloured: by their relation to their parent, or by their licence's family. */
export type ColorBy = "relation" | "license";

export const LICENSE_FAMILIES: readonly LicenseFamilyName[] = [
  "permissive",
  "copyleft",
  "non-commercial",
  "use-restricted",
  "other",
];

export const LICENSE_FAMILY_LABELS: Record<LicenseFamilyName, string> = {
  permissive: "Permissive",
  copyleft: "Copyleft",
  "non-commercial": "Non-commercial",
  "use-restricted": "Use-restricted model licence",
  other: "Other licence",
};

export const LICENSE_FAMILY_COLORS: Record<LicenseFamilyName, string> = {
  permissive: "#16a34a",
  copyleft: "#0891b2",
  "non-commercial": "#c026d3",
  "use-restricted": "#ea580c",
  other: "#a16207",
};
export const UNKNOWN_LICENSE_COLOR = "#94a3b8";

/** Links whose licence changes, in colour-by-licence mode; other links fade to a light grey. */
export const LICENSE_CHANGE_COLORS: Record<LicenseChangeKind, string> = {
  "may-conflict": "#dc2626",
  changed: "#f59e0b",
};
export const LICENSE_CHANGE_LABELS: Record<LicenseChangeKind, string> = {
  "may-conflict": "Licence drops a parent's restriction",
  changed: "Licence changed",
};
export const SAME_LICENSE_EDGE_COLOR = "#cbd5e1";
/** Their width in pixels (other links are 1 pixel wide), as the sigma view sizes them. */
export const LICENSE_CHANGE_WIDTHS: Record<LicenseChangeKind, number> = { "may-conflict": 3, changed: 2 };
/** Inferred links are dashed: dash and gap length in CSS pixels (the WebGL2 layer and the 2D frame). */
export const INFERRED_DASH = 4;

export const MIN_NODE_SIZE = 3;
export const MAX_NODE_SIZE = 24;
export const FOCUS_MIN_SIZE = 12;
/** A sub-family shown as one disc reaches this radius at SIZE_SATURATION descendants. */
export const DISC_MAX_SIZE = 32;
/** Descendant count at which a node reaches MAX_NODE_SIZE: one size step of ~3.2 px per tenfold. */
const SIZE_SATURATION = 10 ** ((MAX_NODE_SIZE - MIN_NODE_SIZE) / 3.2);

/** Easing (t = descendants / SIZE_SATURATION, clamped) that makes the size linear in log(1 + descendants). */
function logEasing(t: number): number {
  return Math.log10(1 + t * SIZE_SATURATION) / Math.log10(1 + SIZE_SATURATION);
}

/** Pixel radius of a model with `descendants` below it, on a log scale from `min` (no derivative) to `max`. */
export function descendantsRadius(descendants: number, min: number, max = MAX_NODE_SIZE): number {
  return min + (max - min) * logEasing(Math.max(0, Math.min(1, descendants / SIZE_SATURATION)));
}

/** Sigma's size binding (sigma-graph-view.ts) for descendantsRadius: the same log scale from `min` to `max`. */
export function descendantsSizeBinding(min: number, max = MAX_NODE_SIZE) {
  return { attribute: "descendants", minValue: 0, maxValue: SIZE_SATURATION, min, max, easing: logEasing };
}

/** The pixel radius of an ordinary model (what label fitting reserves for the node). */
export function nodeRadius(descendants: number): number {
  return descendantsRadius(descendants, MIN_NODE_SIZE);
}
