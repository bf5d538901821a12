// The model view's legend, and the colour swatch its controls share.
import { createElement } from "./create-element";
import { BASE_COLOR, FOCUS_COLOR, UNKNOWN_RELATION_COLOR } from "./graph-style";

export function swatch(color: string, kind: "dot" | "dash" = "dot"): HTMLElement {
  const element = createElement("span", { class: `swatch swatch-${kind}`, attrs: { "aria-hidden": "true" } });
  element.style.setProperty("--swatch-color", color);
  return element;
}

export function createModelLegend(): HTMLElement {
  return createElement("ul", { class: "legend", attrs: { "aria-label": "Legend" } }, [
    createElement("li", {}, [swatch(FOCUS_COLOR), "Focused model"]),
    createElement("li", {}, [swatch(BASE_COLOR), "Base model"]),
    createElement("li", {}, [swatch(UNKNOWN_RELATION_COLOR), "Relation unknown"]),
    createElement("li", {}, [swatch("#64748b", "dash"), "Inferred link"]),
    createElement("li", {}, ["Size: derivatives (log scale); labels for the largest"]),
  ]);
}
