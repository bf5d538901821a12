// An author's name as a link to its org page (every author name in the UI goes there).
import { createElement } from "./create-element";
import { formatRoute, orgRoute } from "./route";

export function authorLink(author: string): HTMLAnchorElement {
  return createElement(
    "a",
    { class: "author-link", attrs: { href: formatRoute(orgRoute(author)), "data-link": true, "data-author": author } },
    [author],
  );
}
