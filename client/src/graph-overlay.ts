// The overlay over the graph canvas: loading, error (with an action) and empty states, or nothing once drawn.
import { createElement } from "./create-element";

export type OverlayState = "loading" | "error" | "empty";

export interface GraphOverlay {
  element: HTMLElement;
  show(kind: OverlayState | null, message?: string, action?: HTMLElement): void;
}

export function createGraphOverlay(): GraphOverlay {
  const element = createElement("div", {
    class: "overlay",
    attrs: { "data-testid": "graph-overlay", "aria-live": "polite" },
  });
  return {
    element,
    show(kind, message = "", action) {
      element.className = kind ? `overlay overlay-${kind}` : "overlay";
      element.dataset.state = kind ?? "ready";
      element.replaceChildren(...(kind ? [createElement("p", {}, [message]), ...(action ? [action] : [])] : []));
    },
  };
}
