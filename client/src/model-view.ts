// The model view: the whole family around one model (laid out by the server), its controls, legend, family tools,
// notices and details panel. This file wires the components; each one renders and owns its own part.
import type { Omitted } from "./describe-omitted";
import type { ApiClient } from "./api-client";
import { type FamilyColumns, graphFromColumns } from "./columnar-graph";
import { createElement } from "./create-element";
import { familyQuery, takePrefetchedFamily } from "./family-prefetch";
import { renderDetailsPanel } from "./details-panel";
import { DEFER_LINKS_ABOVE, type DeferredLinks, deferLinks } from "./family-links";
import { createFamilyTools } from "./family-tools";
import { formatCount } from "./format";
import { createGraphOverlay } from "./graph-overlay";
import { fitLabels } from "./fit-labels";
import { LABEL_FONT } from "./graph-labels";
import { createGraphCanvas2d } from "./graph-canvas2d";
import { createGraphView, type GraphView, type GraphViewHandlers } from "./graph-view";
import { createHandoverGraphView } from "./handover-graph-view";
import { LABEL_GRID } from "./label-grid";
import type { LineageGraph } from "./lineage-graph";
import { mergeExpansion } from "./merge-expansion";
import { createModelControls } from "./model-controls";
import { createModelLegend } from "./model-legend";
import { renderLicenseLegend } from "./license-legend";
import { formatRoute, type ModelRoute, type Route } from "./route";
import { createSubfamilyDiscs, type SubfamilyDiscs } from "./subfamily-discs";
import type { LineageProbe, ModelViewProbe } from "./test-probe";
import { createTruncationNotice } from "./truncation-notice";

export interface ModelViewDeps {
  api: ApiClient;
  navigate(route: Route, options?: { replace?: boolean }): void;
  probe: LineageProbe;
}

export interface ModelView {
  update(route: ModelRoute): void;
  destroy(): void;
}

/** The slice on screen: its graph, renderer, sub-family discs and what truncation left out. */
interface Shown {
  graph: LineageGraph;
  view: GraphView;
  discs: SubfamilyDiscs;
  links: DeferredLinks;
  focus: string;
  omitted: Omitted[];
  total: number;
}

/** Label widths as the canvas measures them at the view's label font, with a small margin. */
function measureLabel(): (text: string) => number {
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return (text) => text.length * 7;
  context.font = LABEL_FONT;
  return (text) => context.measureText(text).width * 1.1;
}

/**
 * Families up to this many models are drawn by sigma; larger ones by graph-view.ts's own WebGL2 layer, which never
 * builds per-model render data and moves its last frame while the camera moves (sigma took 18 s to mount 150k models
 * and 1.9 s to draw a moving frame of 20k under software GL). Sigma's family is first drawn by a quick 2D view while
 * sigma's chunk loads and its WebGL programs compile (handover-graph-view.ts).
 */
