// The model view: the whole family around one model (laid out by the server), its controls, legend, family tools,
// notices and details panel. This file wires the components; each one renders and owns its own part.
import type { Omitted } from "./describe-omitted";
import type { ApiClient } from "./api-client";
import { createElement } from "./create-element";
import { columnsIndex, type FamilyColumns, shownModel } from "./family-columns";
import { createFamilyProbe } from "./family-probe";
import type { FamilyGraph } from "./family-graph";
import { takePrefetchedFamily } from "./family-prefetch";
import { familyQueryOf } from "../../common/model-page";
import { renderDetailsPanel } from "./details-panel";
import { createFamilyTools } from "./family-tools";
import { formatCount } from "./format";
import { createGraphOverlay } from "./graph-overlay";
import { fitLabels } from "./fit-labels";
import { createLabelWidths } from "./graph-labels";
import { createFamilyView } from "./family-view";
import type { ColumnsGraphView, GraphViewHandlers } from "./graph-view";
import { mergeExpansion } from "./merge-expansion";
import { createModelControls } from "./model-controls";
import { createModelLegend } from "./model-legend";
import { renderLicenseLegend } from "./license-legend";
import { formatRoute, type ModelRoute, type Route } from "./route";
import { createSubfamilyDiscs, type SubfamilyDiscs } from "./subfamily-discs";
import type { LineageProbe } from "./test-probe";
import { createTruncationNotice, expandableOfColumns, expandableOfGraph } from "./truncation-notice";

export interface ModelViewDeps {
  api: ApiClient;
  navigate(route: Route, options?: { replace?: boolean }): void;
  probe: LineageProbe;
}

export interface ModelView {
  update(route: ModelRoute): void;
  destroy(): void;
}

type ShownFamily = FamilyGraph & { discs: SubfamilyDiscs };

/**
 * The slice on screen: its columns, renderer and what truncation left out; its graph and sub-family discs once built
 * (after the first frame: graphology loads meanwhile, as a chunk of its own).
 */
interface Shown {
  columns: FamilyColumns;
  view: ColumnsGraphView;
  family: ShownFamily | null;
  /** Settles once `family` is set (null when another slice replaced this one first; rejects when its chunk failed). */
  familyReady: Promise<ShownFamily | null>;
  indexOf(id: string): number | undefined;
  focus: string;
  omitted: Omitted[];
  total: number;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createModelView(root: HTMLElement, initialRoute: ModelRoute, deps: ModelViewDeps): ModelView {
  let route = initialRoute;
  let shown: Shown | null = null;
  let selected: string | null = null;
  let closePanel: (() => void) | null = null;
  let loading: AbortController | null = null;
  /** The panel waits for the family's first frame (see loadGraph). */
  let isPanelAfterFrame = false;
  const labelWidth = createLabelWidths();

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
      // The tools are offered once the family's graph is built (mount).
      if (isGrouped) shown.family?.discs.closeAll();
      else shown.family?.discs.openAll();
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
    const model = shown ? shownModel(id, shown.columns, shown.indexOf, shown.family?.graph ?? null) : null;
    closePanel = renderDetailsPanel(panel, {
      api: deps.api,
      id,
      inferred: route.inferred,
      isFocus: id === (shown?.focus ?? route.id),
      // Generations count from the focus (ancestors negative), and the graph draws route.up above the focus.
      shownUp: route.up + (model?.generation ?? 0),
      hasHiddenChildren: model ? model.hasHiddenChildren && model.generation >= 0 : false,
      onRefocus: (next) => deps.navigate({ ...route, id: next }),
      onExpand: (next) => void expand(next),
    });
  }

  /** A click: a closed disc opens; the model (or the focus, for the stage) goes to the panel. */
  function select(node: string | null): void {
    if (node !== null && shown?.family?.discs.open(node)) renderSummary();
    selected = node;
    shown?.view.select(node);
    openPanel(node ?? shown?.focus ?? route.id);
  }

  function openPanelAfterFrame(): void {
    if (!isPanelAfterFrame) return;
    isPanelAfterFrame = false;
    openPanel(route.id);
  }

