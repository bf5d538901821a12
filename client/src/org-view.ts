// The org page (/org/<author>): what the org builds on, what others built on it, and its models.
import type { OrgResponse, ParentRef } from "../../server/contract/types";
import type { ApiClient } from "./api-client";
import { authorLink } from "./author-link";
import { createElement } from "./create-element";
import { describeSource, renderEvidence } from "./details-panel";
import { formatCompact, formatCount, plural } from "./format";
import { RELATION_COLORS, RELATION_LABELS, RELATIONS } from "./graph-style";
import { renderGrowthChart } from "./growth-chart";
import { relationBadge } from "./relation-badge";
import { formatRoute, modelRoute, orgRoute, type OrgRoute, type Route } from "./route";

export interface OrgViewDeps {
  api: ApiClient;
  navigate(route: Route, options?: { replace?: boolean }): void;
}

/** Models whose outside links are shown with their evidence (one model read each). */
const EVIDENCE_READS = 5;

function modelLink(id: string): HTMLAnchorElement {
  return createElement("a", { attrs: { href: formatRoute(modelRoute(id)), "data-link": true } }, [id]);
}

function section(title: string, testId: string, children: (Node | null)[]): HTMLElement {
  return createElement("section", { class: "org-section", attrs: { "data-testid": testId } }, [
    createElement("h2", {}, [title]),
    ...children,
  ]);
}

/** Each link from one of the org's models to a model outside it; inferred ones dashed, evidence filled in later. */
function renderOutsideLinks(
  org: OrgResponse,
  inferred: boolean,
): { element: HTMLElement; slots: Map<string, HTMLElement> } {
  const owner = org.author.toLowerCase();
  const slots = new Map<string, HTMLElement>();
  const items = org.models.flatMap((model) =>
    model.parents
      .filter((parent) => parent.id.split("/")[0].toLowerCase() !== owner)
      .map((parent) => {
        const slot = createElement("div", { class: "evidence-slot" });
        if (parent.source === "inferred") slots.set(`${model.id}\n${parent.id}`, slot);
        return createElement(
          "li",
          {
            class: parent.source === "inferred" ? "is-inferred" : undefined,
            attrs: { "data-parent-id": parent.id, "data-source": parent.source },
          },
          [
            modelLink(model.id),
            " builds on ",
            modelLink(parent.id),
            createElement("span", { class: "parent-meta" }, [
              " ",
              relationBadge(parent.relation),
              " ",
              describeSource(parent as ParentRef, inferred),
            ]),
            slot,
          ],
        );
      }),
  );
  const element = items.length
    ? createElement("ul", { class: "parents org-links", attrs: { "data-testid": "org-links" } }, items)
    : createElement("p", { class: "muted" }, [
        inferred ? "None of its models links to another org's model." : "No declared link to another org's model.",
      ]);
  return { element, slots };
}

function renderBases(org: OrgResponse): HTMLElement {
  if (!org.bases.length) return createElement("p", { class: "muted" }, ["It builds on no outside model."]);
  return createElement("table", { class: "leaderboard", attrs: { "data-testid": "org-bases" } }, [
    createElement("thead", {}, [
      createElement("tr", {}, [
        createElement("th", { attrs: { scope: "col" } }, ["Base"]),
        createElement("th", { class: "num", attrs: { scope: "col" } }, ["Its models on it"]),
        createElement("th", { attrs: { scope: "col" } }, ["Family root"]),
      ]),
    ]),
    createElement(
      "tbody",
      {},
      org.bases.map((base) =>
        createElement("tr", { attrs: { "data-model-id": base.id } }, [
          createElement("td", {}, [modelLink(base.id)]),
          createElement("td", { class: "num" }, [formatCount(base.models)]),
          createElement(
            "td",
            {},
            base.roots.flatMap((root, i) => [i ? ", " : null, modelLink(root)]),
          ),
        ]),
      ),
    ),
  ]);
}

function renderDerivatives(org: OrgResponse): Node[] {
  const d = org.derivatives;
  const stat = (label: string, value: number, color?: string) => {
    const element = createElement("div", { class: "stat" }, [
      createElement("span", { class: "stat-value" }, [formatCount(value)]),
      createElement("span", { class: "stat-label" }, [label]),
    ]);
    if (color) element.style.setProperty("--relation-color", color);
    return element;
  };
  const stats = createElement("div", { class: "stats", attrs: { "data-testid": "org-derivatives" } }, [
    stat(plural(d.total, "derivative", "derivatives"), d.total),
    stat(plural(d.authors, "author", "authors"), d.authors),
    ...RELATIONS.map((relation) =>
      stat(RELATION_LABELS[relation].toLowerCase(), d[relation], RELATION_COLORS[relation]),
    ),
  ]);
  const top = d.topAuthors.length
    ? createElement(
        "ol",
        { class: "top-authors", attrs: { "data-testid": "org-top-authors" } },
        d.topAuthors
          .slice(0, 15)
          .map((maker) =>
            createElement("li", {}, [
              authorLink(maker.author),
              createElement("span", { class: "muted" }, [
                ` · ${formatCount(maker.models)} ${plural(maker.models, "model", "models")}`,
              ]),
            ]),
          ),
      )
    : createElement("p", { class: "muted" }, ["No other author has built on its models yet."]);
  return [
    stats,
    createElement("h3", {}, ["Who builds on it"]),
    top,
    createElement("h3", {}, ["Derivatives per month"]),
    renderGrowthChart(d.growth),
  ];
}

