// The whole-Hub sweep: every model, 1,000 a page (SWEEP_PAGE_LIMIT), newest first, lineage from the records' tags
// alone: about one request per 1,000 models. Each page is staged with the cursor it moves in one transaction, so a rerun resumes
// there; the staged pages are merged into the store when the sweep stops (merge-sweep-pages.ts).
import { enqueue } from "../db/frontier";
import { updateRunCounters } from "../db/runs";
import { stageSweepPage } from "../db/sweep-pages";
import { fileProblem, type CrawlContext } from "./crawl-context";
import { getSweepState, setHubSize, setSweepState, type SweepState } from "./crawl-run-state";
import type { HubModelPage } from "./hub/hub-client";
import { parseHubRecord, type ParsedHubRecord } from "./hub/parse-hub-record";
import { createListingGuard, MAX_EMPTY_PAGES } from "./listing-guard";
import { mergeSweepPages } from "./merge-sweep-pages";
import { sweepRequests, type HubSize } from "./plan-crawl";

/** finished: the last page is stored; interrupted: the crawl's signal aborted between pages. */
export type SweepOutcome = "finished" | "interrupted";

export async function sweep(ctx: CrawlContext, hubSize: HubSize): Promise<SweepOutcome> {
  const { db, key } = ctx;
  let state = getSweepState(db, key);
  const guard = createListingGuard();
  const expectedPages = sweepRequests(hubSize.models);
  // Records staged by this call: shown as models in progress until the merge counts what it really wrote.
  let staged = 0;
  // This call's pages, parsed while the next one is on its way, so that the merge does not parse them again.
  const parsedPages = new Map<number, ParsedHubRecord[]>();
  const fetchPage = (cursor: string | null): Promise<HubModelPage> => {
    const page = ctx.hub.sweepPage(cursor);
    // A page asked for ahead may never be awaited (the crawl stops first); its failure is then nobody's.
    page.catch(() => undefined);
    return page;
  };
  let ahead = state.isFinished ? null : fetchPage(state.next);
  try {
    while (ahead !== null) {
      if (ctx.signal?.aborted) return "interrupted";
      const page = await ahead;
      const now = ctx.now();
      const verdict = guard.check(state.next, page.records.length + page.dropped, page.nextUrl);
      const isLoop = verdict !== "go-on";
      const next: SweepState = {
        next: isLoop ? null : page.nextUrl,
        pages: state.pages + 1,
        models: state.models + page.records.length,
        isFinished: isLoop || page.nextUrl === null,
      };
      // The Link cursor names the next page before this one is stored: fetching it overlaps the storing.
      ahead = next.isFinished ? null : fetchPage(next.next);
      const spent = ctx.takeRequests();
      const parsed = page.records.map((record) => parseHubRecord(record));
      db.transaction(() => {
        parsedPages.set(stageSweepPage(db, key, now, page.records), parsed);
        updateRunCounters(db, ctx.runId, spent);
        if (page.dropped > 0) {
          fileProblem(
            ctx,
            null,
            "invalid-listing-item",
            `${page.dropped} item(s) of sweep page ${next.pages} were not model records; skipped`,
          );
        }
        if (verdict === "loop")
          fileProblem(ctx, null, "link-loop", "the sweep's listing links back to a page already read; stopped there");
        if (verdict === "stalled") {
          const what = `the sweep's listing answered ${MAX_EMPTY_PAGES} empty pages in a row, each with a new cursor`;
          fileProblem(ctx, null, "listing-stalled", `${what}; stopped there (rerun later, or check --hub-url)`);
        }
        setSweepState(db, key, next, now);
        if (next.isFinished && !isLoop) setHubSize(db, next.models, now);
      })();
      state = next;
      staged += page.records.length;
      ctx.tally.models += page.records.length;
      ctx.tally.addRequests(spent);
      ctx.tally.remaining = state.isFinished ? 0 : Math.max(1, expectedPages - state.pages);
      ctx.tally.report("sweep");
    }
    return "finished";
  } finally {
    mergeStaged(ctx, staged, parsedPages);
  }
}

/** Merges what the sweep staged (this call's pages and any a killed run left) and counts what it wrote. */
function mergeStaged(ctx: CrawlContext, staged: number, parsedPages: Map<number, ParsedHubRecord[]>): void {
  const merged = mergeSweepPages(
    ctx,
    (models) =>
      enqueue(
        ctx.db,
        ctx.key,
        models
          .filter((model) => ctx.cards || model.isCardClaim)
          .map((model) => ({ direction: "card", id: model.id, depth: 0 })),
      ),
    parsedPages,
  );
  ctx.tally.models += merged.modelsWritten - staged;
  ctx.tally.edges += merged.edgesAdded;
  ctx.tally.problems += merged.problems;
  if (merged.pages > 0) ctx.tally.report("sweep");
}
