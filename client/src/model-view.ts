// The model view: the lineage slice around one model, its controls (depth, relations), legend, notices and panel.
import Graph from "graphology";
import type { GraphSlice, Relation } from "../../server/contract/types";
import type { ApiClient } from "./api-client";
import { createElement } from "./create-element";
import { describeOmitted, type Omitted } from "./describe-omitted";
import { renderDetailsPanel } from "./details-panel";
import { formatCount } from "./format";
import {
  BASE_COLOR,
  FOCUS_COLOR,
  RELATION_COLORS,
  RELATION_LABELS,
  RELATIONS,
  UNKNOWN_RELATION_COLOR,
} from "./graph-style";
import { createGraphView, type GraphView, type LineageGraph } from "./graph-view";
import { layoutGenerations } from "./layout-generations";
import { renderLicenseLegend } from "./license-legend";
import { formatRoute, MAX_DEPTH, type ModelRoute, type Route } from "./route";
import { swatch } from "./swatch";
import type { LineageProbe, ModelViewProbe } from "./test-probe";

export interface ModelViewDeps {
  api: ApiClient;
  navigate(route: Route, options?: { replace?: boolean }): void;
  probe: LineageProbe;
}

export interface ModelView {
  update(route: ModelRoute): void;
  destroy(): void;
}

/** How many "expand" shortcuts the truncation notice offers. */
const EXPAND_SHORTCUTS = 5;

function applyLayout(graph: LineageGraph, focus: string): void {
  const positions = layoutGenerations(graph, focus);
  graph.updateEachNodeAttributes((node, attrs) => ({ ...attrs, ...positions.get(node) }));
}

/** The slice as a graphology graph, laid out, each node carrying its role in the view (one pass over the nodes). */
function buildGraph(slice: GraphSlice): LineageGraph {
  const graph: LineageGraph = new Graph({ type: "directed", multi: false, allowSelfLoops: true });
  graph.import(slice);
  const focus = slice.attributes.root;
  const positions = layoutGenerations(graph, focus);
  graph.updateEachNodeAttributes((node, attrs) => {
    const role = node === focus ? "focus" : attrs.relation === null && graph.inDegree(node) === 0 ? "base" : undefined;
    return { ...attrs, ...positions.get(node), ...(role ? { role } : {}) };
  });
  return graph;
}