const SIGMA_UP_TO = 5_000;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createModelView(root: HTMLElement, initialRoute: ModelRoute, deps: ModelViewDeps): ModelView {
  let route = initialRoute;
  let shown: Shown | null = null;
  let selected: string | null = null;
  let closePanel: (() => void) | null = null;
  let loading: AbortController | null = null;
  /** The panel waits for the family's first frame (see loadGraph). */
  let isPanelAfterFrame = false;

  const controls = createModelControls(
    () => route,
    (next) => deps.navigate(next, { replace: true }),
  );
  const notice = createTruncationNotice((node) => void expand(node));
  const overlay = createGraphOverlay();
  const tools = createFamilyTools({
    onFind(id) {
      select(id);
      shown?.view.zoomTo(id);
    },
    onGroup(isGrouped) {
      if (!shown) return;
      if (isGrouped) shown.discs.closeAll();
      else shown.discs.openAll();
      renderSummary();
    },
  });
  const legend = createModelLegend();
  const licenseLegend = renderLicenseLegend();
  /** The colour-by-licence mode swaps the relation legend for the licence one. */
  function showLegendFor(shownRoute: ModelRoute): void {
    legend.hidden = shownRoute.colorBy === "license";
    licenseLegend.hidden = shownRoute.colorBy !== "license";
  }
  showLegendFor(route);
  const title = createElement("h1", { class: "focus-title", attrs: { "data-testid": "focus-title" } });
  const summary = createElement("p", { class: "muted small", attrs: { "data-testid": "slice-summary" } });
  const canvas = createElement("div", { class: "graph-canvas", attrs: { "data-testid": "graph-canvas" } });
  const panel = createElement("aside", {
    class: "details-panel",
    attrs: { "data-testid": "details-panel", "aria-label": "Model details" },
  });

  root.replaceChildren(
    createElement("section", { class: "model-view" }, [
      createElement("div", { class: "graph-pane" }, [
        createElement("div", { class: "toolbar" }, [
          createElement("div", { class: "title-block" }, [title, summary]),
          controls.element,
          // The legends above the family tools: the relation-mix popup opens downwards, over the canvas, not them.
          legend,
          licenseLegend,
          tools.element,
        ]),
        notice.element,
        createElement("div", { class: "canvas-wrap" }, [
          canvas,
          overlay.element,
          createElement("p", { class: "canvas-hint", attrs: { "aria-hidden": "true" } }, [
            "Scroll to zoom · drag to pan · hover to see links · " +
              "click for details or to open a disc · double-click to re-focus",
          ]),
        ]),
      ]),
      panel,
    ]),
  );

  function openPanel(id: string): void {
    closePanel?.();
    const graph = shown?.graph;
    closePanel = renderDetailsPanel(panel, {
      api: deps.api,
      id,
      inferred: route.inferred,
      isFocus: id === (shown?.focus ?? route.id),
      // Generations count from the focus (ancestors negative), and the graph draws route.up above the focus.
      shownUp: route.up + (graph?.hasNode(id) ? (graph.getNodeAttribute(id, "generation") as number) : 0),
      hasHiddenChildren: graph?.hasNode(id)
        ? graph.getNodeAttribute(id, "hasHiddenChildren") && graph.getNodeAttribute(id, "generation") >= 0
        : false,
      onRefocus: (next) => deps.navigate({ ...route, id: next }),
      onExpand: (next) => void expand(next),
    });
  }

  /** A click: a closed disc opens; the model (or the focus, for the stage) goes to the panel. */
  function select(node: string | null): void {
    if (node !== null && shown?.discs.open(node)) renderSummary();
    selected = node;
    shown?.view.select(node);
    openPanel(node ?? shown?.focus ?? route.id);
  }

  function openPanelAfterFrame(): void {
    if (!isPanelAfterFrame) return;
    isPanelAfterFrame = false;
    openPanel(route.id);
  }

  function renderSummary(): void {
    if (!shown) return;
    const { models, links } = shown.discs.shown();
    summary.textContent = `${formatCount(models)} models · ${formatCount(links)} links shown`;
  }

  function probeFor(graph: LineageGraph, focus: string): ModelViewProbe {
    return {
      focus,
      firstFrameAt: null,
      nodes: () =>
        graph.mapNodes((id, attrs) => ({
          id,
          relation: attrs.relation,
          generation: attrs.generation,
          descendants: attrs.descendants,
          hasHiddenChildren: attrs.hasHiddenChildren,
        })),
      nodeToViewport: (node) => shown?.view.nodeToViewport(node) ?? null,
    };
  }

  function unmount(): void {
    shown?.links.stop();
    shown?.view.kill();
    shown = null;
    deps.probe.modelView = null;
  }

  function mount(graph: LineageGraph, columns: FamilyColumns, linksInGraph: number): void {
    const { attributes } = columns;
    const links = deferLinks(graph, columns, linksInGraph);
    const probe = probeFor(graph, attributes.root);
    deps.probe.modelView = probe;
    fitLabels(graph, canvas.clientWidth, canvas.clientHeight, measureLabel());
    const handlers: GraphViewHandlers = {
      onSelect: select,
      onRefocus: (node) => {
        if (node !== shown?.focus) deps.navigate({ ...route, id: node });
      },
      onFirstFrame: () => {
        probe.firstFrameAt = performance.now();
        performance.mark("lineage:first-frame");
        canvas.dataset.ready = "true";
        openPanelAfterFrame();
        // The family tools (sub-families, relation mix) walk the whole family: once it is on screen, with its links.
        links.start(() => {
          if (shown?.view === view) tools.setGraph(graph, discs.count);
        });
      },
    };
    const view =
      graph.order <= SIGMA_UP_TO
        ? createHandoverGraphView(canvas, handlers, {
            first: (host, quick) =>
              createGraphView(host, graph, quick, {
                columns,
                createDrawing: createGraphCanvas2d,
                labelGrid: LABEL_GRID,
              }),
            load: () =>
              import("./sigma-graph-view").then(
                ({ createSigmaGraphView }) =>
                  (host, final) =>
                    createSigmaGraphView(host, graph, final),
              ),
            onLoadError: (error) => notice.showError(`Could not load the graph renderer: ${errorText(error)}`),
          })
        : createGraphView(canvas, graph, handlers, { columns });
    const discs = createSubfamilyDiscs(graph, view, links);
    shown = { graph, view, discs, links, focus: attributes.root, omitted: attributes.omitted, total: attributes.total };
    tools.setGraph(null, 0);
    view.setColorBy(route.colorBy);
    if (selected && graph.hasNode(selected)) view.select(selected);
  }

  function showMissing(): void {
    notice.hide();
    tools.setGraph(null, 0);
    summary.textContent = "";
    overlay.show(
      "error",
      `No model “${route.id}” in the database.`,
      createElement("a", { class: "button", attrs: { href: "/", "data-link": true } }, ["Back to search"]),
    );
  }

  async function loadGraph(keepSelection: boolean, opensPanel = false): Promise<void> {
    loading?.abort();
    const controller = new AbortController();
    loading = controller;
    delete canvas.dataset.ready;
    overlay.show("loading", "Loading lineage…");
    try {
      const query = familyQuery(route);
      const prefetched = takePrefetchedFamily(query);
      // The panel first (its counts, children and growth never wait for the much larger family), unless the family's
      // answer is already here: then it is drawn in this task and the panel opens once it is on screen.
      if (opensPanel && prefetched?.settled) isPanelAfterFrame = true;
      else if (opensPanel) openPanel(route.id);
      // An answer that already arrived is drawn in this task: the page's first paint can show the family.
      const columns = prefetched?.settled
        ? prefetched.settled.value
        : await (prefetched?.answer ?? deps.api.getColumnarGraph(query, controller.signal));
      if (controller.signal.aborted) return;
      performance.mark("lineage:slice-fetched");
      unmount();
      if (columns === null) {
        openPanelAfterFrame();
        showMissing();
        return;
      }
      // A large family's links are drawn from the columns; its graph gets them after the first frame.
      const linksInGraph = columns.edges.parent.length > DEFER_LINKS_ABOVE ? 0 : columns.edges.parent.length;
      const graph = graphFromColumns(columns, linksInGraph);
      performance.mark("lineage:graph-laid-out");
      const { root: focus } = columns.attributes;
      if (selected !== null && (!keepSelection || !graph.hasNode(selected))) {
        // The selected model left the slice (a filter hid it): the panel goes back to the focus.
        selected = null;
        if (keepSelection) openPanel(focus);
      }
      title.textContent = focus;
      document.title = `${focus} · HF lineage`;
      // The notice first: the view fits the family to the canvas as it is when it mounts.
      notice.render(graph, columns.attributes.omitted, columns.attributes.total);
      mount(graph, columns, linksInGraph);
      renderSummary();
      performance.mark("lineage:view-mounted");
      if (graph.order === 1) {
        overlay.show(
          "empty",
          route.relations
            ? "No parents or derivatives with the selected relations."
            : "No known parents or derivatives for this model.",
        );
      } else {
        overlay.show(null);
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      openPanelAfterFrame();
      const retry = createElement(
        "button",
        { class: "button", attrs: { type: "button" }, on: { click: () => void loadGraph(keepSelection) } },
        ["Retry"],
      );
      overlay.show("error", `Could not load the lineage: ${errorText(error)}`, retry);
    } finally {
      if (loading === controller) loading = null;
    }
  }

  /** Adds the children of `node` that the slice left out, one generation below it, beside it. */
  async function expand(node: string): Promise<void> {
    const current = shown;
    if (!current?.graph.hasNode(node)) return;
    const { graph } = current;
    current.links.complete();
    try {
      const slice = await deps.api.getGraph({
        root: node,
        up: 0,
        down: 1,
        relations: route.relations,
        inferred: route.inferred,
      });
      if (slice === null || shown !== current) return;
      const attrs = graph.getNodeAttributes(node);
      const expansion = mergeExpansion(
        { hasNode: (id) => graph.hasNode(id), hasEdge: (parent, child) => graph.hasEdge(parent, child) },
        { id: node, generation: attrs.generation, x: attrs.x, y: attrs.y, subfamily: attrs.subfamily ?? null },
        slice,
        current.omitted,
      );
      for (const { key, attributes } of expansion.nodes) graph.addNode(key, attributes);
      for (const { key, source, target, attributes } of expansion.edges)
        graph.addDirectedEdgeWithKey(key, source, target, attributes);
      graph.setNodeAttribute(node, "hasHiddenChildren", expansion.hasHiddenChildren);
      current.omitted = expansion.omitted;
    } catch (error) {
      notice.showError(`Could not expand ${node}: ${errorText(error)}`);
      return;
    }
    renderSummary();
    notice.render(graph, current.omitted, current.total);
    if (selected === node || (selected === null && node === current.focus)) openPanel(node);
  }

  function load(): void {
    controls.sync(route);
    title.textContent = route.id;
    selected = null;
    void loadGraph(false, true);
  }

  load();

  return {
    update(next) {
      const sameModel = next.id === route.id;
      const countsChanged = next.inferred !== route.inferred;
      const colorOnly = sameModel && formatRoute({ ...next, colorBy: route.colorBy }) === formatRoute(route);
      route = next;
      if (!sameModel) {
        load();
        return;
      }
      controls.sync(route);
      showLegendFor(route);
      if (colorOnly) {
        shown?.view.setColorBy(route.colorBy);
        return;
      }
      void loadGraph(true);
      // The panel's counts and growth depend on the switch: re-read them for the model it shows.
      if (countsChanged) openPanel(selected ?? shown?.focus ?? route.id);
    },
    destroy() {
      loading?.abort();
      closePanel?.();
      unmount();
    },
  };
}
