// A legend's colour sample: a dot (a model) or a dash (a link).
import { createElement } from "./create-element";

export function swatch(color: string, kind: "dot" | "dash" = "dot"): HTMLElement {
  const element = createElement("span", { class: `swatch swatch-${kind}`, attrs: { "aria-hidden": "true" } });
  element.style.setProperty("--swatch-color", color);
  return element;
}
