// Reads and writes the Hub's lineage tags: `base_model:<id>` plus `base_model:<relation>:<id>` for each parent.
import { isRelation, type Relation } from "../lineage/types";

export interface TaggedParent {
  id: string;
  relation: Relation | null;
}

const PREFIX = "base_model:";

/**
 * The parents a tag list declares, in tag order, each once (ids compared case-insensitively). A parent named only by
 * the untyped tag has relation null. Ids never contain ":", so the first segment after the prefix is a relation
 * exactly when it is one of the four relation names.
 */
export function parseBaseModelTags(tags: readonly string[]): TaggedParent[] {
  const byKey = new Map<string, TaggedParent>();
  for (const tag of tags) {
    if (!tag.startsWith(PREFIX)) continue;
    const rest = tag.slice(PREFIX.length);
    const colon = rest.indexOf(":");
    const head = colon === -1 ? "" : rest.slice(0, colon);
    const relation = isRelation(head) ? head : null;
    const id = relation ? rest.slice(colon + 1) : rest;
    if (id === "") continue;
    const key = id.toLowerCase();
    const known = byKey.get(key);
    if (!known) byKey.set(key, { id, relation });
    else if (known.relation === null) known.relation = relation;
  }
  return [...byKey.values()];
}

/** The tags the Hub derives for these parents: for each one, the untyped tag then the typed one. */
export function buildBaseModelTags(parents: readonly { id: string; relation: Relation }[]): string[] {
  const tags: string[] = [];
  for (const { id, relation } of parents) tags.push(`${PREFIX}${id}`, `${PREFIX}${relation}:${id}`);
  return tags;
}
