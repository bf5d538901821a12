// The Sigma.js 4 renderer of a lineage slice, for families up to SIGMA_UP_TO models (family-view.ts; graph-view.ts draws
// larger ones), loaded as a chunk of its own while a quick view draws the first frame (handover-graph-view.ts). Looks come from declarative styles over the data (static: evaluated
// once per node, never on camera moves); hover, selection and fading are sigma item states. Data is never mutated.
//
// Why not nodeReducer/edgeReducer: in sigma 4 a reducer (or any style function) makes every node and edge
// depend on the graph state, so each pan or zoom start and stop (isPanning/isZooming flips) re-evaluates the
// whole graph — a visible stall at 20k models. Item states only refresh the items whose state changed.
import Sigma, { DEFAULT_STYLES } from "sigma";
import { layerDashed, layerPlain, pathLine } from "sigma/rendering";
import type { PrimitivesDeclaration } from "sigma/types";
import type { GraphEdgeAttributes } from "../../server/contract/types";
import {
  BACKGROUND_COLOR,
  BASE_COLOR,
  type ColorBy,
  descendantsSizeBinding,
  EDGE_RELATION_COLORS,
  FADED_COLOR,
  FOCUS_COLOR,
  DISC_MAX_SIZE,
  FOCUS_MIN_SIZE,
  LICENSE_CHANGE_COLORS,
  LICENSE_CHANGE_WIDTHS,
  LICENSE_FAMILY_COLORS,
  MIN_NODE_SIZE,
  RELATION_COLORS,
  SAME_LICENSE_EDGE_COLOR,
  UNKNOWN_LICENSE_COLOR,
  UNKNOWN_EDGE_COLOR,
  UNKNOWN_RELATION_COLOR,
  LABEL_PLATE_COLOR,
} from "./graph-style";
import type { GraphView, GraphViewHandlers, Viewport } from "./graph-view";
import { LABEL_GRID } from "./label-grid";
import type { LaidOutNodeAttributes, LineageGraph } from "./lineage-graph";

// byLicense: the colour-by-licence mode, an item state like the others so that switching it restyles in place.
interface NodeViewState {
  isFaded: boolean;
  isSelected: boolean;
  /** A sub-family drawn as one disc, sized by its descendants. */
  isDisc: boolean;
  byLicense: boolean;
}

interface EdgeViewState {
  isFaded: boolean;
  byLicense: boolean;
}

/** Beyond this many edges, edges are hidden while the camera moves so that panning stays fluid. */
const HIDE_EDGES_ON_MOVE_ABOVE = 2_000;
/** Beyond this many models or links, drawing is simplified (see the settings below). */
const SIMPLIFY_ABOVE = 20_000;
/** Camera ratio zoomTo goes to: a few rings of neighbours around the model (1 shows the whole family). */
const ZOOM_TO_RATIO = 0.08;
/** A sub-family disc: from this radius (pixels, a handful of descendants) to the largest, on the log scale. */
const DISC_MIN_SIZE = 8;
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
      layerDashed({
        dashSize: { value: INFERRED_DASH, mode: "pixels" },
        gapSize: { attribute: "gapSize", default: 0, mode: "pixels" },
      }),
    ],
  },
} as const satisfies PrimitivesDeclaration;

/**
 * Without inferred links (the default view leaves them out), the dashed layer would only cost: software GL shades
 * every fragment of every link through each layer.
 */
const PLAIN_PRIMITIVES = {
  edges: { ...PRIMITIVES.edges, layers: [PRIMITIVES.edges.layers[0]] },
} as const satisfies PrimitivesDeclaration;

const EDGE_COLOR = { attribute: "relation", dict: EDGE_RELATION_COLORS, defaultValue: UNKNOWN_EDGE_COLOR };
const LICENSE_EDGE_COLOR = {
  attribute: "licenseChange",
  dict: LICENSE_CHANGE_COLORS,
  defaultValue: SAME_LICENSE_EDGE_COLOR,
};

