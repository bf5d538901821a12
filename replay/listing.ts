// /api/models listing over a HubStore: query parsing, filtering, sorting and stable keyset cursors.
import { MAX_STORE_SIZE, NUMERIC_SORT_FIELDS, type HubStore, type NumericSortField } from "./hub-store";

/** `index` is the order when no `sort` is given: the store's own order, fixed for its lifetime. */
export type SortField = NumericSortField | "id" | "index";

export const LIST_DEFAULT_LIMIT = 1000;
export const LIST_MAX_LIMIT = 1000;

export interface ListQuery {
  /** Tags every listed model must carry (AND), lower-cased. */
  filters: string[];
  author: string | null;
  /** Lower-cased substring of the id. */
  search: string | null;
  pipelineTag: string | null;
  sort: SortField;
  descending: boolean;
  limit: number;
  cursor: string | null;
}

/** A 400 the route answers with the Hub's `{"error": ...}` body. */
export class BadListQuery extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadListQuery";
  }
}

/** Reads the query string the way the Hub does; throws BadListQuery on values the Hub rejects. */
export function parseListQuery(params: URLSearchParams, maxLimit: number = LIST_MAX_LIMIT): ListQuery {
  const sortParam = params.get("sort");
  let sort: SortField = "index";
  if (sortParam !== null && sortParam !== "") {
    if (sortParam !== "id" && !(NUMERIC_SORT_FIELDS as readonly string[]).includes(sortParam)) {
      throw new BadListQuery(`"sort" must be one of [${[...NUMERIC_SORT_FIELDS, "id"].join(", ")}]`);
    }
    sort = sortParam as SortField;
  }
  const limitParam = params.get("limit");
  let limit = Math.min(LIST_DEFAULT_LIMIT, maxLimit);
  if (limitParam !== null) {
    limit = Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1) throw new BadListQuery(`"limit" must be a positive integer`);
    limit = Math.min(limit, maxLimit);
  }
  const text = (name: string): string | null => {
    const value = params.get(name);
    return value === null || value === "" ? null : value.toLowerCase();
  };
  return {
    filters: [
      ...new Set(
        params
          .getAll("filter")
          .filter((f) => f !== "")
          .map((f) => f.toLowerCase()),
      ),
    ],
    author: text("author"),
    search: text("search"),
    pipelineTag: text("pipeline_tag"),
    sort,
    // With `sort` the Hub sorts descending unless told otherwise (any direction but -1); without, in its own order.
    descending: sort === "index" ? params.get("direction") === "-1" : (params.get("direction") ?? "-1") === "-1",
    limit,
    cursor: params.get("cursor"),
  };
}

/** Which models exist right now (time cutoff, removals); `version` changes whenever the answer may change. */
export interface Visibility {
  isVisible(index: number): boolean;
  readonly version: number;
  readonly everything: boolean;
}

interface Ordering {
  /** Model indexes in ascending sort order. */
  order: Int32Array;
  /** rank[index] = position of the model in `order`. */
  rank: Int32Array;
}

interface CursorState {
  sort: SortField;
  descending: boolean;
  index: number;
}

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify({ v: 1, s: state.sort, d: state.descending ? -1 : 1, i: state.index })).toString(
    "base64url",
  );
}

function decodeCursor(cursor: string, size: number): CursorState {
  try {
    const raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      v?: unknown;
      s?: unknown;
      d?: unknown;
      i?: unknown;
    };
    if (
      raw.v === 1 &&
      typeof raw.s === "string" &&
      Number.isInteger(raw.i) &&
      (raw.i as number) >= 0 &&
      (raw.i as number) < size
    ) {
      return { sort: raw.s as SortField, descending: raw.d === -1, index: raw.i as number };
    }
  } catch {
    // Reported below like any other malformed cursor.
  }
  throw new BadListQuery("Invalid cursor");
}

export interface ListPage {
  indexes: number[];
  /** The cursor of the next page, or null on the last page. */
  next: string | null;
  /** Visible models matching the query, all pages together (sent as `X-Total-Count`). */
  total: number;
}

const CACHE_SIZE = 16;

/**
 * Keyset pagination: a cursor names the last model of its page, and the next page starts right after that model's
 * place in the (static) sort order. Models appearing or vanishing meanwhile never shift other models between pages.
 */
export class ListingEngine {
  private readonly orderings = new Map<SortField, Ordering>();
  private readonly cache = new Map<string, Int32Array>();

  constructor(private readonly store: HubStore) {}

