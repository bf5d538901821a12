// The panel's Model tree: a model's direct children by relation (Fine-tunes, Adapters, Quantizations, Merges),
// each list sorted by downloads, likes or newest, a page at a time, every entry a link to its own page.
import type { ModelDetail, Relation } from "../../server/contract/types";
import type { ApiClient, ChildrenQuery } from "./api-client";
import { createElement } from "./create-element";
import { formatCompact, formatCount } from "./format";
import { RELATIONS } from "./graph-style";
import { formatRoute, modelRoute } from "./route";

/** Entries per page. */
export const CHILDREN_PAGE = 20;

const TAB_LABELS: Record<Relation, string> = {
  finetune: "Fine-tunes",
  adapter: "Adapters",
  quantized: "Quantizations",
  merge: "Merges",
};
type DescendantSort = ChildrenQuery["sort"];

const SORTS: { value: DescendantSort; label: string }[] = [
  { value: "downloads", label: "Most downloads" },
  { value: "likes", label: "Most likes" },
  { value: "created", label: "Newest" },
];

export interface ChildrenListOptions {
  api: Pick<ApiClient, "getChildren">;
  model: ModelDetail;
  inferred: boolean;
  signal: AbortSignal;
}

export function renderChildrenList(options: ChildrenListOptions): HTMLElement {
  const { model } = options;
  const available = RELATIONS.filter((relation) => model.children[relation] > 0);
  if (available.length === 0)
    return createElement("p", { class: "muted" }, ["No direct children with a known relation."]);
  let relation = available[0];
  let sort: DescendantSort = "downloads";
  let cursor: string | undefined;
  let request = 0;

  const list = createElement("ol", { class: "children-list", attrs: { "data-testid": "children-list" } });
  const more = createElement(
    "button",
    {
      class: "button button-secondary",
      attrs: { type: "button", "data-testid": "children-more" },
      on: { click: () => void loadPage(false) },
    },
    ["Show more"],
  );
  const status = createElement("p", { class: "muted small", attrs: { "data-testid": "children-status" } });
  const tabs = available.map((value) =>
    createElement(
      "button",
      {
        class: "tab",
        attrs: { type: "button", role: "tab", "data-testid": `children-tab-${value}`, "data-relation": value },
        on: {
          click: () => {
            relation = value;
            void loadPage(true);
          },
        },
      },
      [`${TAB_LABELS[value]} `, createElement("span", { class: "muted" }, [formatCount(model.children[value])])],
    ),
  );
  const sortSelect = createElement(
    "select",
    {
      attrs: { "data-testid": "children-sort", "aria-label": "Sort children" },
      on: {
        change: (event) => {
          sort = (event.target as HTMLSelectElement).value as DescendantSort;
          void loadPage(true);
        },
      },
    },
    SORTS.map(({ value, label }) => createElement("option", { attrs: { value } }, [label])),
  );

  async function loadPage(fresh: boolean): Promise<void> {
    const mine = ++request;
    if (fresh) {
      cursor = undefined;
      list.replaceChildren();
      for (const tab of tabs) tab.setAttribute("aria-selected", String(tab.dataset.relation === relation));
    }
    more.hidden = true;
    status.textContent = "Loading…";
    try {
      const page = await options.api.getChildren(
        { id: model.id, relation, sort, limit: CHILDREN_PAGE, cursor, inferred: options.inferred },
        options.signal,
      );
      if (mine !== request || options.signal.aborted) return;
      list.append(
        ...(page?.items ?? []).map((item) =>
          createElement("li", { attrs: { "data-child-id": item.id } }, [
            createElement("a", { attrs: { href: formatRoute(modelRoute(item.id)), "data-link": true } }, [item.id]),
            createElement("span", { class: "muted small" }, [
              ` ↓${formatCompact(item.downloads)} ♥${formatCompact(item.likes)}`,
            ]),
          ]),
        ),
      );
      cursor = page?.nextCursor;
      more.hidden = cursor === undefined;
      status.textContent = `${formatCount(list.childElementCount)} of ${formatCount(page?.total ?? 0)}`;
      list.dataset.loaded = "true";
    } catch (error) {
      if (mine !== request || options.signal.aborted) return;
      status.textContent = `Could not load the children: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  void loadPage(true);
  return createElement("div", { class: "children" }, [
    createElement("div", { class: "children-tabs", attrs: { role: "tablist", "data-testid": "children-tabs" } }, tabs),
    sortSelect,
    list,
    status,
    more,
  ]);
}
