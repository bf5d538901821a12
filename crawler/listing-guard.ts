// Stops a listing that makes no progress: a next link already followed (a loop), or pages that keep coming back
// empty with fresh cursors (a Hub or mirror stuck paging nothing), which would otherwise never end.

/** Empty pages in a row, each with a next link, after which a listing is cut off. */
export const MAX_EMPTY_PAGES = 5;

export type ListingVerdict = "go-on" | "loop" | "stalled";

export interface ListingGuard {
  /** Judges a page read at `cursor` (null: the first) that held `records` items and links to `nextUrl`. */
  check(cursor: string | null, records: number, nextUrl: string | null): ListingVerdict;
}

export function createListingGuard(): ListingGuard {
  const seen = new Set<string>();
  let emptyInRow = 0;
  return {
    check(cursor, records, nextUrl) {
      if (cursor) seen.add(cursor);
      if (nextUrl === null) return "go-on";
      if (seen.has(nextUrl)) return "loop";
      emptyInRow = records === 0 ? emptyInRow + 1 : 0;
      return emptyInRow >= MAX_EMPTY_PAGES ? "stalled" : "go-on";
    },
  };
}