function renderModels(org: OrgResponse): HTMLElement {
  return createElement("table", { class: "leaderboard", attrs: { "data-testid": "org-models" } }, [
    createElement("thead", {}, [
      createElement("tr", {}, [
        createElement("th", { attrs: { scope: "col" } }, ["Model"]),
        createElement("th", { class: "num", attrs: { scope: "col" } }, ["Downloads"]),
        createElement("th", { class: "num", attrs: { scope: "col" } }, ["Descendants"]),
      ]),
    ]),
    createElement(
      "tbody",
      {},
      org.models.map((model) =>
        createElement("tr", { attrs: { "data-model-id": model.id } }, [
          createElement("td", {}, [modelLink(model.id)]),
          createElement("td", { class: "num" }, [formatCompact(model.downloads)]),
          createElement("td", { class: "num" }, [formatCount(model.descendants)]),
        ]),
      ),
    ),
  ]);
}

/** Fills the evidence of inferred outside links from the models' own detail (which carries it). */
async function loadEvidence(api: ApiClient, slots: Map<string, HTMLElement>, signal: AbortSignal): Promise<void> {
  const models = [...new Set([...slots.keys()].map((key) => key.split("\n")[0]))].slice(0, EVIDENCE_READS);
  for (const id of models) {
    const detail = await api.getModel(id, signal, true);
    for (const parent of detail?.parents ?? []) {
      const evidence = renderEvidence(parent);
      const slot = slots.get(`${id}\n${parent.id}`);
      if (evidence && slot) slot.replaceChildren(evidence);
    }
  }
}

function render(
  org: OrgResponse,
  route: OrgRoute,
  deps: OrgViewDeps,
): { element: HTMLElement; slots: Map<string, HTMLElement> } {
  const toggle = createElement("input", {
    attrs: { type: "checkbox", "data-testid": "org-inferred", checked: route.inferred },
    on: { change: () => deps.navigate(orgRoute(route.author, !route.inferred), { replace: true }) },
  });
  const links = renderOutsideLinks(org, route.inferred);
  const element = createElement(
    "article",
    { class: "org-view", attrs: { "data-testid": "org-view", "data-author": org.author } },
    [
      createElement("header", { class: "org-header" }, [
        createElement("h1", {}, [org.author]),
        createElement("p", { class: "lead" }, [
          `${formatCount(org.total)} ${plural(org.total, "model", "models")} · builds on ` +
            `${formatCount(org.basesTotal)} outside ${plural(org.basesTotal, "model", "models")} · ` +
            `${formatCount(org.derivatives.total)} ${plural(org.derivatives.total, "derivative", "derivatives")} by ` +
            `${formatCount(org.derivatives.authors)} other ${plural(org.derivatives.authors, "author", "authors")}`,
        ]),
        createElement("label", { class: "toggle" }, [toggle, " Include inferred links (dashed)"]),
      ]),
      createElement("div", { class: "org-grid" }, [
        section("What it builds on", "org-builds-on", [links.element, renderBases(org)]),
        section("What is built on it", "org-built-on", renderDerivatives(org)),
        section("Its models", "org-models-section", [renderModels(org)]),
      ]),
    ],
  );
  return { element, slots: links.slots };
}

/** Renders the org page into `root`; returns its teardown. */
export function renderOrgView(root: HTMLElement, route: OrgRoute, deps: OrgViewDeps): () => void {
  const controller = new AbortController();
  document.title = `${route.author} · HF lineage`;
  root.replaceChildren(createElement("p", { class: "state state-loading page-state" }, ["Loading…"]));
  void (async () => {
    try {
      const org = await deps.api.getOrg(route.author, controller.signal, route.inferred);
      if (controller.signal.aborted) return;
      if (!org) {
        root.replaceChildren(
          createElement("section", { class: "state state-error page-state" }, [
            createElement("h1", {}, ["Unknown author"]),
            createElement("p", {}, [`No model by ${route.author} is in the database.`]),
          ]),
        );
        return;
      }
      const { element, slots } = render(org, route, deps);
      root.replaceChildren(element);
      await loadEvidence(deps.api, slots, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      root.replaceChildren(
        createElement("p", { class: "state state-error page-state", attrs: { role: "alert" } }, [
          `Could not load: ${error instanceof Error ? error.message : String(error)}`,
        ]),
      );
    }
  })();
  return () => controller.abort();
}
