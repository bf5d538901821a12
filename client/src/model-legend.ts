// The model view's legend (colour by relation).
import { createElement } from "./create-element";
import { BASE_COLOR, FOCUS_COLOR, UNKNOWN_RELATION_COLOR } from "./graph-style";
import { swatch } from "./swatch";

export function createModelLegend(): HTMLElement {
  return createElement("ul", { class: "legend", attrs: { "aria-label": "Legend" } }, [
    createElement("li", {}, [swatch(FOCUS_COLOR), "Focused model"]),
    createElement("li", {}, [swatch(BASE_COLOR), "Base model"]),
    createElement("li", {}, [swatch(UNKNOWN_RELATION_COLOR), "Relation unknown"]),
    createElement("li", {}, [swatch("#64748b", "dash"), "Inferred link"]),
    createElement("li", {}, ["Size: derivatives (log scale); labels for the largest"]),
  ]);
}
