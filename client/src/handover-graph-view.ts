// A family drawn at once by a quick view (graph-view.ts on a 2D canvas: no WebGL context, no shader to compile), then
// handed to the renderer that stays (sigma, loaded meanwhile as its own chunk): the quick view answers hover, click,
// double-click, pan and zoom until the other has painted its first frame beneath it; the selection, hidden models,
// discs, colour mode and camera carry over, and the quick view is removed.
import type { ColorBy } from "./graph-style";
import type { ColumnsGraphView, GraphView, GraphViewHandlers } from "./graph-view";
import type { SigmaGraphView } from "./sigma-graph-view";

export type RendererFactory<V extends GraphView> = (host: HTMLElement, handlers: GraphViewHandlers) => V;

export interface HandoverOptions {
  /** The quick view, drawn at once (from the family's columns, perhaps before its graph is built). */
  first: RendererFactory<ColumnsGraphView>;
  /**
   * Loads the view that stays (a dynamic import, and the family's graph it draws), once the quick view's first frame
   * is on screen.
   */
  load(): Promise<RendererFactory<SigmaGraphView>>;
  /** The view that stays could not be loaded: the quick view stays and does its work. */
  onLoadError(error: unknown): void;
}

/** Names the renderer on screen on the container (`data-renderer`), for the browser tests. */
export const QUICK_RENDERER = "quick";
export const FINAL_RENDERER = "sigma";

function createHost(container: HTMLElement): HTMLElement {
  const host = document.createElement("div");
  host.style.position = "absolute";
  host.style.inset = "0";
  container.append(host);
  return host;
}

/**
 * Sigma starts (0.3–1 s of the main thread under software GL: its programs, its first frame) only once the pointer
 * and the wheel have rested this long (ms), so that it never stalls a gesture on the quick view.
 */
const QUIET_MS = 250;

const sameViewport = (a: ReturnType<GraphView["viewport"]>, b: ReturnType<GraphView["viewport"]>) =>
  Math.abs(a.originX - b.originX) < 0.5 &&
  Math.abs(a.originY - b.originY) < 0.5 &&
  Math.abs(a.scale / b.scale - 1) < 1e-4;

export function createHandoverGraphView(
  container: HTMLElement,
  handlers: GraphViewHandlers,
  options: HandoverOptions,
): ColumnsGraphView {
  // The final view's host first: the quick one's, appended after, lies above it and takes the pointer until removed.
  const finalHost = createHost(container);
  const firstHost = createHost(container);
  let killed = false;
  let factory: RendererFactory<SigmaGraphView> | null = null;
  let final: SigmaGraphView | null = null;
  let isPressed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;

  // What the view that stays must show when it takes over.
  let selected: string | null = null;
  let colorBy: ColorBy = "relation";
  const hiddenNodes = new Set<string>();
  const hiddenEdges = new Set<string>();
  const discs = new Set<string>();

  let first: ColumnsGraphView | null = options.first(firstHost, {
    onSelect: handlers.onSelect,
    onRefocus: handlers.onRefocus,
    onFirstFrame() {
      handlers.onFirstFrame();
      // Sigma's chunk is asked for once the quick frame is on screen: its download and evaluation never delay it.
      options.load().then(
        (loaded) => {
          factory = loaded;
          startFinal();
        },
        (error: unknown) => {
          if (!killed) options.onLoadError(error);
        },
      );
    },
  });
  container.dataset.renderer = QUICK_RENDERER;
  const current = (): GraphView => (first ?? final) as GraphView;

  // A drag or click in progress on the quick view finishes there: the handover waits for the button's release.
  let lastInputAt = Number.NEGATIVE_INFINITY;
  const onInput = () => {
    lastInputAt = performance.now();
  };
  const onDown = () => {
    isPressed = true;
    onInput();
  };
  const onUp = () => {
    isPressed = false;
    onInput();
  };
  container.addEventListener("mousedown", onDown);
  container.addEventListener("mousemove", onInput, { passive: true });
  container.addEventListener("wheel", onInput, { passive: true });
  window.addEventListener("mouseup", onUp);

  /** Swaps once the final view's frame, at the quick view's camera, has been painted beneath it. */
  const swapWhenShown = () => {
    const view = final;
    if (killed || !first || !view) return;
    if (isPressed || !sameViewport(first.viewport(), view.viewport())) {
      // The camera moved meanwhile (or a drag goes on): catch up, and look again two frames later.
      if (!isPressed) view.setViewport(first.viewport());
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(swapWhenShown);
      });
      return;
    }
    first.kill();
    first = null;
    firstHost.remove();
    container.dataset.renderer = FINAL_RENDERER;
    performance.mark("lineage:handed-over");
  };

  function startFinal(): void {
    if (killed || factory === null || final !== null) return;
    const create = factory;
    // In a task of its own, after the first frame's callbacks (the family tools start then), once input rests.
    const quietIn = () => Math.max(0, lastInputAt + QUIET_MS - performance.now());
    const createWhenQuiet = () => {
      if (killed || !first) return;
      if (isPressed || quietIn() > 0) {
        timer = setTimeout(createWhenQuiet, Math.max(quietIn(), 50));
        return;
      }
      const view = create(finalHost, {
        onSelect: handlers.onSelect,
        onRefocus: handlers.onRefocus,
        onFirstFrame: swapWhenShown,
      });
      final = view;
      view.setViewport(first.viewport());
      view.setColorBy(colorBy);
      if (hiddenNodes.size + hiddenEdges.size > 0) view.setHidden([...hiddenNodes], [...hiddenEdges], true);
      if (discs.size > 0) view.setDiscs([...discs], true);
      view.select(selected);
    };
    timer = setTimeout(createWhenQuiet, quietIn());
  }

  return {
    // The view that stays is created with the graph: only the quick one may be drawn before it.
    attachGraph: (graph) => first?.attachGraph(graph),
    select(node) {
      selected = node;
      first?.select(node);
      final?.select(node);
    },
    setHidden(nodes, edges, isHidden) {
      for (const node of nodes) {
        if (isHidden) hiddenNodes.add(node);
        else hiddenNodes.delete(node);
      }
      for (const edge of edges) {
        if (isHidden) hiddenEdges.add(edge);
        else hiddenEdges.delete(edge);
      }
      first?.setHidden(nodes, edges, isHidden);
      final?.setHidden(nodes, edges, isHidden);
    },
    setDiscs(nodes, isDisc) {
      for (const node of nodes) {
        if (isDisc) discs.add(node);
        else discs.delete(node);
      }
      first?.setDiscs(nodes, isDisc);
      final?.setDiscs(nodes, isDisc);
    },
    zoomTo(node) {
      // The quick view's camera reaches the final view at the swap.
      current().zoomTo(node);
    },
    setColorBy(mode) {
      colorBy = mode;
      first?.setColorBy(mode);
      final?.setColorBy(mode);
    },
    nodeToViewport: (node) => current().nodeToViewport(node),
    viewport: () => current().viewport(),
    kill() {
      if (killed) return;
      killed = true;
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      container.removeEventListener("mousedown", onDown);
      container.removeEventListener("mousemove", onInput);
      container.removeEventListener("wheel", onInput);
      window.removeEventListener("mouseup", onUp);
      first?.kill();
      final?.kill();
      firstHost.remove();
      finalHost.remove();
      delete container.dataset.renderer;
    },
  };
}
