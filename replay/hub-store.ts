// The read interface every replay data source implements (recorded Hub data, synthetic Hub) and the wire types.
import type { Relation } from "../lineage/types";

/** A Hub model record as the real API serialises it: `_id` and `id` always, every other key optional. */
export type WireModel = { _id: string; id: string } & Record<string, unknown>;

/** Fields a listing can be sorted by with a numeric key. */
export const NUMERIC_SORT_FIELDS = ["createdAt", "lastModified", "downloads", "likes", "trendingScore"] as const;
export type NumericSortField = (typeof NUMERIC_SORT_FIELDS)[number];

/**
 * Sort keys are non-negative integers below 2^30 (seconds since SORT_EPOCH for dates), so that a key and a model
 * index below 2^23 pack exactly into one float64 and millions of models sort with the native typed-array sort.
 */
export const SORT_KEY_LIMIT = 2 ** 30;
export const MAX_STORE_SIZE = 2 ** 23;
export const SORT_EPOCH_MS = Date.UTC(2020, 0, 1);

/** The date the Hub shows as `createdAt` for every repository older than its creation-date records. */
export const HUB_PLACEHOLDER_CREATED_AT = "2022-03-02T23:29:04.000Z";

/** How an id resolves: a model under its current spelling (any case), an old name of a model, or nothing. */
export type IdLookup = { kind: "model"; index: number } | { kind: "renamed"; index: number } | null;

/** A parent a model declares in its tags; `index` is -1 when no model of the store has that id. */
export interface DeclaredParent {
  id: string;
  index: number;
}

export interface HubStore {
  /** Models are numbered 0..size-1; the number is internal and never leaves the replay except in cursors. */
  readonly size: number;
  /** Current (canonical) id, in the Hub's spelling. */
  id(index: number): string;
  /** Case-insensitive id lookup, old names of renamed models included. */
  lookup(id: string): IdLookup;
  createdAtMs(index: number): number;
  /** Integer in [0, SORT_KEY_LIMIT); see SORT_KEY_LIMIT. */
  sortKey(field: NumericSortField, index: number): number;
  /** Integer key of the model's author; equal keys mean the same author (case-insensitively). */
  authorKey(index: number): number;
  /** The key of an author name (any case), or -1 when no model has that author. */
  findAuthorKey(author: string): number;
  /** True when the model carries `tagLower` (already lower-cased) among its tags. */
  hasTag(index: number, tagLower: string): boolean;
  /** A superset of the models carrying `tagLower`, or null when the store cannot narrow it (caller scans). */
  tagCandidates(tagLower: string): ArrayLike<number> | null;
  /** The full record, as `GET /api/models/<id>` returns it without `expand`. A fresh object: callers may keep it. */
  record(index: number): WireModel;
  /** README.md text, or null when the repository has none. */
  card(index: number): string | null;
  /** The relation the model's tags give to its parents (one for all of them, as the Hub's `baseModels`). */
  relation(index: number): Relation | null;
  declaredParents(index: number): DeclaredParent[];
  /** Models whose tags declare this model as a parent, each once. */
  childIndexes(index: number): ArrayLike<number>;
}
