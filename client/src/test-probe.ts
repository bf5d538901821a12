// The read-only probe the app puts on window for the browser tests and the benchmark (types only, no DOM).
import type { Relation } from "../../server/contract/types";

export const PROBE_GLOBAL = "__hfLineage";

export interface ProbedNode {
  id: string;
  relation: Relation | null;
  generation: number;
  descendants: number;
  hasHiddenChildren: boolean;
}

export interface ModelViewProbe {
  focus: string;
  /** performance.now() when the first frame of the current slice was drawn; null until then. */
  firstFrameAt: number | null;
  nodes(): ProbedNode[];
  /** A node's centre in CSS pixels relative to the graph canvas, through the view's camera. */
  nodeToViewport(node: string): { x: number; y: number } | null;
}

export interface LineageProbe {
  modelView: ModelViewProbe | null;
}
