// The app shell (header with search) and the router that swaps the views; loaded by main.ts. The model view is part of
// this chunk (its first frame is what a deep link waits for); the home, org and forks views load as chunks of their own.
import { createApiClient } from "./api-client";
import { createElement } from "./create-element";
import type { ForksView } from "./forks-view";
import { createModelView, type ModelView } from "./model-view";
import { forksRoute, formatRoute, modelRoute, type Route } from "./route";
import { startRouter, type Router } from "./router";
import { createSearchBox } from "./search-box";
import { PROBE_GLOBAL, type LineageProbe } from "./test-probe";

performance.mark("lineage:app-run");
const api = createApiClient();
const probe: LineageProbe = { modelView: null };
(window as unknown as Record<string, unknown>)[PROBE_GLOBAL] = probe;

const app = document.getElementById("app")!;
const main = createElement("main", { class: "main", attrs: { id: "main" } });
let router: Router | null = null;
const headerSearch = createSearchBox({ api, variant: "compact", onChoose: (id) => router?.navigate(modelRoute(id)) });
const header = createElement("header", { class: "app-header" }, [
  createElement("a", { class: "brand", attrs: { href: "/", "data-link": true } }, [
    createElement("span", { class: "brand-mark", attrs: { "aria-hidden": "true" } }),
    "HF lineage",
  ]),
  createElement("nav", { class: "app-nav", attrs: { "aria-label": "Main" } }, [
    createElement(
      "a",
      { class: "nav-link", attrs: { href: formatRoute(forksRoute()), "data-link": true, "data-testid": "nav-forks" } },
      ["New forks"],
    ),
  ]),
  headerSearch.element,
]);
app.replaceChildren(header, main);

let teardown: (() => void) | null = null;
/** Counts the routes shown, so that a view whose chunk arrives after the next route leaves the page alone. */
let shownRoutes = 0;
let modelView: ModelView | null = null;
let forksView: ForksView | null = null;

function show(route: Route): void {
  if (route.kind === "model" && modelView) {
    modelView.update(route);
    return;
  }
  if (route.kind === "forks" && forksView) {
    forksView.update(route);
    return;
  }
  teardown?.();
  teardown = null;
  modelView = null;
  forksView = null;
  header.classList.toggle("is-home", route.kind === "home");
  for (const link of header.querySelectorAll<HTMLAnchorElement>(".nav-link")) {
    if (link.pathname === window.location.pathname) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  // A lazily loaded view mounts only if no other route was shown while its chunk loaded.
  const shownRoute = ++shownRoutes;
  const whenLoaded = <M>(chunk: Promise<M>, mount: (module: M) => void) => {
    main.replaceChildren(createElement("p", { class: "state state-loading" }, ["Loading…"]));
    chunk.then(
      (module) => {
        if (shownRoute === shownRoutes) mount(module);
      },
      (error: unknown) => {
        if (shownRoute === shownRoutes) showLoadError(error);
      },
    );
  };
  const navigate = (next: Route, options?: { replace?: boolean }) => router?.navigate(next, options);
  if (route.kind === "home") {
    whenLoaded(import("./home-view"), ({ renderHomeView }) => {
      teardown = renderHomeView(main, { api, navigate });
    });
  } else if (route.kind === "model") {
    const view = createModelView(main, route, { api, probe, navigate });
    modelView = view;
    teardown = () => view.destroy();
  } else if (route.kind === "org") {
    whenLoaded(import("./org-view"), ({ renderOrgView }) => {
      teardown = renderOrgView(main, route, { api, navigate });
    });
  } else if (route.kind === "forks") {
    whenLoaded(import("./forks-view"), ({ createForksView }) => {
      const view = createForksView(main, route, { api, navigate });
      forksView = view;
      teardown = () => view.destroy();
    });
  } else {
    document.title = "Not found · HF lineage";
    main.replaceChildren(
      createElement("section", { class: "state state-error page-state" }, [
        createElement("h1", {}, ["Page not found"]),
        createElement("p", {}, [`Nothing lives at ${route.path}.`]),
        createElement("a", { class: "button", attrs: { href: "/", "data-link": true } }, ["Go to the home page"]),
      ]),
    );
  }
}

function showLoadError(error: unknown): void {
  main.replaceChildren(
    createElement("section", { class: "state state-error page-state" }, [
      createElement("h1", {}, ["This page could not be loaded"]),
      createElement("p", {}, [`${error instanceof Error ? error.message : String(error)} Reload to try again.`]),
    ]),
  );
}

router = startRouter(show);
