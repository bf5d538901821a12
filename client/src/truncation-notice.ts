// The notice above the graph: what truncation left out, per generation, with shortcuts to expand the largest.
import { createElement } from "./create-element";
import { describeOmitted, type Omitted } from "./describe-omitted";
import { formatCount } from "./format";
import type { LineageGraph } from "./lineage-graph";

/** How many "expand" shortcuts the notice offers. */
const EXPAND_SHORTCUTS = 5;

export interface TruncationNotice {
  element: HTMLElement;
  render(graph: LineageGraph, omitted: Omitted[], total: number): void;
  showError(message: string): void;
  hide(): void;
}

export function createTruncationNotice(onExpand: (node: string) => void): TruncationNotice {
  const element = createElement("div", {
    class: "notice truncation",
    attrs: { "data-testid": "truncation-notice", hidden: true, role: "status" },
  });
  return {
    element,
    render(graph, omitted, total) {
      const phrases = describeOmitted(omitted);
      // Only the focus and its descendants: an ancestor's hidden children are the focus's siblings, another family.
      const expandable = graph.filterNodes((_node, attrs) => attrs.hasHiddenChildren && attrs.generation >= 0);
      element.hidden = phrases.length === 0 && expandable.length === 0;
      const shortcuts = expandable
        .sort((a, b) => graph.getNodeAttribute(b, "descendants") - graph.getNodeAttribute(a, "descendants"))
        .slice(0, EXPAND_SHORTCUTS)
        .map((node) =>
          createElement(
            "button",
            { class: "chip", attrs: { type: "button", "data-expand": node }, on: { click: () => onExpand(node) } },
            [node],
          ),
        );
      element.replaceChildren(
        createElement("p", {}, [
          phrases.length > 0
            ? `Showing ${formatCount(graph.order)} of ${formatCount(total)} models: ${phrases.join(", ")}.`
            : `${formatCount(expandable.length)} ${expandable.length === 1 ? "model has" : "models have"} ` +
              "children beyond the depth shown.",
        ]),
        ...(shortcuts.length ? [createElement("p", { class: "expand-shortcuts" }, ["Expand: ", ...shortcuts])] : []),
      );
    },
    showError(message) {
      element.hidden = false;
      element.replaceChildren(createElement("p", { attrs: { role: "alert" } }, [message]));
    },
    hide() {
      element.hidden = true;
    },
  };
}
