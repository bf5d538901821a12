// The details panel of one model: Hub facts, parents, licence changes from its parents, direct and transitive
// counts per relation, children by relation, monthly growth.
import type { LicenseChange, ModelDetail, ModelParent, ParentRef } from "../../server/contract/types";
import type { ApiClient } from "./api-client";
import { renderChildrenList } from "./children-list";
import { createElement } from "./create-element";
import { formatCount, formatCreated, formatDate, plural } from "./format";
import { LICENSE_CHANGE_COLORS, LICENSE_CHANGE_LABELS, RELATIONS } from "./graph-style";
import { renderGrowthChart } from "./growth-chart";
import { authorLink } from "./author-link";
import { describeRoots } from "./describe-ancestry";
import { relationBadge } from "./relation-badge";
import { formatRoute, modelRoute } from "./route";

export interface DetailsPanelOptions {
  api: Pick<ApiClient, "getModel" | "getGrowth" | "getChildren" | "getAncestors">;
  id: string;
  /** Whether counts and growth take inferred links in (the view's switch); inferred parents are listed either way. */
  inferred: boolean;
  isFocus: boolean;
  /** Ancestor levels the graph draws above this model; roots further up are named with the distance. */
  shownUp: number;
  /** Children of this model left out of the slice; the panel offers to show them. */
  hasHiddenChildren: boolean;
  onRefocus(id: string): void;
  onExpand(id: string): void;
}

export function describeSource(parent: ParentRef, isCounted: boolean): string {
  if (parent.source === "tag") return "declared (Hub tags)";
  if (parent.source === "card") return "declared (model card)";
  return `inferred, ${Math.round(parent.confidence * 100)}% confidence${isCounted ? "" : " · not counted"}`;
}

/** What the inference found, quoted from the card or files: always text, however the card phrased it. */
export function renderEvidence(parent: ParentRef): HTMLElement | null {
  if (parent.source !== "inferred" || !parent.evidence?.length) return null;
  return createElement(
    "ul",
    { class: "evidence", attrs: { "data-testid": "evidence", "aria-label": `Evidence for ${parent.id}` } },
    parent.evidence.map((item) =>
      createElement("li", {}, [
        createElement("span", { class: "evidence-kind" }, [item.kind]),
        " ",
        createElement("q", {}, [item.text]),
      ]),
    ),
  );
}

function modelLink(id: string): HTMLAnchorElement {
  return createElement("a", { attrs: { href: formatRoute(modelRoute(id)), "data-link": true } }, [id]);
}

function renderFacts(model: ModelDetail): HTMLElement {
  const rows: [string, string | Node][] = [
    ["Author", model.author ? authorLink(model.author) : "—"],
    ["Created", formatCreated(model.createdAt)],
    ["Downloads", formatCount(model.downloads)],
    ["Likes", formatCount(model.likes)],
    ["Licence", model.license ?? "—"],
    ["Task", model.pipelineTag ?? "—"],
    ["Library", model.libraryName ?? "—"],
  ];
  return createElement(
    "dl",
    { class: "facts" },
    rows.flatMap(([term, value]) => [createElement("dt", {}, [term]), createElement("dd", {}, [value])]),
  );
}

/** Each parent whose licence differs from the model's, with both licences. */
function renderLicenseChanges(changes: LicenseChange[]): HTMLElement {
  if (changes.length === 0) {
    return createElement("p", { class: "muted" }, ["Same licence as its parents, or not known to differ."]);
  }
  return createElement(
    "ul",
    { class: "license-changes", attrs: { "data-testid": "license-changes" } },
    changes.map((change) => {
      const mark = createElement("span", { class: "license-kind", attrs: { "data-kind": change.kind } }, [
        LICENSE_CHANGE_LABELS[change.kind],
      ]);
      mark.style.setProperty("--kind-color", LICENSE_CHANGE_COLORS[change.kind]);
      return createElement("li", { attrs: { "data-parent-id": change.parent } }, [
        modelLink(change.parent),
        createElement("span", { class: "parent-meta" }, [`${change.parentLicense} → ${change.license} `, mark]),
      ]);
    }),
  );
}

