// The whole-Hub sweep: every model, 500 a page, newest first, lineage from the records' tags alone: about one
// request per 500 models. Each page and the cursor it moves commit in one transaction, so a rerun resumes there.
import { enqueue } from "../db/frontier";
import { markListed } from "../db/models";
import { fileProblem, pageStamp, type CrawlContext } from "./crawl-context";
import { getSweepState, setHubSize, setSweepState, type SweepState } from "./crawl-run-state";
import { ingestPage } from "./ingest-page";
import { createListingGuard, MAX_EMPTY_PAGES } from "./listing-guard";
import { sweepRequests, type HubSize } from "./plan-crawl";

/** finished: the last page is stored; interrupted: the crawl's signal aborted between pages. */
export type SweepOutcome = "finished" | "interrupted";

export async function sweep(ctx: CrawlContext, hubSize: HubSize): Promise<SweepOutcome> {
  const { db, key } = ctx;
  let state = getSweepState(db, key);
  const guard = createListingGuard();
  const expectedPages = sweepRequests(hubSize.models);
  while (!state.isFinished) {
    if (ctx.signal?.aborted) return "interrupted";
    const page = await ctx.hub.sweepPage(state.next);
    const now = ctx.now();
    const spent = ctx.takeRequests();
    const verdict = guard.check(state.next, page.records.length + page.dropped, page.nextUrl);
    const isLoop = verdict !== "go-on";
    const next: SweepState = {
      next: isLoop ? null : page.nextUrl,
      pages: state.pages + 1,
      models: state.models + page.records.length,
      isFinished: isLoop || page.nextUrl === null,
    };
    const result = ingestPage(db, page.records, {
      ...pageStamp(ctx, now, spent),
      // A sweep touches most families on every page; counts are brought up to date once, at the end of the crawl
      // (the changes stay marked in the store meanwhile, so a kill loses none).
      refreshCounts: false,
      commit: (ingested) => {
        const ids = ingested.models.map((model) => model.id);
        // Every model's children are on the pages of the sweep, so each counts as listed.
        markListed(db, ids, now);
        const cards = ingested.models.filter((model) => ctx.cards || model.isCardClaim);
        enqueue(
          db,
          key,
          cards.map((model) => ({ direction: "card", id: model.id, depth: 0 })),
        );
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
      },
    });
    state = next;
    ctx.tally.remaining = state.isFinished ? 0 : Math.max(1, expectedPages - state.pages);
    ctx.tally.addPage(result, spent);
    ctx.tally.report("sweep");
  }
  return "finished";
}
