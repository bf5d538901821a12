// The renderer of a lineage slice: a WebGL2 layer fed from flat arrays (graph-scene.ts, graph-gl.ts), labels on a 2D
// canvas above it (graph-labels.ts), and the interaction: drag to pan, wheel to zoom, hover, click, double-click
// (picking on the CPU, node-picker.ts). The graph is read, never mutated; models and links it gains are drawn.
//
// Large families are not redrawn while the camera moves: the last drawn frame is moved and scaled by a CSS transform
// (the compositor does it, whatever the family's size), and the family is drawn again once the camera rests.
import type { FamilyColumns } from "./family-columns";
import { GraphCamera, type CameraState } from "./graph-camera";
import { createGraphGl, type GraphGl } from "./graph-gl";
import { createGraphLabels, type LabelItem } from "./graph-labels";
import { GraphScene } from "./graph-scene";
import { DISC_MAX_SIZE, type ColorBy } from "./graph-style";
import type { LineageGraph } from "./lineage-graph";
import { type LabelGridSettings, pickGridLabels } from "./label-grid";
import { createNodePicker, type NodePicker } from "./node-picker";

export interface GraphViewHandlers {
  onSelect(node: string | null): void;
  onRefocus(node: string): void;
  /** Called once, when the first frame has been painted. */
  onFirstFrame(): void;
}

export interface GraphView {
  select(node: string | null): void;
  /** Hides (or shows again) models and links: a closed sub-family's. */
  setHidden(nodes: string[], edges: string[], isHidden: boolean): void;
  /** Draws models as sub-family discs (or as models again). */
  setDiscs(nodes: string[], isDisc: boolean): void;
  /** Moves the camera onto a model, close enough to read its neighbourhood. */
  zoomTo(node: string): void;
  /**
   * Colour nodes by relation (default) or by licence family; in licence mode, links whose licence changes stand out.
   */
  setColorBy(mode: ColorBy): void;
  /** Viewport (CSS pixel) position of a node's centre, relative to the canvas container. */
  nodeToViewport(node: string): { x: number; y: number } | null;
  /** How graph coordinates map to the viewport now: what a renderer taking over must show. */
  viewport(): Viewport;
  kill(): void;
}

/** A view that can be drawn from the family's columns before its graphology graph is built. */
export interface ColumnsGraphView extends GraphView {
  /**
   * The graphology graph built from the columns the view was drawn from: the view takes in the models and links it
   * gains from then on (expansions).
   */
  attachGraph(graph: LineageGraph): void;
}

/** Graph point (x, y) is drawn at viewport pixel (originX + x * scale, originY - y * scale): y up, no rotation. */
export interface Viewport {
  originX: number;
  originY: number;
  scale: number;
}

/** Up to this many models and links, every camera move is drawn in full; above, the drawn frame is transformed. */
const LIVE_REDRAW_UP_TO = 6_000;
/** The camera rests once no move came for this long (ms); the family is then drawn afresh. */
const REST_DELAY_MS = 180;
/** Up to this many models, hovering one fades all but its neighbourhood (a restyle of every model and link). */
const FADE_ON_HOVER_UP_TO = 20_000;
/** Camera ratio zoomTo goes to: a few rings of neighbours around the model (1 shows the whole family). */
const ZOOM_TO_RATIO = 0.08;
const ZOOM_TO_MS = 400;
/** One wheel notch zooms by this factor. */
const WHEEL_ZOOM = 1.5;
/** A press that moves less than this (pixels) before its release is a click, not a drag. */
const CLICK_TOLERANCE = 4;
/** Pixels of tolerance around a model for hover and click. */
const PICK_PADDING = 2;

/** How a view draws, besides the graph: all optional. */
export interface GraphViewOptions {
  /** The slice the graph was (or will be) built from, read directly for the first frame (see GraphScene). */
  columns?: FamilyColumns;
  /** The models that may show a label, 1 each (fit-labels.ts's picks); the columns' `labelled` by default. */
  isLabelled?: Uint8Array;
  /** A label's width in pixels at LABEL_FONT (measured once, shared with fit-labels.ts). */
  labelWidth?: (text: string) => number;
  /** What draws the scene: the WebGL2 layer, or graph-canvas2d.ts for a quick first frame. */
  createDrawing?: (canvas: HTMLCanvasElement, pixelRatio: number) => GraphGl;
  /** Thins the labels as sigma's label grid does (label-grid.ts): for the quick frame sigma takes over from. */
  labelGrid?: LabelGridSettings;
}

