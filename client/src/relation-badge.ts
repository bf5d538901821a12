// A relation shown as text with its colour dot (the panel, the forks feed, the home page).
import type { Relation } from "../../server/contract/types";
import { createElement } from "./create-element";
import { colorForRelation, RELATION_LABELS } from "./graph-style";

export function relationBadge(relation: Relation | null): HTMLElement {
  const badge = createElement("span", { class: "relation-badge" }, [
    relation ? RELATION_LABELS[relation] : "Unknown relation",
  ]);
  badge.style.setProperty("--relation-color", colorForRelation(relation));
  return badge;
}
