// The "New forks" view: the watcher's events, newest first, filtered by family and relation, refreshed live.
import type { ForkItem } from "../../server/contract/types";
import type { ApiClient } from "./api-client";
import { createElement } from "./create-element";
import { findNewForks, forkKey } from "./find-new-forks";
import { formatCreated, formatDateTime } from "./format";
import { RELATION_LABELS, RELATIONS } from "./graph-style";
import { describeDepth } from "./describe-fork";
import { relationBadge } from "./relation-badge";
import { formatRoute, modelRoute, type ForksRoute, type Route } from "./route";
import { startPolling, type Polling } from "./start-polling";

export interface ForksViewDeps {
  api: Pick<ApiClient, "getForks">;
  navigate(route: Route, options?: { replace?: boolean }): void;
  /** Pause between two checks for new events while the tab is visible. */
  pollMs?: number;
}

export interface ForksView {
  update(route: ForksRoute): void;
  destroy(): void;
}

export const FORKS_POLL_MS = 5000;
/** Rows the view keeps: the newest events; the Atom feed and the API page further back. */
const FORKS_SHOWN = 100;

function modelLink(id: string): HTMLAnchorElement {
  return createElement("a", { attrs: { href: formatRoute(modelRoute(id)), "data-link": true } }, [id]);
}

