// A HubStore over a list of ready-made wire records (the recorded Hub data): indexes ids, authors and tags once.
import type { Relation } from "../lineage/types";
import { parseBaseModelTags } from "./base-model-tags";
import {
  MAX_STORE_SIZE,
  SORT_EPOCH_MS,
  SORT_KEY_LIMIT,
  type DeclaredParent,
  type HubStore,
  type IdLookup,
  type NumericSortField,
  type WireModel,
} from "./hub-store";
import { HubDataError } from "./replay-errors";

export interface StoredEntry {
  record: WireModel;
  /** README.md text; null when the repository has none. */
  card: string | null;
}

const NO_CHILDREN = new Int32Array(0);

function clampKey(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(Math.floor(value), SORT_KEY_LIMIT - 1);
}

function dateKey(value: unknown): number {
  return typeof value === "string" ? clampKey((Date.parse(value) - SORT_EPOCH_MS) / 1000) : 0;
}

function authorOf(record: WireModel): string {
  if (typeof record.author === "string" && record.author !== "") return record.author;
  const slash = record.id.indexOf("/");
  return slash === -1 ? "" : record.id.slice(0, slash);
}

/**
 * @param renames old id -> current id; the current id must be one of the records, the old one must not be.
 * @param source names the data in error messages.
 */
export function createRecordStore(
  entries: readonly StoredEntry[],
  renames: ReadonlyMap<string, string>,
  source: string,
): HubStore {
  if (entries.length >= MAX_STORE_SIZE) throw new HubDataError(source, `more than ${MAX_STORE_SIZE - 1} models`);
  const indexById = new Map<string, number>();
  entries.forEach((entry, index) => {
    const key = entry.record.id.toLowerCase();
    if (indexById.has(key)) throw new HubDataError(source, `model ${entry.record.id} appears twice; merge it first`);
    indexById.set(key, index);
  });
  const renamedTo = new Map<string, number>();
  for (const [oldId, newId] of renames) {
    const target = indexById.get(newId.toLowerCase());
    if (target === undefined) throw new HubDataError(source, `rename ${oldId} -> ${newId}: no model ${newId}`);
    if (indexById.has(oldId.toLowerCase())) throw new HubDataError(source, `rename ${oldId}: that id is a model`);
    renamedTo.set(oldId.toLowerCase(), target);
  }
  const lookup = (id: string): IdLookup => {
    const key = id.toLowerCase();
    const index = indexById.get(key);
    if (index !== undefined) return { kind: "model", index };
    const target = renamedTo.get(key);
    return target === undefined ? null : { kind: "renamed", index: target };
  };

  const authorKeys = new Map<string, number>();
  const authorKey = new Int32Array(entries.length);
  const tagSets: Set<string>[] = [];
  const byTag = new Map<string, number[]>();
  const parents: DeclaredParent[][] = [];
  const relations: (Relation | null)[] = [];
  const children: number[][] = entries.map(() => []);
  entries.forEach(({ record }, index) => {
    const author = authorOf(record).toLowerCase();
    if (!authorKeys.has(author)) authorKeys.set(author, authorKeys.size);
    authorKey[index] = authorKeys.get(author)!;
    const tags = Array.isArray(record.tags) ? record.tags.filter((t): t is string => typeof t === "string") : [];
    const lower = new Set(tags.map((t) => t.toLowerCase()));
    tagSets.push(lower);
    for (const tag of lower) {
      const list = byTag.get(tag);
      if (list) list.push(index);
      else byTag.set(tag, [index]);
    }
    const tagged = parseBaseModelTags(tags);
    relations.push(tagged.find((p) => p.relation !== null)?.relation ?? null);
    parents.push(tagged.map((p) => ({ id: p.id, index: lookup(p.id)?.index ?? -1 })));
  });
  parents.forEach((list, child) => {
    for (const parent of list) {
      if (parent.index < 0) continue;
      const siblings = children[parent.index];
      if (siblings.at(-1) !== child) siblings.push(child);
    }
  });
  const tagIndex = new Map([...byTag].map(([tag, list]) => [tag, Int32Array.from(list)]));
  const childIndex = children.map((list) => (list.length ? Int32Array.from(list) : NO_CHILDREN));
  const createdMs = entries.map(({ record }) =>
    typeof record.createdAt === "string" ? Date.parse(record.createdAt) : Number.NaN,
  );

  return {
    size: entries.length,
    id: (index) => entries[index].record.id,
    lookup,
    createdAtMs: (index) => createdMs[index],
    sortKey(field: NumericSortField, index) {
      const record = entries[index].record;
      if (field === "createdAt" || field === "lastModified") return dateKey(record[field]);
      return clampKey(typeof record[field] === "number" ? (record[field] as number) : 0);
    },
    authorKey: (index) => authorKey[index],
    findAuthorKey: (author) => authorKeys.get(author.toLowerCase()) ?? -1,
    hasTag: (index, tagLower) => tagSets[index].has(tagLower),
    tagCandidates: (tagLower) => tagIndex.get(tagLower) ?? NO_CHILDREN,
    record: (index) => ({ ...entries[index].record }),
    card: (index) => entries[index].card,
    relation: (index) => relations[index],
    declaredParents: (index) => parents[index].map((p) => ({ ...p })),
    childIndexes: (index) => childIndex[index],
  };
}
