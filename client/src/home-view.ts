// The home page: search, totals and the largest families. Sections are independent, so new ones (the recent forks
// feed) slot into HOME_SECTIONS without touching the others.
import type { FamilyItem, ForkItem, StatsResponse, TopOrgsResponse } from "../../server/contract/types";
import type { ApiClient } from "./api-client";
import { authorLink } from "./author-link";
import { createElement } from "./create-element";
import { formatCompact, formatCount, formatDateTime, plural } from "./format";
import { RELATION_COLORS, RELATION_LABELS, RELATIONS } from "./graph-style";
import { describeDepth } from "./describe-fork";
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

function renderTopOrgs(orgs: TopOrgsResponse["items"]): Node {
  if (orgs.length === 0)
    return createElement("p", { class: "state state-empty" }, ["No org has derivatives by other authors yet."]);
  return createElement("table", { class: "leaderboard" }, [
    createElement("thead", {}, [
      createElement("tr", {}, [
        createElement("th", { class: "num", attrs: { scope: "col" } }, ["#"]),
        createElement("th", { attrs: { scope: "col" } }, ["Org"]),
        createElement("th", { class: "num", attrs: { scope: "col" } }, ["Derivatives by others"]),
        createElement("th", { class: "num", attrs: { scope: "col" } }, ["Their authors"]),
      ]),
    ]),
    createElement(
      "tbody",
      {},
      orgs.map((org, i) =>
        createElement("tr", { attrs: { "data-author": org.author } }, [
          createElement("td", { class: "num muted" }, [String(i + 1)]),
          createElement("td", {}, [
            authorLink(org.author),
            createElement("span", { class: "muted small" }, [
              ` · ${formatCount(org.models)} ${plural(org.models, "model", "models")}`,
            ]),
          ]),
          createElement("td", { class: "num" }, [formatCount(org.derivatives)]),
          createElement("td", { class: "num" }, [formatCount(org.authors)]),
        ]),
      ),
    ),
  ]);
}

/** Why the home page is empty: nothing was crawled into this database yet, and what to run. */
function renderEmptyDatabase(): Node {
  return createElement("div", { class: "state state-empty", attrs: { "data-testid": "empty-database" } }, [
    createElement("p", {}, [
      "The database is empty: no crawl has stored a model in it yet (the Hub may be unreachable from this machine).",
    ]),
    createElement("p", {}, [
      "Run `npm run demo` to see the product on the recorded Hub data, or set HF_ENDPOINT to a reachable Hub mirror and run `npm start` again.",
    ]),
  ]);
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
            item.depth <= 1 ? " (direct child) of " : " in the family of ",
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
            item.depth <= 1 ? null : `, ${describeDepth(item.depth)}`,
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
    createSection("The graph so far", "totals", async (signal) => {
      const stats = await deps.api.getStats(signal);
      return stats.models.total === 0 ? renderEmptyDatabase() : renderTotals(stats);
    }),
    createSection("Recent forks", "recent-forks", async (signal) => {
      const answer = await deps.api.getForks({ root: null, relation: null, limit: RECENT_FORKS }, null, signal);
      return renderRecentForks(answer.status === "modified" ? answer.page.items : []);
    }),
    createSection("Largest families", "top-families", async (signal) => {
      const families = createElement("div", {}, [renderFamilies(await deps.api.getTopFamilies(20, signal))]);
      const toggle = createElement("input", {
        attrs: { type: "checkbox", "data-testid": "families-derivatives" },
        on: {
          change: async () => {
            families.replaceChildren(renderFamilies(await deps.api.getTopFamilies(20, signal, toggle.checked)));
          },
        },
      });
      return createElement("div", {}, [
        createElement("label", { class: "toggle" }, [toggle, " Include derivatives (bases only by default)"]),
        families,
      ]);
    }),
    createSection("Orgs others build on", "top-orgs", async (signal) =>
      renderTopOrgs(await deps.api.getTopOrgs(10, signal)),
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