/** The model's roots, as GET /api/models/<id> lists them, each with how far above the drawn levels it lies. */
function renderRoots(model: ModelDetail, depths: Map<string, number>, shownUp: number): HTMLElement {
  const roots = model.roots.filter((root) => root !== model.id);
  if (roots.length === 0) return createElement("p", { class: "muted" }, ["This model is a root."]);
  const lines = describeRoots(
    roots.map((root) => ({ root, depth: depths.get(root) ?? 0 })),
    shownUp,
  );
  return createElement(
    "ul",
    { class: "roots", attrs: { "data-testid": "roots" } },
    lines.map((line) =>
      createElement("li", { attrs: { "data-root-id": line.root } }, [
        modelLink(line.root),
        line.beyond === null ? null : createElement("span", { class: "parent-meta muted" }, [` ${line.beyond}`]),
      ]),
    ),
  );
}

/** Declared parents first, then inferred ones (`parents` comes from a read that includes inferred links). */
function renderParents(parents: ModelParent[], inferredCounted: boolean): HTMLElement {
  if (parents.length === 0) {
    return createElement("p", { class: "muted" }, ["No known parent: this is a base model."]);
  }
  const ordered = [
    ...parents.filter((parent) => parent.source !== "inferred"),
    ...parents.filter((parent) => parent.source === "inferred"),
  ];
  return createElement(
    "ul",
    { class: "parents", attrs: { "data-testid": "parents" } },
    ordered.map((parent) =>
      createElement(
        "li",
        {
          class: parent.source === "inferred" ? "is-inferred" : undefined,
          attrs: { "data-parent-id": parent.id, "data-source": parent.source },
        },
        [
          modelLink(parent.id),
          createElement("span", { class: "parent-meta" }, [
            relationBadge(parent.relation),
            " ",
            describeSource(parent, inferredCounted),
            parent.license ? ` · ${parent.license}` : "",
          ]),
          renderEvidence(parent),
        ],
      ),
    ),
  );
}

function countCell(kind: "children" | "descendants", key: keyof ModelDetail["children"], value: number): HTMLElement {
  return createElement("td", { class: "num", attrs: { "data-testid": `count-${kind}-${key}`, "data-value": value } }, [
    formatCount(value),
  ]);
}

function renderCounts(model: ModelDetail): HTMLElement {
  const rows = RELATIONS.map((relation) =>
    createElement("tr", {}, [
      createElement("th", { attrs: { scope: "row" } }, [relationBadge(relation)]),
      countCell("children", relation, model.children[relation]),
      countCell("descendants", relation, model.descendants[relation]),
    ]),
  );
  const total = createElement("tr", { class: "total" }, [
    createElement("th", { attrs: { scope: "row" } }, ["All"]),
    countCell("children", "total", model.children.total),
    countCell("descendants", "total", model.descendants.total),
  ]);
  const notes: string[] = [];
  if (model.descendants.maxDepth > 0)
    notes.push(
      `Family depth below: ${formatCount(model.descendants.maxDepth)} ${plural(model.descendants.maxDepth, "generation", "generations")}.`,
    );
  if (model.descendants.licenseChanges > 0) {
    notes.push(`${formatCount(model.descendants.licenseChanges)} below have a licence that differs from a parent's.`);
  }
  if (!model.inferred.included && model.inferred.descendants > 0) {
    notes.push(`${formatCount(model.inferred.descendants)} more only through inferred links (not counted).`);
  }
  return createElement("div", {}, [
    createElement("table", { class: "counts", attrs: { "data-testid": "counts" } }, [
      createElement("thead", {}, [
        createElement("tr", {}, [
          createElement("th", {}, [""]),
          createElement("th", { class: "num", attrs: { scope: "col" } }, ["Direct"]),
          createElement("th", { class: "num", attrs: { scope: "col" } }, ["All below"]),
        ]),
      ]),
      createElement("tbody", {}, [...rows, total]),
    ]),
    ...notes.map((note) => createElement("p", { class: "muted small" }, [note])),
  ]);
}

function section(title: string, body: Node): HTMLElement {
  return createElement("section", { class: "panel-section" }, [createElement("h3", {}, [title]), body]);
}