  page(query: ListQuery, visibility: Visibility): ListPage {
    let start: CursorState | null = null;
    if (query.cursor !== null) {
      start = decodeCursor(query.cursor, this.store.size);
      if (start.sort !== query.sort || start.descending !== query.descending) {
        throw new BadListQuery("Invalid cursor: it belongs to a listing with another sort");
      }
    }
    const { rank } = this.ordering(query.sort);
    const matches = this.matches(query, visibility);
    // First position whose rank is > (or >= when `strict` is false) the given rank, matches being in rank order.
    const bound = (target: number, strict: boolean): number => {
      let lo = 0;
      let hi = matches.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const r = rank[matches[mid]];
        if (r < target || (strict && r === target)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const indexes: number[] = [];
    let hasMore: boolean;
    if (query.descending) {
      const end = start ? bound(rank[start.index], false) : matches.length;
      for (let k = end - 1; k >= 0 && indexes.length < query.limit; k--) indexes.push(matches[k]);
      hasMore = end - indexes.length > 0;
    } else {
      const from = start ? bound(rank[start.index], true) : 0;
      for (let k = from; k < matches.length && indexes.length < query.limit; k++) indexes.push(matches[k]);
      hasMore = from + indexes.length < matches.length;
    }
    const last = indexes.at(-1);
    const next =
      hasMore && last !== undefined
        ? encodeCursor({ sort: query.sort, descending: query.descending, index: last })
        : null;
    return { indexes, next, total: matches.length };
  }

  /** Matching visible models in ascending rank order, cached per query and visibility version. */
  private matches(query: ListQuery, visibility: Visibility): Int32Array {
    const key = JSON.stringify([
      query.filters,
      query.author,
      query.search,
      query.pipelineTag,
      query.sort,
      visibility.version,
    ]);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const result = this.computeMatches(query, visibility);
    this.cache.set(key, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }

  private computeMatches(query: ListQuery, visibility: Visibility): Int32Array {
    const store = this.store;
    const { order, rank } = this.ordering(query.sort);
    const authorKey = query.author === null ? null : store.findAuthorKey(query.author);
    if (authorKey === -1) return new Int32Array(0);
    const accepts = (i: number): boolean =>
      visibility.isVisible(i) &&
      (authorKey === null || store.authorKey(i) === authorKey) &&
      query.filters.every((tag) => store.hasTag(i, tag)) &&
      (query.search === null || store.id(i).toLowerCase().includes(query.search)) &&
      (query.pipelineTag === null || String(store.record(i).pipeline_tag ?? "").toLowerCase() === query.pipelineTag);
    let narrowest: ArrayLike<number> | null = null;
    for (const tag of query.filters) {
      const candidates = store.tagCandidates(tag);
      if (candidates !== null && (narrowest === null || candidates.length < narrowest.length)) narrowest = candidates;
    }
    if (narrowest === null) {
      const unfiltered =
        authorKey === null && query.filters.length === 0 && query.search === null && query.pipelineTag === null;
      if (unfiltered && visibility.everything) return order;
      const kept: number[] = [];
      for (let r = 0; r < order.length; r++) if (accepts(order[r])) kept.push(order[r]);
      return Int32Array.from(kept);
    }
    const ranks: number[] = [];
    for (let k = 0; k < narrowest.length; k++) if (accepts(narrowest[k])) ranks.push(rank[narrowest[k]]);
    const sorted = Int32Array.from(ranks).sort();
    for (let k = 0; k < sorted.length; k++) sorted[k] = order[sorted[k]];
    return sorted;
  }

  /** Built on first use per field: one native float64 sort of (key, index) packed into one number. */
  private ordering(field: SortField): Ordering {
    const known = this.orderings.get(field);
    if (known) return known;
    const n = this.store.size;
    let order: Int32Array;
    if (field === "index") {
      order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
    } else if (field === "id") {
      const ids = Array.from({ length: n }, (_, i) => this.store.id(i).toLowerCase());
      order = Int32Array.from(ids.keys()).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
    } else {
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = this.store.sortKey(field, i) * MAX_STORE_SIZE + i;
      keys.sort();
      order = new Int32Array(n);
      for (let r = 0; r < n; r++) order[r] = keys[r] % MAX_STORE_SIZE;
    }
    const rank = new Int32Array(n);
    for (let r = 0; r < n; r++) rank[order[r]] = r;
    const ordering = { order, rank };
    this.orderings.set(field, ordering);
    return ordering;
  }
}