function createSigma(graph: LineageGraph, container: HTMLElement) {
  type GraphAttributes = Record<string, unknown>;
  return new Sigma<
    LaidOutNodeAttributes,
    GraphEdgeAttributes,
    GraphAttributes,
    NodeViewState,
    EdgeViewState,
    // biome-ignore lint/complexity/noBannedTypes: sigma's graph-state type parameter; this view keeps no graph state
    {},
    typeof PRIMITIVES
  >(graph, container, {
    customNodeState: { isFaded: false, isSelected: false, isDisc: false, byLicense: false },
    customEdgeState: { isFaded: false, byLicense: false },
    // Same variables either way: the styles below set gapSize whatever the layers.
    primitives: graph.someEdge((_edge, attrs) => attrs.source === "inferred")
      ? PRIMITIVES
      : (PLAIN_PRIMITIVES as unknown as typeof PRIMITIVES),
    styles: {
      nodes: [
        DEFAULT_STYLES.nodes,
        {
          size: descendantsSizeBinding(MIN_NODE_SIZE),
          color: { attribute: "relation", dict: RELATION_COLORS, defaultValue: UNKNOWN_RELATION_COLOR },
          labelColor: "#0f172a",
          labelSize: 12,
          labelBackgroundColor: LABEL_PLATE_COLOR,
          labelBackgroundPadding: 1,
          // Labels only for the most significant models (the server names them); sigma's label grid then keeps
          // those that fit on screen from colliding.
          labelVisibility: { whenData: { isLabelled: true }, then: "auto", else: "hidden" },
        },
        { whenData: { role: "base" }, then: { color: BASE_COLOR } },
        {
          whenData: { role: "focus" },
          // Drawn above the other nodes and their labels, on a backdrop: the focus stays legible in its crowd.
          then: {
            color: FOCUS_COLOR,
            size: descendantsSizeBinding(FOCUS_MIN_SIZE),
            labelVisibility: "visible",
            backdropVisibility: "visible",
            depth: "topNodes",
          },
        },
        {
          whenState: "isDisc",
          then: {
            size: descendantsSizeBinding(DISC_MIN_SIZE, DISC_MAX_SIZE),
            opacity: 0.85,
            // Above its crowded first-ring neighbours, for the eye and for the click that opens it.
            depth: "topNodes",
            zIndex: 2,
          },
        },
        {
          whenState: "byLicense",
          then: {
            color: { attribute: "licenseFamily", dict: LICENSE_FAMILY_COLORS, defaultValue: UNKNOWN_LICENSE_COLOR },
          },
        },
        { whenState: "isFaded", then: { color: FADED_COLOR, labelVisibility: "hidden", zIndex: 0 } },
        { whenState: "isHovered", then: { labelVisibility: "visible", zIndex: 3 } },
        {
          whenState: "isSelected",
          then: { labelVisibility: "visible", backdropVisibility: "visible", depth: "topNodes", zIndex: 4 },
        },
      ],
      edges: [
        DEFAULT_STYLES.edges,
        {
          size: 1,
          color: EDGE_COLOR,
          solidColor: { whenData: { source: "inferred" }, then: "transparent", else: EDGE_COLOR },
          gapSize: { attribute: "source", dict: { inferred: INFERRED_DASH }, defaultValue: 0 },
        },
        {
          whenState: "byLicense",
          then: {
            color: LICENSE_EDGE_COLOR,
            solidColor: LICENSE_EDGE_COLOR,
            size: { attribute: "licenseChange", dict: LICENSE_CHANGE_WIDTHS, defaultValue: 1 },
            zIndex: { attribute: "licenseChange", dict: { "may-conflict": 2, changed: 1 }, defaultValue: 0 },
          },
        },
        // Inferred links stay dashed in either mode.
        { whenData: { source: "inferred" }, then: { solidColor: "transparent" } },
        { whenState: "isFaded", then: { color: FADED_COLOR, solidColor: FADED_COLOR, zIndex: 0 } },
      ],
      stage: { background: BACKGROUND_COLOR },
    },
    settings: {
      itemSizesReference: "screen",
      hideEdgesOnMove: graph.size > HIDE_EDGES_ON_MOVE_ABOVE,
      // A whole family is tens of thousands of overlapping lines: software GL pays per pixel, so large graphs draw
      // them without anti-aliasing and pick hovered models from a smaller buffer.
      antialiasEdges: graph.size <= SIMPLIFY_ABOVE,
      pickingDownSizingRatio: graph.size > SIMPLIFY_ABOVE ? 4 : 2,
      hideLabelsOnMove: graph.order > SIMPLIFY_ABOVE,
      // One source for sigma and the quick first frame it takes over from (label-grid.ts).
      labelDensity: LABEL_GRID.density,
      labelGridCellSize: LABEL_GRID.cellSize,
      labelRenderedSizeThreshold: LABEL_GRID.minRadius,
      stagePadding: 40,
      minCameraRatio: 0.01,
      maxCameraRatio: 3,
      enableCameraRotation: false,
    },
  });
}