/** Fills `container` with the panel of one model; returns a teardown that cancels pending requests. */
export function renderDetailsPanel(container: HTMLElement, options: DetailsPanelOptions): () => void {
  const controller = new AbortController();
  const { id } = options;
  const actions = createElement("div", { class: "panel-actions" }, [
    options.isFocus
      ? null
      : createElement(
          "button",
          { class: "button", attrs: { type: "button" }, on: { click: () => options.onRefocus(id) } },
          ["Focus on this model"],
        ),
    options.hasHiddenChildren
      ? createElement(
          "button",
          {
            class: "button button-secondary",
            attrs: { type: "button", "data-testid": "expand-node" },
            on: { click: () => options.onExpand(id) },
          },
          ["Show hidden children"],
        )
      : null,
  ]);
  const body = createElement("div", { class: "panel-body" }, [
    createElement("p", { class: "state state-loading" }, ["Loading model…"]),
  ]);
  // The API says where the model lives on the Hub; the link appears once the model has loaded.
  const hubLink = createElement("a", { class: "hub-link", attrs: { target: "_blank", rel: "noopener noreferrer" } }, [
    "View on Hugging Face ↗",
  ]);
  hubLink.hidden = true;
  const growth = createElement("div", { class: "growth" }, [createElement("p", { class: "muted" }, ["Loading…"])]);
  container.replaceChildren(
    createElement("header", { class: "panel-header" }, [
      createElement("h2", { class: "panel-title", attrs: { "data-testid": "panel-title" } }, [id]),
      hubLink,
      actions,
    ]),
    body,
  );

  // Counts follow the switch; the parents list always shows inferred parents with their evidence, so a second read
  // (the server caches both) is needed only while the switch is off.
  const counted = options.api.getModel(id, controller.signal, options.inferred);
  const withInferred = options.inferred ? counted : options.api.getModel(id, controller.signal, true);
  // Root distances come from the ancestors answer; without it the roots are still listed, without distances.
  const ancestors = options.api.getAncestors(id, controller.signal, options.inferred).catch(() => null);
  Promise.all([counted, withInferred, ancestors]).then(
    ([model, everyParent, ancestry]) => {
      if (controller.signal.aborted) return;
      if (model === null) {
        body.replaceChildren(
          createElement("p", { class: "state state-empty" }, ["This model is not in the database."]),
        );
        return;
      }
      hubLink.setAttribute("href", model.url);
      hubLink.hidden = false;
      body.replaceChildren(
        ...(model.renamedFrom
          ? [createElement("p", { class: "notice" }, [`Renamed: formerly ${model.renamedFrom}.`])]
          : []),
        ...(model.goneAt
          ? [createElement("p", { class: "notice" }, [`No longer on the Hub since ${formatDate(model.goneAt)}.`])]
          : []),
        renderFacts(model),
        section("Parents", renderParents((everyParent ?? model).parents, options.inferred)),
        section(
          "Roots",
          renderRoots(model, new Map((ancestry?.nodes ?? []).map((node) => [node.id, node.depth])), options.shownUp),
        ),
        section("Licence changes", renderLicenseChanges(model.licenseChanges ?? [])),
        section("Derivatives", renderCounts(model)),
        section(
          "Children",
          renderChildrenList({ api: options.api, model, inferred: options.inferred, signal: controller.signal }),
        ),
        section("New derivatives per month", growth),
      );
      container.dataset.loaded = "true";
    },
    (error: unknown) => {
      if (controller.signal.aborted) return;
      body.replaceChildren(
        createElement("p", { class: "state state-error", attrs: { role: "alert" } }, [
          `Could not load this model: ${error instanceof Error ? error.message : String(error)}`,
        ]),
      );
    },
  );
  options.api.getGrowth(id, controller.signal, options.inferred).then(
    (answer) => {
      if (controller.signal.aborted) return;
      const undated = answer?.unknown.total ?? 0;
      growth.replaceChildren(
        renderGrowthChart(answer?.periods ?? []),
        ...(undated > 0
          ? [
              createElement(
                "p",
                { class: "muted small", attrs: { "data-testid": "growth-unknown", "data-value": undated } },
                [
                  `${formatCount(undated)} more with an unknown date (the Hub gives repos older than its records a placeholder date), not charted.`,
                ],
              ),
            ]
          : []),
      );
    },
    (error: unknown) => {
      if (controller.signal.aborted) return;
      growth.replaceChildren(
        createElement("p", { class: "state state-error" }, [
          `Growth unavailable: ${error instanceof Error ? error.message : String(error)}`,
        ]),
      );
    },
  );
  return () => {
    controller.abort();
    delete container.dataset.loaded;
  };
}
