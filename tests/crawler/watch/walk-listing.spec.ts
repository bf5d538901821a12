// walkListing: pages in order until the reader stops, the last page, an abort, or a loop of next links.
import type { HubModelPage } from "../../../crawler/hub/hub-client";
import { walkListing } from "../../../crawler/watch/walk-listing";

/** A listing of pages named by their cursor: null is the first page; `next` maps a cursor to the following one. */
function listing(next: Record<string, string | null>) {
  const asked: (string | null)[] = [];
  const fetchPage = async (cursorUrl: string | null): Promise<HubModelPage> => {
    asked.push(cursorUrl);
    return { records: [], dropped: 0, total: null, nextUrl: next[cursorUrl ?? "first"] ?? null };
  };
  return { asked, fetchPage };
}

describe("walkListing", () => {
  const THREE_PAGES = { first: "p2", p2: "p3", p3: null };

  it("reads every page to the end while the reader goes on", async () => {
    const { asked, fetchPage } = listing(THREE_PAGES);
    expect(await walkListing(fetchPage, () => true)).toBe("done");
    expect(asked).toEqual([null, "p2", "p3"]);
  });

  it("stops after the page on which the reader says it has enough", async () => {
    const { asked, fetchPage } = listing(THREE_PAGES);
    let pages = 0;
    expect(await walkListing(fetchPage, () => ++pages < 2)).toBe("done");
    expect(asked).toEqual([null, "p2"]);
  });

  it("ends at a next link that points back to a page already read", async () => {
    const { asked, fetchPage } = listing({ first: "p2", p2: "p3", p3: "p2" });
    expect(await walkListing(fetchPage, () => true)).toBe("link-loop");
    expect(asked).toEqual([null, "p2", "p3"]);
  });

  it("asks for no page once the signal has aborted", async () => {
    const { asked, fetchPage } = listing(THREE_PAGES);
    const controller = new AbortController();
    const read = () => {
      controller.abort();
      return true;
    };
    expect(await walkListing(fetchPage, read, controller.signal)).toBe("interrupted");
    expect(asked).toEqual([null]);
  });
});
