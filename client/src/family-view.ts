// The renderer of a family, drawn from its columns at once (before its graphology graph is built): sigma's families
// by a quick 2D view that sigma takes over from once its chunk and the graph are in, larger ones by the WebGL2 layer.
import type { FamilyColumns } from "./family-columns";
import { createGraphCanvas2d } from "./graph-canvas2d";
import { type ColumnsGraphView, createGraphView, type GraphViewHandlers } from "./graph-view";
import { createHandoverGraphView } from "./handover-graph-view";
import { LABEL_GRID } from "./label-grid";
import type { LineageGraph } from "./lineage-graph";

/**
 * Families up to this many models are drawn by sigma; larger ones by graph-view.ts's own WebGL2 layer, which never
 * builds per-model render data and moves its last frame while the camera moves (sigma took 18 s to mount 150k models
 * and 1.9 s to draw a moving frame of 20k under software GL). Sigma's family is first drawn by a quick 2D view while
 * sigma's chunk loads and its WebGL programs compile (handover-graph-view.ts).
 */
export const SIGMA_UP_TO = 5_000;

export interface FamilyViewOptions {
  columns: FamilyColumns;
  /** The models that may show a label, 1 each (fit-labels.ts). */
  isLabelled: Uint8Array;
  labelWidth: (text: string) => number;
  /** The family's graph, for sigma: asked for once the first frame is on screen; null when the family was replaced. */
  graph(): Promise<LineageGraph | null>;
  /** Sigma (or the graph) could not be loaded: the quick view stays. */
  onLoadError(error: unknown): void;
}

export function createFamilyView(
  canvas: HTMLElement,
  handlers: GraphViewHandlers,
  { columns, isLabelled, labelWidth, graph, onLoadError }: FamilyViewOptions,
): ColumnsGraphView {
  const options = { columns, isLabelled, labelWidth };
  if (columns.nodes.id.length > SIGMA_UP_TO) return createGraphView(canvas, null, handlers, options);
  return createHandoverGraphView(canvas, handlers, {
    first: (host, quick) =>
      createGraphView(host, null, quick, { ...options, createDrawing: createGraphCanvas2d, labelGrid: LABEL_GRID }),
    load: () =>
      Promise.all([graph(), import("./sigma-graph-view")]).then(([built, { createSigmaGraphView }]) => {
        if (built === null) throw new Error("the family was replaced");
        return (host, final) => createSigmaGraphView(host, built, final);
      }),
    onLoadError,
  });
}
