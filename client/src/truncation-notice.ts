// The notice above the graph: what truncation left out, per generation, with shortcuts to expand the largest.
import { createElement } from "./create-element";
import { describeOmitted, type Omitted } from "./describe-omitted";
import type { FamilyColumns } from "./family-columns";
import { formatCount } from "./format";
import type { LineageGraph } from "./lineage-graph";

/** A model of the focus's family (generation 0 or below) with children the slice left out. */
export interface ExpandableModel {
  id: string;
  descendants: number;
}

/** How many "expand" shortcuts the notice offers. */
const EXPAND_SHORTCUTS = 5;

/** The models of the focus's family (generation 0 and below) with children the slice left out, from the columns. */
export function expandableOfColumns({ nodes }: FamilyColumns): ExpandableModel[] {
  const expandable: ExpandableModel[] = [];
  for (let k = 0; k < nodes.id.length; k++) {
    if (nodes.hasHiddenChildren[k] === 1 && nodes.generation[k] >= 0)
      expandable.push({ id: nodes.id[k], descendants: nodes.descendants[k] });
  }
  return expandable;
}

/** The same from the graph (which expansions grow). */
export function expandableOfGraph(graph: LineageGraph): ExpandableModel[] {
  // Only the focus and its descendants: an ancestor's hidden children are the focus's siblings, another family.
  return graph
    .filterNodes((_node, attrs) => attrs.hasHiddenChildren && attrs.generation >= 0)
    .map((id) => ({ id, descendants: graph.getNodeAttribute(id, "descendants") }));
}

export interface TruncationNotice {
  element: HTMLElement;
  /** `models`: how many the slice shows. */
  render(models: number, expandable: ExpandableModel[], omitted: Omitted[], total: number): void;
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
    render(models, expandable, omitted, total) {
      const phrases = describeOmitted(omitted);
      element.hidden = phrases.length === 0 && expandable.length === 0;
      const shortcuts = [...expandable]
        .sort((a, b) => b.descendants - a.descendants)
        .slice(0, EXPAND_SHORTCUTS)
        .map(({ id: node }) =>
          createElement(
            "button",
            { class: "chip", attrs: { type: "button", "data-expand": node }, on: { click: () => onExpand(node) } },
            [node],
          ),
        );
      element.replaceChildren(
        createElement("p", {}, [
          phrases.length > 0
            ? `Showing ${formatCount(models)} of ${formatCount(total)} models: ${phrases.join(", ")}.`
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
