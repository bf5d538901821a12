// Entry point: the app shell (header with search) and the router that swaps the home and model views.
import "./styles.css";
import { createApiClient } from "./api-client";
import { createElement } from "./create-element";
import { renderHomeView } from "./home-view";
import { createModelView, type ModelView } from "./model-view";
import { modelRoute, type Route } from "./route";
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
  headerSearch.element,
]);
app.replaceChildren(header, main);

let teardown: (() => void) | null = null;
let modelView: ModelView | null = null;

function show(route: Route): void {
  if (route.kind === "model" && modelView) {
    modelView.update(route);
    return;
  }
  teardown?.();
  teardown = null;
  modelView = null;
  header.classList.toggle("is-home", route.kind === "home");
  if (route.kind === "home") {
    teardown = renderHomeView(main, { api, navigate: (next) => router?.navigate(next) });
  } else if (route.kind === "model") {
    const view = createModelView(main, route, { api, probe, navigate: (next, options) => router?.navigate(next, options) });
    modelView = view;
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
