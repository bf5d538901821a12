// The Sigma.js renderer of a lineage slice: styles from the data, hover/selection through reducers (data untouched).
import type Graph from "graphology";
import Sigma, { DEFAULT_STYLES } from "sigma";
import type { PrimitivesDeclaration } from "sigma/types";
import { layerDashed, layerPlain, pathLine } from "sigma/rendering";
import type { GraphEdgeAttributes, GraphNodeAttributes } from "../../server/api-types";
import {
  BACKGROUND_COLOR,
  BASE_COLOR,
  colorForRelation,
  edgeColorForRelation,
  FADED_COLOR,
  FOCUS_COLOR,
  FOCUS_MIN_SIZE,
  nodeSizeForDescendants,
} from "./graph-style";

/** The server's node attributes plus the position the layout gives (set before sigma ever reads the graph). */
export type LaidOutNodeAttributes = GraphNodeAttributes & { x?: number; y?: number };
export type LineageGraph = Graph<LaidOutNodeAttributes, GraphEdgeAttributes>;

interface ViewGraphState {
  hoveredNode: string | null;
  selectedNode: string | null;
}

export interface GraphViewHandlers {
  onSelect(node: string | null): void;
  onRefocus(node: string): void;
  /** Called once, when the first frame has been painted. */
  onFirstFrame(): void;
}

export interface GraphView {
  select(node: string | null): void;
  /** Viewport (CSS pixel) position of a node's centre, relative to the canvas container. */
  nodeToViewport(node: string): { x: number; y: number } | null;
  isNodeVisible(node: string): boolean;
  kill(): void;
}

/** Beyond this many edges, edges are hidden while the camera moves so that panning stays fluid. */
const HIDE_EDGES_ON_MOVE_ABOVE = 2_000;
/** Inferred edges are dashed: dash and gap lengths in pixels. */
const INFERRED_DASH = 4;

const PRIMITIVES = {
  edges: {
    // Straight lines only: lineage has no self-loops, and sigma sizes every edge's geometry for the most complex
    // path declared (the default loop path costs 66 vertices per edge instead of 4).
    paths: [pathLine()],
    variables: {
      solidColor: { type: "color", default: "transparent" },
      gapSize: { type: "number", default: 0 },
    },
    // Declared edges paint the plain layer; inferred ones leave it transparent and show dashes instead.
    layers: [
      layerPlain({ color: { attribute: "solidColor" } }),
      layerDashed({ dashSize: { value: INFERRED_DASH, mode: "pixels" }, gapSize: { attribute: "gapSize", default: 0, mode: "pixels" } }),
    ],
  },
} as const satisfies PrimitivesDeclaration;

function createSigma(graph: LineageGraph, container: HTMLElement, focus: string) {
  type GraphAttributes = Record<string, unknown>;
  return new Sigma<LaidOutNodeAttributes, GraphEdgeAttributes, GraphAttributes, {}, {}, ViewGraphState, typeof PRIMITIVES>(graph, container, {
    customGraphState: { hoveredNode: null, selectedNode: null },
    primitives: PRIMITIVES,
    styles: {
      nodes: {
        ...DEFAULT_STYLES.nodes,
        size: (attrs) => nodeSizeForDescendants(attrs.descendants),
        color: (attrs) => colorForRelation(attrs.relation),
        labelColor: "#0f172a",
        labelSize: 12,
      },
      edges: {
        ...DEFAULT_STYLES.edges,
        size: 1,
        color: (attrs) => edgeColorForRelation(attrs.relation),
        solidColor: (attrs) => (attrs.source === "inferred" ? "transparent" : edgeColorForRelation(attrs.relation)),
        gapSize: (attrs) => (attrs.source === "inferred" ? INFERRED_DASH : 0),
      },
      stage: { background: BACKGROUND_COLOR },
    },
    nodeReducer: (key, data, attrs, _state, graphState, g) => {
      const reduced: Partial<typeof data> = {};
      if (attrs.relation === null && g.inDegree(key) === 0) reduced.color = BASE_COLOR;
      if (key === focus) {
        reduced.color = FOCUS_COLOR;
        reduced.size = Math.max(data.size, FOCUS_MIN_SIZE);
        reduced.labelVisibility = "visible";
        reduced.zIndex = 2;
      }
      const { hoveredNode, selectedNode } = graphState;
      if (hoveredNode !== null && key !== hoveredNode && !g.areNeighbors(key, hoveredNode)) {
        reduced.color = FADED_COLOR;
        reduced.labelVisibility = "hidden";
        reduced.zIndex = 0;
      } else if (hoveredNode !== null) {
        // Neighbours come forward; their labels stay subject to label density (a hub may have hundreds).
        reduced.zIndex = 3;
      }
      if (key === selectedNode) {
        reduced.labelVisibility = "visible";
        reduced.backdropVisibility = "visible";
        reduced.zIndex = 4;
      }
      return reduced;
    },
    edgeReducer: (key, _data, _attrs, _state, graphState, g) => {
      const { hoveredNode } = graphState;
      if (hoveredNode === null || g.hasExtremity(key, hoveredNode)) return {};
      return { color: FADED_COLOR, solidColor: FADED_COLOR, zIndex: 0 } as Partial<typeof _data>;
    },
    settings: {
      itemSizesReference: "screen",
      hideEdgesOnMove: graph.size > HIDE_EDGES_ON_MOVE_ABOVE,
      labelDensity: 0.6,
      labelGridCellSize: 140,
      labelRenderedSizeThreshold: 6,
      stagePadding: 40,
      minCameraRatio: 0.01,
      maxCameraRatio: 3,
      enableCameraRotation: false,
    },
  });
}

export function createGraphView(container: HTMLElement, graph: LineageGraph, focus: string, handlers: GraphViewHandlers): GraphView {
  const sigma = createSigma(graph, container, focus);
  let killed = false;

  sigma.on("enterNode", ({ node }) => sigma.setGraphState({ hoveredNode: node }));
  sigma.on("leaveNode", () => sigma.setGraphState({ hoveredNode: null }));
  sigma.on("clickNode", ({ node }) => {
    sigma.setGraphState({ selectedNode: node });
    handlers.onSelect(node);
  });
  sigma.on("clickStage", () => {
    sigma.setGraphState({ selectedNode: null });
    handlers.onSelect(null);
  });
  sigma.on("doubleClickNode", (payload) => {
    // Double-click means "re-focus here", not sigma's default zoom.
    payload.preventSigmaDefault();
    handlers.onRefocus(payload.node);
  });
  // Sigma draws its first frame synchronously in its constructor; the browser shows it at the next paint, which
  // has happened once a second animation frame starts.
  let frame = requestAnimationFrame(() => {
    frame = requestAnimationFrame(() => {
      if (!killed) handlers.onFirstFrame();
    });
  });

  return {
    select(node) {
      sigma.setGraphState({ selectedNode: node });
    },
    nodeToViewport(node) {
      if (!graph.hasNode(node)) return null;
      const { x, y } = graph.getNodeAttributes(node);
      return x === undefined || y === undefined ? null : sigma.graphToViewport({ x, y });
    },
    isNodeVisible(node) {
      const data = sigma.getNodeDisplayData(node);
      return data !== undefined && data.visibility !== "hidden";
    },
    kill() {
      if (killed) return;
      killed = true;
      cancelAnimationFrame(frame);
      sigma.kill();
    },
  };
}
