// Builds DOM nodes from data safely: text always goes through textContent and attributes through setAttribute.
type Child = Node | string | number | null | undefined | false;

export interface ElementProps {
  class?: string;
  /** Plain attributes; null/undefined/false leave the attribute out, true sets it empty. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  /** Event listeners (never inline `on*` attributes). */
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

function applyAttributes(element: Element, attrs: ElementProps["attrs"]): void {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
}

function appendChildren(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element with attributes, listeners and children; strings become text nodes, never markup. */
export function createElement<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  applyAttributes(element, props.attrs);
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
  appendChildren(element, children);
  return element;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes and children (text children become text nodes). */
export function createSvgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: ElementProps["attrs"] = {},
  children: Child[] = [],
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  applyAttributes(element, attrs);
  appendChildren(element, children);
  return element;
}
