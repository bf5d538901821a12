// The home page: search, totals and the largest families. Sections are independent, so new ones (the recent forks
// feed) slot into HOME_SECTIONS without touching the others.
import type { FamilyItem, ForkItem, StatsResponse } from "../../server/contract/types";
import type { ApiClient } from "./api-client";
import { createElement } from "./create-element";
import { formatCompact, formatCount, formatDateTime } from "./format";
import { RELATION_COLORS, RELATION_LABELS, RELATIONS } from "./graph-style";
import { relationBadge } from "./relation-badge";
import { formatRoute, forksRoute, modelRoute, type Route } from "./route";
import { createSearchBox } from "./search-box";

export interface HomeViewDeps {
  api: ApiClient;
  navigate(route: Route): void;
}

interface HomeSection {
  element: HTMLElement;
  /** Fetches and renders; errors are shown inside the section, never thrown. */
  load(signal: AbortSignal): Promise<void>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function createSection(title: string, testId: string, render: (signal: AbortSignal) => Promise<Node>): HomeSection {
  const body = createElement("div", { class: "section-body" }, [
    createElement("p", { class: "state state-loading" }, ["Loading…"]),
  ]);
  const element = createElement("section", { class: "home-section", attrs: { "data-testid": testId } }, [
    createElement("h2", {}, [title]),
    body,
  ]);
  return {
    element,
    async load(signal) {
      try {
        const content = await render(signal);
        if (!signal.aborted) body.replaceChildren(content);
      } catch (error) {
        if (signal.aborted) return;
        body.replaceChildren(
          createElement("p", { class: "state state-error", attrs: { role: "alert" } }, [
            `Could not load: ${errorText(error)}`,
          ]),
        );
      }
    },
  };
}

function renderTotals(stats: StatsResponse): Node {
  const card = (label: string, value: number | null, color?: string) => {
    const element = createElement("div", { class: "stat" }, [
      createElement("span", { class: "stat-value" }, [formatCount(value)]),
      createElement("span", { class: "stat-label" }, [label]),
    ]);
    if (color) element.style.setProperty("--relation-color", color);
    return element;
  };
  return createElement("div", { class: "stats" }, [
    card("models", stats.models.total),
    card("families", stats.families),
    card("lineage links", stats.edges.total),
    ...RELATIONS.map((relation) =>
      card(
        `${RELATION_LABELS[relation].toLowerCase()} links`,
        stats.edges.byRelation[relation],
        RELATION_COLORS[relation],
      ),
    ),
  ]);
}

function relationBar(entry: FamilyItem): HTMLElement {
  const bar = createElement("div", { class: "relation-bar", attrs: { role: "img" } });
  const parts = RELATIONS.filter((relation) => entry.descendants[relation] > 0);
  bar.setAttribute(
    "aria-label",
    parts
      .map((relation) => `${formatCount(entry.descendants[relation])} ${RELATION_LABELS[relation].toLowerCase()}`)
      .join(", "),
  );
  for (const relation of parts) {
    const segment = createElement("span");
    segment.style.flexGrow = String(entry.descendants[relation]);
    segment.style.background = RELATION_COLORS[relation];
    bar.append(segment);
  }
  return bar;
}

function renderFamilies(families: FamilyItem[]): Node {
  if (families.length === 0)
    return createElement("p", { class: "state state-empty" }, ["No families yet: crawl a few seeds first."]);
  return createElement("table", { class: "leaderboard" }, [
    createElement("thead", {}, [
      createElement("tr", {}, [
        createElement("th", { class: "num", attrs: { scope: "col" } }, ["#"]),
        createElement("th", { attrs: { scope: "col" } }, ["Base model"]),
        createElement("th", { class: "num", attrs: { scope: "col" } }, ["Derivatives"]),
        createElement("th", { class: "num", attrs: { scope: "col" } }, ["Direct"]),
        createElement("th", { attrs: { scope: "col" } }, ["By relation"]),
      ]),
    ]),
    createElement(
      "tbody",
      {},
      families.map((entry) =>
        createElement("tr", { attrs: { "data-model-id": entry.id } }, [
          createElement("td", { class: "num muted" }, [String(entry.rank)]),
          createElement("td", {}, [
            createElement("a", { attrs: { href: formatRoute(modelRoute(entry.id)), "data-link": true } }, [entry.id]),
            entry.downloads !== null
              ? createElement("span", { class: "muted small" }, [` · ${formatCompact(entry.downloads)} downloads`])
              : null,
          ]),
          createElement("td", { class: "num" }, [formatCount(entry.descendants.total)]),
          createElement("td", { class: "num" }, [formatCount(entry.children.total)]),
          createElement("td", {}, [relationBar(entry)]),
        ]),
      ),
    ),
  ]);
}

/** How many events the home page lists; the forks view has the rest. */
const RECENT_FORKS = 10;

function renderRecentForks(items: ForkItem[]): Node {
  const more = createElement(
    "a",
    { class: "more-link", attrs: { href: formatRoute(forksRoute()), "data-link": true } },
    ["All new forks, live →"],
  );
  if (items.length === 0) {
    return createElement("div", {}, [
      createElement("p", { class: "state state-empty" }, [
        "No new forks recorded yet: the watcher lists models published after the crawl.",
      ]),
      more,
    ]);
  }
  return createElement("div", {}, [
    createElement(
      "ul",
      { class: "recent-forks" },
      items.map((item) =>
        createElement("li", { attrs: { "data-model-id": item.model } }, [
          createElement(
            "a",
            { class: "recent-model", attrs: { href: formatRoute(modelRoute(item.model)), "data-link": true } },
            [item.model],
          ),
          createElement("span", { class: "recent-meta" }, [
            relationBadge(item.relation),
            " of ",
            createElement(
              "a",
              {
                attrs: {
                  href: formatRoute(forksRoute(item.root)),
                  "data-link": true,
                  title: `New forks of ${item.root}`,
                },
              },
              [item.root],
            ),
            createElement("span", { class: "muted" }, [` · seen ${formatDateTime(item.seenAt)}`]),
          ]),
        ]),
      ),
    ),
    more,
  ]);
}

/** Renders the home page into `root`; returns its teardown. */
export function renderHomeView(root: HTMLElement, deps: HomeViewDeps): () => void {
  const controller = new AbortController();
  const search = createSearchBox({ api: deps.api, variant: "hero", onChoose: (id) => deps.navigate(modelRoute(id)) });
  const sections: HomeSection[] = [
    createSection("The graph so far", "totals", async (signal) => renderTotals(await deps.api.getStats(signal))),
    createSection("Recent forks", "recent-forks", async (signal) => {
      const answer = await deps.api.getForks({ root: null, relation: null, limit: RECENT_FORKS }, null, signal);
      return renderRecentForks(answer.status === "modified" ? answer.page.items : []);
    }),
    createSection("Largest families", "top-families", async (signal) =>
      renderFamilies(await deps.api.getTopFamilies(20, signal)),
    ),
  ];
  root.replaceChildren(
    createElement("section", { class: "home" }, [
      createElement("div", { class: "hero" }, [
        createElement("h1", {}, ["Where do Hugging Face models come from?"]),
        createElement("p", { class: "lead" }, [
          "Search a model to see its whole family — fine-tunes, adapters, quantizations and merges — generation by generation.",
        ]),
        search.element,
      ]),
      createElement(
        "div",
        { class: "home-grid" },
        sections.map((section) => section.element),
      ),
    ]),
  );
  document.title = "HF lineage";
  search.focus();
  for (const section of sections) void section.load(controller.signal);
  return () => {
    controller.abort();
    search.destroy();
  };
}
