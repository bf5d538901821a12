// One walk down a paginated Hub listing, page after page, until the reader has what it needs, the listing ends,
// the signal aborts, or a next link points back to a page already read.
import type { HubModelPage } from "../hub/hub-client";

export type ListingWalkEnd = "done" | "interrupted" | "link-loop";

/**
 * Reads pages from `fetchPage` (null: the first page) and hands each to `readPage`, which says whether to go on.
 * Aborting stops before the next page is asked for. A loop of links ends the walk: everything down to it was read.
 */
export async function walkListing(
  fetchPage: (cursorUrl: string | null) => Promise<HubModelPage>,
  readPage: (page: HubModelPage) => boolean,
  signal?: AbortSignal,
): Promise<ListingWalkEnd> {
  let cursor: string | null = null;
  const cursors = new Set<string>();
  for (;;) {
    if (signal?.aborted) return "interrupted";
    const page = await fetchPage(cursor);
    if (!readPage(page) || page.nextUrl === null) return "done";
    if (cursors.has(page.nextUrl)) return "link-loop";
    cursors.add(page.nextUrl);
    cursor = page.nextUrl;
  }
}