/**
 * `graph`: the family's graphology graph, or null when the view is drawn from `columns` before it is built (then
 * given to attachGraph).
 */
export function createGraphView(
  container: HTMLElement,
  initialGraph: LineageGraph | null,
  handlers: GraphViewHandlers,
  { columns, isLabelled, createDrawing = createGraphGl, labelGrid, labelWidth }: GraphViewOptions = {},
): ColumnsGraphView {
  const pixelRatio = window.devicePixelRatio || 1;
  let graph = initialGraph;
  const scene = new GraphScene(graph, columns, isLabelled);
  const stage = document.createElement("div");
  stage.className = "graph-stage";
  const glCanvas = document.createElement("canvas");
  const labelCanvas = document.createElement("canvas");
  stage.append(glCanvas, labelCanvas);
  container.append(stage);
  const gl = createDrawing(glCanvas, pixelRatio);
  const labels = createGraphLabels(labelCanvas, pixelRatio, labelWidth);
  const camera = new GraphCamera(scene.extent(), container.clientWidth, container.clientHeight);
  const fitted: CameraState = { ...camera.state };
  const isLive = () => scene.order + scene.size <= LIVE_REDRAW_UP_TO;

  let picker: NodePicker | null = null;
  let focus = -1;
  /** Labelled models, most significant first (fit-labels.ts cleared the ones that collide at the fitted view). */
  let candidates: number[] = [];
  const indexScene = () => {
    picker = createNodePicker({
      positions: scene.positions,
      radii: scene.radii,
      isTop: scene.isTop,
      count: scene.order,
      maxRadius: DISC_MAX_SIZE,
    });
    focus = scene.focus;
    candidates = [];
    for (let k = 0; k < scene.order; k++) if (scene.isLabelled[k] && k !== focus) candidates.push(k);
    const { descendants, downloads } = scene;
    candidates.sort((a, b) => descendants[b] - descendants[a] || downloads[b] - downloads[a]);
  };

  let killed = false;
  let hovered = -1;
  let frame = 0;
  let restTimer: ReturnType<typeof setTimeout> | undefined;
  let isSynced = true;
  let isStyled = false;
  let drawn: CameraState = { ...camera.state };

  const labelOf = (k: number, hasBackdrop: boolean): LabelItem => {
    const at = camera.graphToViewport(scene.positions[2 * k], scene.positions[2 * k + 1], drawn);
    return { text: scene.nodeKeys[k], x: at.x, y: at.y, radius: scene.radii[k], hasBackdrop };
  };
  const drawLabels = () => {
    const always: LabelItem[] = [];
    if (focus >= 0 && scene.radii[focus] > 0 && scene.nodeFaded[focus] === 0) always.push(labelOf(focus, true));
    if (scene.selected >= 0 && scene.radii[scene.selected] > 0) always.push(labelOf(scene.selected, true));
    if (hovered >= 0 && hovered !== scene.selected) always.push(labelOf(hovered, false));
    const isShown = (k: number) => scene.radii[k] > 0 && scene.nodeFaded[k] === 0;
    let shown = candidates.filter((k) => isShown(k) && k !== hovered);
    if (labelGrid) {
      // Sigma's grid holds every model with a label, the focus and the hovered one included.
      const inGrid = [...(focus >= 0 && isShown(focus) ? [focus] : []), ...(hovered >= 0 ? [hovered] : []), ...shown];
      const cells = inGrid.map((k) => ({
        key: scene.nodeKeys[k],
        radius: scene.radii[k],
        ...camera.graphToViewport(scene.positions[2 * k], scene.positions[2 * k + 1], fitted),
      }));
      const picked = new Set(pickGridLabels(cells, labelGrid, drawn.ratio).map((i) => inGrid[i]));
      shown = shown.filter((k) => picked.has(k));
    }
    labels.draw(
      always,
      shown.map((k) => labelOf(k, false)),
    );
  };
  const render = () => {
    frame = 0;
    if (killed) return;
    if (!isSynced) {
      scene.sync();
      gl.uploadPositions(scene);
      isSynced = true;
      isStyled = false;
    }
    if (!isStyled) {
      scene.restyle();
      gl.uploadStyles(scene);
      if (!picker || picker.count !== scene.order) indexScene();
      isStyled = true;
    }
    drawn = { ...camera.state };
    gl.draw({ x: drawn.x, y: drawn.y, scale: camera.scale(drawn) });
    stage.style.transform = "";
    drawLabels();
  };
  const scheduleRender = () => {
    if (!frame && !killed) frame = requestAnimationFrame(render);
  };
  const restyle = () => {
    isStyled = false;
    scheduleRender();
  };
  const cameraMoved = () => {
    if (isLive()) {
      scheduleRender();
      return;
    }
    const { tx, ty, scale } = camera.transformFrom(drawn);
    stage.style.transform = `translate(${tx}px, ${ty}px) scale(${scale})`;
    clearTimeout(restTimer);
    restTimer = setTimeout(scheduleRender, REST_DELAY_MS);
  };

  const hover = (next: number) => {
    if (next === hovered) return;
    hovered = next;
    container.style.cursor = next >= 0 ? "pointer" : "";
    if (scene.order <= FADE_ON_HOVER_UP_TO) {
      scene.fadeAllBut(next);
      restyle();
    } else {
      // Only the hovered model's label changes: the WebGL layer is left as drawn.
      drawLabels();
    }
  };
  const pickAt = (vx: number, vy: number) => {
    if (!isSynced || !isStyled) render();
    const at = camera.viewportToGraph(vx, vy);
    return picker ? picker.pick(at.x, at.y, camera.scale(), PICK_PADDING) : -1;
  };
  const select = (node: string | null) => {
    const next = node === null ? -1 : (scene.nodeIndexOf(node) ?? -1);
    if (next === scene.selected) return;
    scene.selected = next;
    restyle();
  };

  // Pointer input, in viewport pixels relative to the container.
  const local = (event: MouseEvent) => {
    const box = container.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  let press: { x: number; y: number; lastX: number; lastY: number; isDrag: boolean } | null = null;
  const onDown = (event: MouseEvent) => {
    if (event.button !== 0) return;
    const at = local(event);
    press = { x: at.x, y: at.y, lastX: at.x, lastY: at.y, isDrag: false };
  };
  const onMove = (event: MouseEvent) => {
    const at = local(event);
    if (press) {
      if (Math.hypot(at.x - press.x, at.y - press.y) > CLICK_TOLERANCE) press.isDrag = true;
      if (press.isDrag) {
        camera.pan(at.x - press.lastX, at.y - press.lastY);
        press.lastX = at.x;
        press.lastY = at.y;
        cameraMoved();
      }
      return;
    }
    if (event.target instanceof Node && container.contains(event.target)) hover(pickAt(at.x, at.y));
    else hover(-1);
  };
  const onUp = (event: MouseEvent) => {
    if (!press) return;
    const wasClick = !press.isDrag;
    press = null;
    if (!wasClick) return;
    const at = local(event);
    const node = pickAt(at.x, at.y);
    const key = node >= 0 ? scene.nodeKeys[node] : null;
    select(key);
    handlers.onSelect(key);
  };
  const onDoubleClick = (event: MouseEvent) => {
    const at = local(event);
    const node = pickAt(at.x, at.y);
    if (node >= 0) handlers.onRefocus(scene.nodeKeys[node]);
    else {
      camera.zoomAt(at.x, at.y, WHEEL_ZOOM);
      cameraMoved();
    }
  };
  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    if (event.deltaY === 0) return;
    const at = local(event);
    camera.zoomAt(at.x, at.y, event.deltaY < 0 ? WHEEL_ZOOM : 1 / WHEEL_ZOOM);
    cameraMoved();
  };
  container.addEventListener("mousedown", onDown);
  window.addEventListener("mousemove", onMove);
  window.addEventListener("mouseup", onUp);
  container.addEventListener("dblclick", onDoubleClick);
  container.addEventListener("wheel", onWheel, { passive: false });
  const onGraphGrew = () => {
    if (isSynced && !scene.isBehind()) return;
    isSynced = false;
    scheduleRender();
  };
  const attachGraph = (next: LineageGraph) => {
    if (graph === next || killed) return;
    graph?.off("nodeAdded", onGraphGrew);
    graph?.off("edgeAdded", onGraphGrew);
    graph = next;
    scene.attachGraph(next);
    next.on("nodeAdded", onGraphGrew);
    next.on("edgeAdded", onGraphGrew);
    onGraphGrew();
  };
  graph?.on("nodeAdded", onGraphGrew);
  graph?.on("edgeAdded", onGraphGrew);
  // The frame drawn last is on screen once a second animation frame starts: the first frame is reported then, once
  // (-1). A resize blanks the canvas until it is drawn again: one before that report waits for the redraw.
  let shownFrame = 0;
  const reportFirstFrameWhenShown = () => {
    if (shownFrame < 0) return;
    cancelAnimationFrame(shownFrame);
    shownFrame = requestAnimationFrame(() => {
      shownFrame = requestAnimationFrame(() => {
        shownFrame = -1;
        if (!killed) handlers.onFirstFrame();
      });
    });
  };
  const resizer = new ResizeObserver(() => {
    if (container.clientWidth === camera.width && container.clientHeight === camera.height) return;
    camera.resize(container.clientWidth, container.clientHeight);
    gl.resize(camera.width, camera.height);
    labels.resize(camera.width, camera.height);
    reportFirstFrameWhenShown();
    scheduleRender();
  });
  resizer.observe(container);

  gl.resize(camera.width, camera.height);
  labels.resize(camera.width, camera.height);
  gl.uploadPositions(scene);
  render();
  reportFirstFrameWhenShown();
  let animation = 0;
  return {
    attachGraph,
    select,
    setHidden(nodes, edges, isHidden) {
      for (const node of nodes) scene.nodeHidden[scene.nodeIndexOf(node) ?? -1] = isHidden ? 1 : 0;
      for (const edge of edges) scene.edgeHidden[scene.edgeIndexOf(edge) ?? -1] = isHidden ? 1 : 0;
      restyle();
    },
    setDiscs(nodes, isDisc) {
      for (const node of nodes) scene.isDisc[scene.nodeIndexOf(node) ?? -1] = isDisc ? 1 : 0;
      restyle();
    },
    zoomTo(node) {
      const k = scene.nodeIndexOf(node);
      if (k === undefined) return;
      cancelAnimationFrame(animation);
      const from = { ...camera.state };
      const to = { x: scene.positions[2 * k], y: scene.positions[2 * k + 1], ratio: ZOOM_TO_RATIO };
      const start = performance.now();
      const step = (now: number) => {
        const t = Math.min(1, (now - start) / ZOOM_TO_MS);
        const eased = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
        camera.state = {
          x: from.x + (to.x - from.x) * eased,
          y: from.y + (to.y - from.y) * eased,
          // Geometric, so that the zoom feels even.
          ratio: from.ratio * (to.ratio / from.ratio) ** eased,
        };
        cameraMoved();
        if (t < 1 && !killed) animation = requestAnimationFrame(step);
      };
      animation = requestAnimationFrame(step);
    },
    setColorBy(mode) {
      const byLicense = mode === "license";
      if (byLicense === scene.byLicense) return;
      scene.byLicense = byLicense;
      restyle();
    },
    nodeToViewport(node) {
      const k = scene.nodeIndexOf(node);
      return k === undefined ? null : camera.graphToViewport(scene.positions[2 * k], scene.positions[2 * k + 1]);
    },
    viewport() {
      const origin = camera.graphToViewport(0, 0);
      return { originX: origin.x, originY: origin.y, scale: camera.scale() };
    },
    kill() {
      if (killed) return;
      killed = true;
      cancelAnimationFrame(frame);
      cancelAnimationFrame(shownFrame);
      cancelAnimationFrame(animation);
      clearTimeout(restTimer);
      resizer.disconnect();
      graph?.off("nodeAdded", onGraphGrew);
      graph?.off("edgeAdded", onGraphGrew);
      container.removeEventListener("mousedown", onDown);
      window.removeEventListener("mousemove", onMove);
      window.removeEventListener("mouseup", onUp);
      container.removeEventListener("dblclick", onDoubleClick);
      container.removeEventListener("wheel", onWheel);
      gl.kill();
      stage.remove();
    },
  };
}