/** Sigma's view, which can also take over the camera of a view drawn before it (handover-graph-view.ts). */
export interface SigmaGraphView extends GraphView {
  /** Moves the camera so that graph coordinates map to the viewport as `target` says. */
  setViewport(target: Viewport): void;
}

export function createSigmaGraphView(
  container: HTMLElement,
  graph: LineageGraph,
  handlers: GraphViewHandlers,
): SigmaGraphView {
  performance.mark("lineage:sigma-start");
  const sigma = createSigma(graph, container);
  performance.mark("lineage:sigma-drawn");
  let killed = false;
  let selected: string | null = null;
  let colorBy: ColorBy = "relation";

  // Hovering a model fades everything but it, its parents, its children and the links between them.
  let fadedNodes: string[] = [];
  let fadedEdges: string[] = [];
  const fadeAllBut = (node: string) => {
    const keep = new Set([node, ...graph.neighbors(node)]);
    fadedNodes = graph.filterNodes((key) => !keep.has(key));
    fadedEdges = graph.filterEdges((edge) => !graph.hasExtremity(edge, node));
    sigma.setNodesState(fadedNodes, { isFaded: true });
    sigma.setEdgesState(fadedEdges, { isFaded: true });
  };
  const unfade = () => {
    sigma.setNodesState(
      fadedNodes.filter((key) => graph.hasNode(key)),
      { isFaded: false },
    );
    sigma.setEdgesState(
      fadedEdges.filter((key) => graph.hasEdge(key)),
      { isFaded: false },
    );
    fadedNodes = [];
    fadedEdges = [];
  };
  const select = (node: string | null) => {
    if (selected !== null && graph.hasNode(selected)) sigma.setNodeState(selected, { isSelected: false });
    selected = node !== null && graph.hasNode(node) ? node : null;
    if (selected !== null) sigma.setNodeState(selected, { isSelected: true });
  };

  // Fading restyles every model and link: above the simplification threshold a hover would stall the page for
  // seconds, so there the hovered model only shows its label.
  if (graph.order <= SIMPLIFY_ABOVE) {
    sigma.on("enterNode", ({ node }) => fadeAllBut(node));
    sigma.on("leaveNode", unfade);
  }
  sigma.on("clickNode", ({ node }) => {
    select(node);
    handlers.onSelect(node);
  });
  sigma.on("clickStage", () => {
    select(null);
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

  const viewport = (): Viewport => {
    const origin = sigma.graphToViewport({ x: 0, y: 0 });
    return { originX: origin.x, originY: origin.y, scale: sigma.graphToViewport({ x: 1, y: 0 }).x - origin.x };
  };

  return {
    select,
    setHidden(nodes, edges, isHidden) {
      sigma.setNodesState(nodes, { isHidden });
      sigma.setEdgesState(edges, { isHidden });
    },
    setDiscs(nodes, isDisc) {
      sigma.setNodesState(nodes, { isDisc });
    },
    zoomTo(node) {
      const data = sigma.getNodeDisplayData(node);
      if (data) void sigma.getCamera().animate({ x: data.x, y: data.y, ratio: ZOOM_TO_RATIO }, { duration: 400 });
    },
    setColorBy(mode) {
      // Sigma starts in relation colours: asking for the mode already shown walks no model or link.
      if (mode === colorBy) return;
      colorBy = mode;
      const byLicense = mode === "license";
      sigma.setNodesState(graph.nodes(), { byLicense });
      sigma.setEdgesState(graph.edges(), { byLicense });
    },
    nodeToViewport(node) {
      if (!graph.hasNode(node)) return null;
      const { x, y } = graph.getNodeAttributes(node);
      return x === undefined || y === undefined ? null : sigma.graphToViewport({ x, y });
    },
    viewport,
    setViewport(target) {
      const camera = sigma.getCamera();
      const ratio = (camera.getState().ratio * viewport().scale) / target.scale;
      // The graph point the target shows at the viewport's centre, in sigma's framed (camera-free) coordinates.
      const { width, height } = sigma.getDimensions();
      const centre = {
        x: (width / 2 - target.originX) / target.scale,
        y: (target.originY - height / 2) / target.scale,
      };
      const framed = sigma.viewportToFramedGraph(sigma.graphToViewport(centre));
      camera.setState({ x: framed.x, y: framed.y, ratio });
    },
    kill() {
      if (killed) return;
      killed = true;
      cancelAnimationFrame(frame);
      sigma.kill();
    },
  };
}