  /** The header's counts: the family's own, or what its discs leave shown once its graph is built. */
  function renderSummary(columns = shown?.columns): void {
    if (!columns) return;
    const { models, links } = (shown?.columns === columns ? shown.family?.discs.shown() : undefined) ?? {
      models: columns.nodes.id.length,
      links: columns.edges.parent.length,
    };
    summary.textContent = `${formatCount(models)} models · ${formatCount(links)} links shown`;
  }

  function unmount(): void {
    shown?.family?.links.stop();
    shown?.view.kill();
    shown = null;
    deps.probe.modelView = null;
  }

  /**
   * Draws the family from its columns at once; its graphology graph (the sub-family discs, the family tools, sigma and
   * expansions need it) is built once that first frame is on screen, its chunk loaded then.
   */
  function mount(columns: FamilyColumns): void {
    const probed = (): Shown | null => (shown?.columns === columns ? shown : null);
    const probe = createFamilyProbe(
      columns,
      () => probed()?.family?.graph ?? null,
      (node) => probed()?.view.nodeToViewport(node) ?? null,
    );
    deps.probe.modelView = probe;
    const isLabelled = fitLabels(columns, canvas.clientWidth, canvas.clientHeight, (text) => labelWidth(text) * 1.1);
    let frameShown = () => {};
    const firstFrame = new Promise<void>((done) => {
      frameShown = done;
    });
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
        frameShown();
      },
    };
    const view = createFamilyView(canvas, handlers, {
      columns,
      isLabelled,
      labelWidth,
      graph: () => current.familyReady.then((family) => family?.graph ?? null),
      onLoadError: (error) => notice.showError(`Could not load the graph renderer: ${errorText(error)}`),
    });
    const current: Shown = {
      columns,
      view,
      family: null,
      familyReady: firstFrame
        .then(() => import("./family-graph"))
        .then(({ buildFamilyGraph }) => buildFamilyGraph(columns, isLabelled, () => shown !== current))
        .then((built) => {
          if (built === null || shown !== current) return null;
          const { graph, links } = built;
          view.attachGraph(graph);
          const discs = createSubfamilyDiscs(graph, view, links);
          current.family = { graph, links, discs };
          // The family tools (sub-families, relation mix) walk the whole family: once it is built, with its links.
          links.start(() => {
            if (shown === current) tools.setGraph(graph, discs.count);
          });
          renderSummary();
          performance.mark("lineage:graph-built");
          return current.family;
        }),
      indexOf: columnsIndex(columns),
      focus: columns.attributes.root,
      omitted: columns.attributes.omitted,
      total: columns.attributes.total,
    };
    current.familyReady.catch((error: unknown) => {
      if (shown === current) notice.showError(`Could not load the family's graph: ${errorText(error)}`);
    });
    shown = current;
    view.setColorBy(route.colorBy);
    if (selected !== null && current.indexOf(selected) !== undefined) view.select(selected);
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
      const query = familyQueryOf(route);
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
      const { root: focus } = columns.attributes;
      if (selected !== null && (!keepSelection || !columns.nodes.id.includes(selected))) {
        // The selected model left the slice (a filter hid it): the panel goes back to the focus.
        selected = null;
        if (keepSelection) openPanel(focus);
      }
      title.textContent = focus;
      document.title = `${focus} · HF lineage`;
      // The notice, counts and tools first: the view fits the family to the canvas as it is when it mounts (a layout
      // that moves after would draw the family twice before it is first shown).
      const models = columns.nodes.id.length;
      notice.render(models, expandableOfColumns(columns), columns.attributes.omitted, columns.attributes.total);
      renderSummary(columns);
      tools.setGraph(null, 0);
      mount(columns);
      performance.mark("lineage:view-mounted");
      if (models === 1) {
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
    if (!current || !(current.family?.graph.hasNode(node) ?? current.indexOf(node) !== undefined)) return;
    try {
      // The graph is built after the first frame: a click before waits for it.
      const family = current.family ?? (await current.familyReady);
      if (family === null || shown !== current || !family.graph.hasNode(node)) return;
      const { graph } = family;
      family.links.complete();
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
      renderSummary();
      notice.render(graph.order, expandableOfGraph(graph), current.omitted, current.total);
    } catch (error) {
      notice.showError(`Could not expand ${node}: ${errorText(error)}`);
      return;
    }
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