function forkRow(item: ForkItem, isNew: boolean): HTMLTableRowElement {
  return createElement(
    "tr",
    {
      class: isNew ? "is-new" : undefined,
      attrs: { "data-testid": "fork-row", "data-model-id": item.model, "data-root": item.root },
    },
    [
      createElement("td", { class: "fork-model" }, [
        modelLink(item.model),
        item.kind === "joined"
          ? createElement("span", { class: "muted small" }, [" · now derives from the family"])
          : null,
      ]),
      createElement("td", { class: "fork-family" }, [modelLink(item.root)]),
      createElement("td", {}, [relationBadge(item.relation)]),
      createElement("td", { class: "nowrap" }, [describeDepth(item.depth)]),
      createElement("td", { class: "nowrap" }, [formatCreated(item.createdAt)]),
      createElement("td", { class: "nowrap muted" }, [formatDateTime(item.seenAt)]),
    ],
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createForksView(root: HTMLElement, initialRoute: ForksRoute, deps: ForksViewDeps): ForksView {
  let route = initialRoute;
  let items: ForkItem[] = [];
  let etag: string | null = null;
  let hasLoaded = false;
  let polling: Polling | null = null;
  const familiesSeen = new Set<string>();

  const familyInput = createElement("input", {
    class: "text-input",
    attrs: {
      type: "search",
      list: "fork-families",
      placeholder: "All tracked families",
      "data-testid": "forks-family",
      "aria-label": "Family (root model id)",
      spellcheck: "false",
    },
  });
  const familyList = createElement("datalist", { attrs: { id: "fork-families" } });
  const relationSelect = createElement(
    "select",
    { class: "text-input", attrs: { "data-testid": "forks-relation", "aria-label": "Relation" } },
    [
      createElement("option", { attrs: { value: "" } }, ["All relations"]),
      ...RELATIONS.map((relation) =>
        createElement("option", { attrs: { value: relation } }, [RELATION_LABELS[relation]]),
      ),
    ],
  );
  const status = createElement("p", {
    class: "live-status muted small",
    attrs: { "data-testid": "forks-status", role: "status" },
  });
  const body = createElement("div", { class: "forks-body" }, [
    createElement("p", { class: "state state-loading" }, ["Loading…"]),
  ]);

  function onFilterChange(): void {
    const relation = relationSelect.value;
    deps.navigate(
      {
        kind: "forks",
        root: familyInput.value.trim() || null,
        relation: RELATIONS.find((known) => known === relation) ?? null,
      },
      { replace: true },
    );
  }

  const filters = createElement(
    "form",
    {
      class: "forks-filters",
      on: {
        change: onFilterChange,
        submit: (event) => {
          event.preventDefault();
          onFilterChange();
        },
      },
    },
    [
      createElement("label", {}, [
        createElement("span", { class: "filter-label" }, ["Family"]),
        familyInput,
        familyList,
      ]),
      createElement("label", {}, [createElement("span", { class: "filter-label" }, ["Relation"]), relationSelect]),
    ],
  );

  root.replaceChildren(
    createElement("section", { class: "forks-page" }, [
      createElement("div", { class: "forks-head" }, [
        createElement("div", {}, [
          createElement("h1", {}, ["New forks"]),
          createElement("p", { class: "muted" }, [
            "Fine-tunes, adapters, quantizations and merges that entered a tracked family, newest first, as the watcher found them.",
          ]),
        ]),
        createElement("a", { class: "feed-link small", attrs: { "data-testid": "forks-atom" } }, ["Atom feed"]),
      ]),
      filters,
      status,
      body,
    ]),
  );
  const feedLink = root.querySelector<HTMLAnchorElement>(".feed-link")!;

  function renderRows(fresh: Set<string>): void {
    if (items.length === 0) {
      const filtered = route.root !== null || route.relation !== null;
      body.replaceChildren(
        createElement("p", { class: "state state-empty", attrs: { "data-testid": "forks-empty" } }, [
          filtered
            ? "No new forks match these filters yet. This page updates by itself when the watcher finds one."
            : "No new forks recorded yet. Run the watcher (npm start, or the watch command) after a crawl; new ones appear here by themselves.",
        ]),
      );
      return;
    }
    body.replaceChildren(
      createElement("table", { class: "forks-table", attrs: { "data-testid": "forks-table" } }, [
        createElement("thead", {}, [
          createElement("tr", {}, [
            createElement("th", { attrs: { scope: "col" } }, ["Model"]),
            createElement("th", { attrs: { scope: "col" } }, ["Family"]),
            createElement("th", { attrs: { scope: "col" } }, ["Relation"]),
            createElement(
              "th",
              { class: "num", attrs: { scope: "col", title: "Generations below the family's root" } },
              ["Depth"],
            ),
            createElement("th", { attrs: { scope: "col" } }, ["Created"]),
            createElement("th", { attrs: { scope: "col" } }, ["Seen"]),
          ]),
        ]),
        createElement(
          "tbody",
          {},
          items.map((item) => forkRow(item, fresh.has(forkKey(item)))),
        ),
      ]),
      ...(items.length === FORKS_SHOWN
        ? [
            createElement("p", { class: "muted small" }, [
              `The newest ${FORKS_SHOWN} are shown; the Atom feed and the API page further back.`,
            ]),
          ]
        : []),
    );
  }

  function updateFamilies(): void {
    const before = familiesSeen.size;
    for (const item of items) familiesSeen.add(item.root);
    if (familiesSeen.size === before) return;
    familyList.replaceChildren(
      ...[...familiesSeen].sort().map((family) => createElement("option", { attrs: { value: family } })),
    );
  }

  function setStatus(text: string, state: "live" | "paused" | "error"): void {
    status.textContent = text;
    status.dataset.state = state;
  }

  async function check(signal: AbortSignal): Promise<void> {
    try {
      const answer = await deps.api.getForks(
        { root: route.root, relation: route.relation, limit: FORKS_SHOWN },
        etag,
        signal,
      );
      if (signal.aborted) return;
      if (answer.status === "modified") {
        // Rows are marked new only after the first answer: on arrival everything is simply the feed.
        const fresh = hasLoaded ? findNewForks(items, answer.page.items) : new Set<string>();
        items = answer.page.items;
        etag = answer.etag;
        hasLoaded = true;
        updateFamilies();
        renderRows(fresh);
        body.dataset.count = String(items.length);
      }
      setStatus(
        `Live · checked ${formatDateTime(new Date().toISOString())} · updates every ${Math.round((deps.pollMs ?? FORKS_POLL_MS) / 1000)} s`,
        "live",
      );
    } catch (error) {
      if (signal.aborted) return;
      if (!hasLoaded) {
        body.replaceChildren(
          createElement("p", { class: "state state-error", attrs: { role: "alert" } }, [
            `Could not load the forks: ${errorText(error)}`,
          ]),
        );
      }
      setStatus(`Could not refresh (${errorText(error)}); trying again shortly.`, "error");
    }
  }

  const onVisibility = () => {
    if (document.hidden) setStatus("Paused while this tab is hidden.", "paused");
  };
  document.addEventListener("visibilitychange", onVisibility);

  function start(): void {
    polling?.stop();
    items = [];
    etag = null;
    hasLoaded = false;
    familyInput.value = route.root ?? "";
    relationSelect.value = route.relation ?? "";
    if (route.root !== null) familiesSeen.add(route.root);
    feedLink.href = `/api/forks.atom${route.root !== null ? `?${new URLSearchParams({ root: route.root })}` : ""}`;
    document.title = route.root ? `New forks of ${route.root} · HF lineage` : "New forks · HF lineage";
    body.replaceChildren(createElement("p", { class: "state state-loading" }, ["Loading…"]));
    polling = startPolling({ intervalMs: deps.pollMs ?? FORKS_POLL_MS, run: check, doc: document });
  }

  start();

  return {
    update(next) {
      const isSame = next.root === route.root && next.relation === route.relation;
      route = next;
      if (!isSame) start();
    },
    destroy() {
      polling?.stop();
      document.removeEventListener("visibilitychange", onVisibility);
    },
  };
}