export function createModelView(root: HTMLElement, initialRoute: ModelRoute, deps: ModelViewDeps): ModelView {
  let route = initialRoute;
  let graph: LineageGraph | null = null;
  let focus = route.id;
  let omitted: Omitted[] = [];
  let total = 0;
  let view: GraphView | null = null;
  let selected: string | null = null;
  let closePanel: (() => void) | null = null;
  let loading: AbortController | null = null;

  // Controls ------------------------------------------------------------------------------------------------
  const upInput = createElement("input", {
    attrs: {
      type: "number",
      min: 0,
      max: MAX_DEPTH,
      value: route.up,
      "data-testid": "depth-up",
      "aria-label": "Generations of ancestors",
    },
  });
  const downInput = createElement("input", {
    attrs: {
      type: "number",
      min: 0,
      max: MAX_DEPTH,
      value: route.down,
      "data-testid": "depth-down",
      "aria-label": "Generations of descendants",
    },
  });
  const relationBoxes = new Map<Relation, HTMLInputElement>(
    RELATIONS.map((relation) => [
      relation,
      createElement("input", {
        attrs: { type: "checkbox", "data-testid": `filter-${relation}`, "data-relation": relation },
      }),
    ]),
  );

  const inferredBox = createElement("input", { attrs: { type: "checkbox", "data-testid": "toggle-inferred" } });
  const licenseBox = createElement("input", { attrs: { type: "checkbox", "data-testid": "toggle-license" } });

  function syncControls(): void {
    inferredBox.checked = route.inferred;
    licenseBox.checked = route.colorBy === "license";
    legend.hidden = route.colorBy === "license";
    licenseLegend.hidden = route.colorBy !== "license";
    upInput.value = String(route.up);
    downInput.value = String(route.down);
    const followed = new Set(route.relations ?? RELATIONS);
    for (const [relation, box] of relationBoxes) {
      box.checked = followed.has(relation);
      // At least one relation stays followed: an empty filter would show nothing useful.
      box.disabled = box.checked && followed.size === 1;
    }
  }

  function onControlsChange(): void {
    const clamp = (input: HTMLInputElement, fallback: number) => {
      const value = Math.round(Number(input.value));
      return Number.isFinite(value) ? Math.min(MAX_DEPTH, Math.max(0, value)) : fallback;
    };
    const relations = RELATIONS.filter((relation) => relationBoxes.get(relation)!.checked);
    deps.navigate(
      {
        ...route,
        up: clamp(upInput, route.up),
        down: clamp(downInput, route.down),
        relations: relations.length === RELATIONS.length ? null : relations,
        inferred: inferredBox.checked,
        colorBy: licenseBox.checked ? "license" : "relation",
      },
      { replace: true },
    );
  }

  const title = createElement("h1", { class: "focus-title", attrs: { "data-testid": "focus-title" } });
  const summary = createElement("p", { class: "muted small", attrs: { "data-testid": "slice-summary" } });
  const controls = createElement(
    "form",
    { class: "controls", on: { change: onControlsChange, submit: (event) => event.preventDefault() } },
    [
      createElement("fieldset", { class: "depth" }, [
        createElement("legend", {}, ["Depth"]),
        createElement("label", {}, ["↑ ancestors ", upInput]),
        createElement("label", {}, ["↓ descendants ", downInput]),
      ]),
      createElement("fieldset", { class: "relations" }, [
        createElement("legend", {}, ["Relation to parent"]),
        ...RELATIONS.map((relation) =>
          createElement("label", { class: "relation-filter" }, [
            relationBoxes.get(relation)!,
            swatch(RELATION_COLORS[relation]),
            RELATION_LABELS[relation],
          ]),
        ),
      ]),
      createElement("fieldset", { class: "lineage" }, [
        createElement("legend", {}, ["Lineage"]),
        createElement(
          "label",
          { attrs: { title: "Also follow and count parents inferred from model cards (dashed links)" } },
          [inferredBox, swatch("#64748b", "dash"), "Include inferred lineage"],
        ),
        createElement(
          "label",
          { attrs: { title: "Colour models by licence family and mark links whose licence changes" } },
          [licenseBox, "Colour by licence"],
        ),
      ]),
    ],
  );
  const legend = createElement("ul", { class: "legend", attrs: { "aria-label": "Legend" } }, [
    createElement("li", {}, [swatch(FOCUS_COLOR), "Focused model"]),
    createElement("li", {}, [swatch(BASE_COLOR), "Base model"]),
    createElement("li", {}, [swatch(UNKNOWN_RELATION_COLOR), "Relation unknown"]),
    createElement("li", {}, [swatch("#64748b", "dash"), "Inferred link"]),
    createElement("li", {}, ["Size: derivatives (log scale)"]),
  ]);
  const licenseLegend = renderLicenseLegend();
  const notice = createElement("div", {
    class: "notice truncation",
    attrs: { "data-testid": "truncation-notice", hidden: true, role: "status" },
  });
  const canvas = createElement("div", { class: "graph-canvas", attrs: { "data-testid": "graph-canvas" } });
  const overlay = createElement("div", {
    class: "overlay",
    attrs: { "data-testid": "graph-overlay", "aria-live": "polite" },
  });
  const panel = createElement("aside", {
    class: "details-panel",
    attrs: { "data-testid": "details-panel", "aria-label": "Model details" },
  });

  root.replaceChildren(
    createElement("section", { class: "model-view" }, [
      createElement("div", { class: "graph-pane" }, [
        createElement("div", { class: "toolbar" }, [
          createElement("div", { class: "title-block" }, [title, summary]),
          controls,
          legend,
          licenseLegend,
        ]),
        notice,
        createElement("div", { class: "canvas-wrap" }, [
          canvas,
          overlay,
          createElement("p", { class: "canvas-hint", attrs: { "aria-hidden": "true" } }, [
            "Scroll to zoom · drag to pan · hover to see links · click for details · double-click to re-focus",
          ]),
        ]),
      ]),
      panel,
    ]),
  );

  // Overlay states ------------------------------------------------------------------------------------------
  function showOverlay(kind: "loading" | "error" | "empty" | null, message = "", action?: HTMLElement): void {
    overlay.className = kind ? `overlay overlay-${kind}` : "overlay";
    overlay.dataset.state = kind ?? "ready";
    overlay.replaceChildren(...(kind ? [createElement("p", {}, [message]), ...(action ? [action] : [])] : []));
  }

  // Panel ---------------------------------------------------------------------------------------------------
  function openPanel(id: string): void {
    closePanel?.();
    closePanel = renderDetailsPanel(panel, {
      api: deps.api,
      id,
      inferred: route.inferred,
      isFocus: id === focus,
      hasHiddenChildren: graph?.hasNode(id)
        ? graph.getNodeAttribute(id, "hasHiddenChildren") && graph.getNodeAttribute(id, "generation") >= 0
        : false,
      onRefocus: (next) => deps.navigate({ ...route, id: next }),
      onExpand: (next) => void expand(next),
    });
  }

  function select(node: string | null): void {
    selected = node;
    view?.select(node);
    openPanel(node ?? focus);
  }

  // Notices -------------------------------------------------------------------------------------------------
  function renderNotice(): void {
    if (!graph) return;
    const current = graph;
    const phrases = describeOmitted(omitted);
    // Only the focus and its descendants: an ancestor's hidden children are the focus's siblings, another family.
    const expandable = current.filterNodes((_node, attrs) => attrs.hasHiddenChildren && attrs.generation >= 0);
    notice.hidden = phrases.length === 0 && expandable.length === 0;
    const shortcuts = expandable
      .sort((a, b) => current.getNodeAttribute(b, "descendants") - current.getNodeAttribute(a, "descendants"))
      .slice(0, EXPAND_SHORTCUTS)
      .map((node) =>
        createElement(
          "button",
          { class: "chip", attrs: { type: "button", "data-expand": node }, on: { click: () => void expand(node) } },
          [node],
        ),
      );
    notice.replaceChildren(
      createElement("p", {}, [
        phrases.length > 0
          ? `Showing ${formatCount(current.order)} of ${formatCount(total)} models: ${phrases.join(", ")}.`
          : `${formatCount(expandable.length)} ${expandable.length === 1 ? "model has" : "models have"} children beyond the depth shown.`,
      ]),
      ...(shortcuts.length ? [createElement("p", { class: "expand-shortcuts" }, ["Expand: ", ...shortcuts])] : []),
    );
  }

  function renderSummary(): void {
    if (!graph) return;
    summary.textContent = `${formatCount(graph.order)} models · ${formatCount(graph.size)} links shown`;
  }

  // Graph ---------------------------------------------------------------------------------------------------
  function mountGraph(): void {
    view?.kill();
    view = null;
    if (!graph) return;
    const mounted = graph;
    const probe: ModelViewProbe = {
      focus,
      firstFrameAt: null,
      nodes: () =>
        mounted.mapNodes((id, attrs) => ({
          id,
          relation: attrs.relation,
          generation: attrs.generation,
          descendants: attrs.descendants,
          hasHiddenChildren: attrs.hasHiddenChildren,
        })),
      nodeToViewport: (node) => view?.nodeToViewport(node) ?? null,
    };
    deps.probe.modelView = probe;
    view = createGraphView(canvas, mounted, {
      onSelect: (node) => select(node),
      onRefocus: (node) => {
        if (node !== focus) deps.navigate({ ...route, id: node });
      },
      onFirstFrame: () => {
        probe.firstFrameAt = performance.now();
        performance.mark("lineage:first-frame");
        canvas.dataset.ready = "true";
      },
    });
    view.setColorBy(route.colorBy);
    if (selected && mounted.hasNode(selected)) view.select(selected);
  }

  async function loadGraph(keepSelection: boolean): Promise<void> {
    loading?.abort();
    const controller = new AbortController();
    loading = controller;
    delete canvas.dataset.ready;
    showOverlay("loading", "Loading lineage…");
    try {
      const slice = await deps.api.getGraph(
        { root: route.id, up: route.up, down: route.down, relations: route.relations, inferred: route.inferred },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      performance.mark("lineage:slice-fetched");
      view?.kill();
      view = null;
      if (slice === null) {
        graph = null;
        deps.probe.modelView = null;
        notice.hidden = true;
        summary.textContent = "";
        showOverlay(
          "error",
          `No model “${route.id}” in the database.`,
          createElement("a", { class: "button", attrs: { href: "/", "data-link": true } }, ["Back to search"]),
        );
        return;
      }
      graph = buildGraph(slice);
      performance.mark("lineage:graph-laid-out");
      focus = slice.attributes.root;
      omitted = slice.attributes.omitted;
      total = slice.attributes.total;
      if (selected !== null && (!keepSelection || !graph.hasNode(selected))) {
        // The selected model left the slice (a filter hid it): the panel goes back to the focus.
        selected = null;
        if (keepSelection) openPanel(slice.attributes.root);
      }
      title.textContent = focus;
      document.title = `${focus} · HF lineage`;
      renderSummary();
      renderNotice();
      mountGraph();
      performance.mark("lineage:sigma-mounted");
      if (graph.order === 1) {
        showOverlay(
          "empty",
          route.relations
            ? "No parents or derivatives with the selected relations."
            : "No known parents or derivatives for this model.",
        );
      } else {
        showOverlay(null);
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      const retry = createElement(
        "button",
        { class: "button", attrs: { type: "button" }, on: { click: () => void loadGraph(keepSelection) } },
        ["Retry"],
      );
      showOverlay(
        "error",
        `Could not load the lineage: ${error instanceof Error ? error.message : String(error)}`,
        retry,
      );
    } finally {
      if (loading === controller) loading = null;
    }
  }

  /** Adds the children of `node` that the slice left out, one generation below it, and lays the graph out again. */
  async function expand(node: string): Promise<void> {
    if (!graph?.hasNode(node)) return;
    const current = graph;
    const base = current.getNodeAttribute(node, "generation");
    let slice: GraphSlice | null;
    try {
      slice = await deps.api.getGraph({
        root: node,
        up: 0,
        down: 1,
        relations: route.relations,
        inferred: route.inferred,
      });
    } catch (error) {
      notice.hidden = false;
      notice.replaceChildren(
        createElement("p", { attrs: { role: "alert" } }, [
          `Could not expand ${node}: ${error instanceof Error ? error.message : String(error)}`,
        ]),
      );
      return;
    }
    if (slice === null || graph !== current) return;
    let added = 0;
    // Sigma draws a node as soon as it is added: new ones start at the expanded node until the layout places them.
    const { x, y } = current.getNodeAttributes(node);
    for (const { key, attributes } of slice.nodes) {
      if (current.hasNode(key)) continue;
      current.addNode(key, { ...attributes, generation: base + attributes.generation, x, y });
      added++;
    }
    for (const { source, target, attributes } of slice.edges) {
      if (current.hasNode(source) && current.hasNode(target) && !current.hasEdge(source, target))
        current.addEdge(source, target, attributes);
    }
    current.setNodeAttribute(node, "hasHiddenChildren", slice.attributes.truncated);
    omitted = omitted
      .map((entry) => (entry.generation === base + 1 ? { ...entry, count: Math.max(0, entry.count - added) } : entry))
      .filter((entry) => entry.count > 0);
    applyLayout(current, focus);
    renderSummary();
    renderNotice();
    if (selected === node || (selected === null && node === focus)) openPanel(node);
  }

  function load(): void {
    syncControls();
    title.textContent = route.id;
    selected = null;
    // The slice is asked for first: it is the bigger answer and the first frame waits for it.
    void loadGraph(false);
    openPanel(route.id);
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
      syncControls();
      if (colorOnly) {
        view?.setColorBy(route.colorBy);
        return;
      }
      void loadGraph(true);
      // The panel's counts and growth depend on the switch: re-read them for the model it shows.
      if (countsChanged) openPanel(selected ?? focus);
    },
    destroy() {
      loading?.abort();
      closePanel?.();
      view?.kill();
      view = null;
      deps.probe.modelView = null;
    },
  };
}
