// The app shell (header with search) and the router that swaps the home and model views; loaded by main.ts.
import { createApiClient } from "./api-client";
import { createElement } from "./create-element";
import { renderHomeView } from "./home-view";
import { createForksView, type ForksView } from "./forks-view";
import { createModelView, type ModelView } from "./model-view";
import { renderOrgView } from "./org-view";
import { forksRoute, formatRoute, modelRoute, type Route } from "./route";
import { startRouter, type Router } from "./router";
import { createSearchBox } from "./search-box";
import { PROBE_GLOBAL, type LineageProbe } from "./test-probe";

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
  if (route.kind === "home") {
    teardown = renderHomeView(main, { api, navigate: (next) => router?.navigate(next) });
  } else if (route.kind === "model") {
    const view = createModelView(main, route, {
      api,
      probe,
      navigate: (next, options) => router?.navigate(next, options),
    });
    modelView = view;
    teardown = () => view.destroy();
  } else if (route.kind === "org") {
    teardown = renderOrgView(main, route, { api, navigate: (next, options) => router?.navigate(next, options) });
  } else if (route.kind === "forks") {
    const view = createForksView(main, route, { api, navigate: (next, options) => router?.navigate(next, options) });
    forksView = view;
    teardown = () => view.destroy();
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

router = startRouter(show);
