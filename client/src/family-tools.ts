// Tools for reading a large family: find a model in it, close sub-families into discs, and the relation mix per
// generation as stacked bars.
import { createElement } from "./create-element";
import { formatCount } from "./format";
import { RELATION_COLORS, RELATION_LABELS, RELATIONS, UNKNOWN_RELATION_COLOR } from "./graph-style";
import type { LineageGraph } from "./lineage-graph";
import { relationMixByGeneration, type RelationMixKey } from "./relation-mix";
import { searchFamily } from "./search-family";

export interface FamilyToolsHandlers {
  onFind(id: string): void;
  onGroup(isGrouped: boolean): void;
}

export interface FamilyTools {
  element: HTMLElement;
  /** Shows the tools for the drawn graph; `groups` is how many sub-families can close into discs. */
  setGraph(graph: LineageGraph | null, groups: number): void;
  isGrouped(): boolean;
}

const FIND_LIMIT = 8;
const FIND_DEBOUNCE_MS = 100;
const MIX_KEYS: RelationMixKey[] = [...RELATIONS, "unknown"];
const MIX_COLORS: Record<RelationMixKey, string> = { ...RELATION_COLORS, unknown: UNKNOWN_RELATION_COLOR };
const MIX_LABELS: Record<RelationMixKey, string> = { ...RELATION_LABELS, unknown: "Unknown" };

function renderMix(graph: LineageGraph): HTMLElement {
  const rows = relationMixByGeneration(graph.mapNodes((_node, attrs) => attrs));
  return createElement(
    "table",
    { class: "relation-mix", attrs: { "data-testid": "relation-mix" } },
    rows.map((row) =>
      createElement("tr", { attrs: { "data-generation": row.generation, "data-total": row.total } }, [
        createElement("th", { attrs: { scope: "row" } }, [`Gen ${row.generation}`]),
        createElement("td", { class: "num" }, [formatCount(row.total)]),
        createElement(
          "td",
          { class: "mix-bar" },
          MIX_KEYS.filter((key) => row.counts[key] > 0).map((key) => {
            const share = row.counts[key] / row.total;
            const part = createElement("span", {
              attrs: { title: `${MIX_LABELS[key]}: ${formatCount(row.counts[key])} (${Math.round(share * 100)}%)` },
            });
            part.style.flexGrow = String(share);
            part.style.background = MIX_COLORS[key];
            return part;
          }),
        ),
      ]),
    ),
  );
}

export function createFamilyTools(handlers: FamilyToolsHandlers): FamilyTools {
  let graph: LineageGraph | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const input = createElement("input", {
    attrs: {
      type: "search",
      placeholder: "Find in this family…",
      "aria-label": "Find a model in this family",
      "data-testid": "family-search",
    },
  });
  const results = createElement("ul", { class: "family-results", attrs: { "data-testid": "family-search-results" } });
  const groupBox = createElement("input", { attrs: { type: "checkbox", "data-testid": "toggle-subfamilies" } });
  const groupLabel = createElement(
    "label",
    { attrs: { title: "Show each large first-generation subtree as one disc; click a disc to open it" } },
    [groupBox, "Sub-families as discs"],
  );
  const mix = createElement("details", { class: "mix" }, [
    createElement("summary", {}, ["Relation mix per generation"]),
  ]);

  const choose = (id: string) => {
    results.replaceChildren();
    handlers.onFind(id);
  };
  const find = () => {
    const matches = graph
      ? searchFamily(
          graph.mapNodes((id, attrs) => ({ id, descendants: attrs.descendants })),
          input.value,
          FIND_LIMIT,
        )
      : [];
    results.replaceChildren(
      ...matches.map(({ id, descendants }) =>
        createElement("li", {}, [
          createElement(
            "button",
            { class: "link-button", attrs: { type: "button", "data-find": id }, on: { click: () => choose(id) } },
            [id, createElement("span", { class: "muted small" }, [` ${formatCount(descendants)} below`])],
          ),
        ]),
      ),
    );
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, FIND_DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !graph) return;
    event.preventDefault();
    const best = searchFamily(
      graph.mapNodes((id, attrs) => ({ id, descendants: attrs.descendants })),
      input.value,
      1,
    )[0];
    if (best) choose(best.id);
  });
  groupBox.addEventListener("change", () => handlers.onGroup(groupBox.checked));

  const element = createElement("div", { class: "family-tools" }, [
    createElement("div", { class: "family-find" }, [input, results]),
    groupLabel,
    mix,
  ]);
  return {
    element,
    setGraph(next, groups) {
      graph = next;
      results.replaceChildren();
      groupBox.checked = false;
      groupLabel.hidden = groups === 0;
      mix.querySelector("table")?.remove();
      if (next) mix.append(renderMix(next));
    },
    isGrouped: () => groupBox.checked,
  };
}
