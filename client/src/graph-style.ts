// Visual encoding of the lineage graph: colour by relation to parent, size by descendant count (log scale).
import type { Relation } from "../../server/api-types";

export const RELATIONS: readonly Relation[] = ["finetune", "adapter", "quantized", "merge"];

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

export function colorForRelation(relation: Relation | null): string {
  return relation === null ? UNKNOWN_RELATION_COLOR : RELATION_COLORS[relation];
}

/** Edges take their relation's colour, lightened so that nodes stay on top visually. */
export function edgeColorForRelation(relation: Relation | null): string {
  return `${colorForRelation(relation)}66`;
}

const MIN_NODE_SIZE = 3;
const MAX_NODE_SIZE = 24;
export const FOCUS_MIN_SIZE = 12;

/** Pixel radius for a model with `descendants` derivatives: log scale, so 10x more reads as one step bigger. */
export function nodeSizeForDescendants(descendants: number): number {
  const size = MIN_NODE_SIZE + 3.2 * Math.log10(1 + Math.max(0, descendants));
  return Math.min(MAX_NODE_SIZE, size);
}
