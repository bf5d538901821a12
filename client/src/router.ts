// History-API routing: follows links marked data-link, navigate() calls and back/forward (popstate).
import { formatRoute, parseRoute, type Route } from "./route";

export interface Router {
  /** Go to a route: a new history entry, or `replace` the current one (view settings). */
  navigate(route: Route, options?: { replace?: boolean }): void;
  stop(): void;
}

/** Calls `onRoute` now and on every navigation (links with data-link, navigate(), back/forward). */
export function startRouter(onRoute: (route: Route) => void, win: Window = window): Router {
  const emit = () => onRoute(parseRoute(win.location.pathname, win.location.search));

  const onClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const link = (event.target as Element | null)?.closest?.("a[data-link]");
    if (!(link instanceof HTMLAnchorElement) || link.origin !== win.location.origin) return;
    event.preventDefault();
    if (link.pathname + link.search === win.location.pathname + win.location.search) return;
    win.history.pushState(null, "", link.pathname + link.search);
    emit();
  };

  win.addEventListener("popstate", emit);
  win.document.addEventListener("click", onClick);
  emit();

  return {
    navigate(route, options = {}) {
      const url = formatRoute(route);
      if (options.replace) win.history.replaceState(null, "", url);
      else win.history.pushState(null, "", url);
      emit();
    },
    stop() {
      win.removeEventListener("popstate", emit);
      win.document.removeEventListener("click", onClick);
    },
  };
}
