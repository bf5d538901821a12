// The whole-Hub sweep: every model, 1,000 a page asked (SWEEP_PAGE_LIMIT), newest first, lineage from the records'
// tags alone: one request per page. A page with fewer records than asked and a next link shows the Hub caps its pages
// lower: that size is stored (crawl_state) and the plan, the cost estimate and the ETA count pages of it. Each page is staged with the cursor it moves in one transaction, so a rerun resumes
// there; the staged pages are merged into the store when the sweep stops (merge-sweep-pages.ts). A top-up (the plan's
// `topUp`, crawler/top-up.ts) stops at the first page reaching the last complete sweep's watermark.
import { updateRunCounters } from "../db/runs";
import { countStagedRecords, packSweepPage, stageSweepPage } from "../db/sweep-pages";
import { fileProblem, type CrawlContext } from "./crawl-context";
import {
  getLastSweep,
  getSweepState,
  setHubSize,
  setLastSweep,
  setSweepPageSize,
  setSweepState,
  type SweepState,
} from "./crawl-run-state";
import { SWEEP_PAGE_LIMIT, type HubModelPage } from "./hub/hub-client";
import { parseHubRecord } from "./hub/parse-hub-record";
import { enqueueCards } from "./enqueue-cards";
import { createListingGuard, MAX_EMPTY_PAGES } from "./listing-guard";
import { mergeSweepPages } from "./merge-sweep-pages";
import { sweepRequests, type CrawlPlan, type HubSize } from "./plan-crawl";
import { createSweepGatherer, type GatheredPages } from "./sweep-gatherer";
import { completedSweep, countNewModels, describeTopUpDone, newestCreatedAt, reachesWatermark } from "./top-up";

/**
 * Sweeps the Hub as `plan` says (whole, or a top-up), resuming the key's sweep state. Returns the plan, its reason
 * saying what a finished top-up found; the same plan when the crawl's signal aborted between pages.
 */
export async function sweep(ctx: CrawlContext, hubSize: HubSize, plan: CrawlPlan): Promise<CrawlPlan> {
  const { db, key } = ctx;
  const topUp = plan.topUp ?? null;
  let state = getSweepState(db, key);
  const guard = createListingGuard();
  // Records a page holds as the Hub serves them: what the sweep asks until a capped page says less.
  let pageSize = hubSize.pageSize ?? SWEEP_PAGE_LIMIT;
  let expectedPages = topUp ? topUp.pages : sweepRequests(hubSize.models, pageSize);
  // Records staged by this call: shown as models in progress until the merge counts what it really wrote.
  let staged = 0;
  const fetchPage = (cursor: string | null): Promise<HubModelPage> => {
    const page = ctx.hub.sweepPage(cursor);
    // A page asked for ahead may never be awaited (the crawl stops first); its failure is then nobody's.
    page.catch(() => undefined);
    return page;
  };
  let ahead = state.isFinished ? null : fetchPage(state.next);
  // What the sweep will list in all: a top-up's few pages (its merge is then no bulk one), else the whole Hub.
  const expectedModels = topUp ? topUp.pages * pageSize : hubSize.models;
  // This call's pages, parsed (and for a bulk merge applied) while the next one is on its way, so that the merge
  // does not do it again (a killed run's pages are applied first, while the first page downloads).
  const gatherer = createSweepGatherer(
    db,
    key,
    ctx.runStartedAt,
    countStagedRecords(db, key) + (state.isFinished ? 0 : Math.max(0, expectedModels - state.models)),
  );
  try {
    while (ahead !== null) {
      if (ctx.signal?.aborted) return plan;
      const page = await ahead;
      const now = ctx.now();
      const verdict = guard.check(state.next, page.records.length + page.dropped, page.nextUrl);
      const isLoop = verdict !== "go-on";
      const isReached = topUp !== null && !isLoop && reachesWatermark(page.records, topUp);
      const next: SweepState = {
        next: isLoop || isReached ? null : page.nextUrl,
        pages: state.pages + 1,
        models: state.models + page.records.length,
        isFinished: isLoop || isReached || page.nextUrl === null,
        // A state an older version began has no start: that sweep is then never taken as a complete one.
        startedAt: state.pages === 0 ? now : state.startedAt,
        watermark: newestCreatedAt(page.records, state.watermark ?? null),
        newModels: (state.newModels ?? 0) + (topUp ? countNewModels(page.records, topUp.watermark) : 0),
      };
      // The Link cursor names the next page before this one is stored: fetching it overlaps the storing.
      ahead = next.isFinished ? null : fetchPage(next.next);
      const spent = ctx.takeRequests();
      const served = servedPageSize(page, isLoop);
      const learnsPageSize = served !== null && served !== pageSize;
      const packing = packSweepPage(page.json ?? page.records);
      const parsed = page.records.map((record) => parseHubRecord(record));
      const packed = await packing;
      const seq = db.transaction((): number => {
        const seq = stageSweepPage(db, key, now, page.records, packed);
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
        if (next.isFinished && !isLoop) {
          // A top-up that met no stored model read the whole listing: it counted the Hub as a full sweep does.
          if (!isReached) setHubSize(db, next.models, now);
          // Recorded once the merge has stored the pages (mergeStaged): until then there is nothing to top up.
          next.completes = completedSweep(next, isReached ? topUp : null, getLastSweep(db));
        }
        setSweepState(db, key, next, now);
        if (learnsPageSize) setSweepPageSize(db, served, now);
        return seq;
      })();
      gatherer.add(seq, now, parsed, page.records.length);
      state = next;
      if (learnsPageSize) {
        pageSize = served;
        expectedPages = sweepRequests(hubSize.models, pageSize);
      }
      staged += page.records.length;
      ctx.tally.models += page.records.length;
      ctx.tally.addRequests(spent);
      ctx.tally.remaining = state.isFinished ? 0 : Math.max(1, expectedPages - state.pages);
      ctx.tally.report("sweep");
    }
    return topUp ? { ...plan, reason: describeTopUpDone(topUp, state.newModels ?? 0, state.pages) } : plan;
  } finally {
    mergeStaged(ctx, staged, gatherer.gathered);
  }
}

/**
 * The page size the Hub serves, when this page shows it: fewer records than asked with a next link (a capped page), or
 * a full page (the cap, if any, is gone); null for the last page, an empty one, or a link loop, which say nothing.
 */
function servedPageSize(page: HubModelPage, isLoop: boolean): number | null {
  const served = page.records.length + page.dropped;
  if (isLoop || page.nextUrl === null || served === 0) return null;
  return Math.min(served, SWEEP_PAGE_LIMIT);
}

/** Merges what the sweep staged (this call's pages and any a killed run left) and counts what it wrote. */
function mergeStaged(ctx: CrawlContext, staged: number, gathered: GatheredPages): void {
  const merged = mergeSweepPages(ctx, (models) => enqueueCards(ctx, models, 0), gathered);
  // The pages are stored: the sweep they finish (this call's, or a killed run's merged now) is the last complete one.
  const state = getSweepState(ctx.db, ctx.key);
  if (merged.pages > 0 && state.isFinished && state.completes) {
    setLastSweep(ctx.db, state.completes, ctx.now());
    setSweepState(ctx.db, ctx.key, { ...state, completes: null }, ctx.now());
  }
  ctx.tally.models += merged.modelsWritten - staged;
  ctx.tally.edges += merged.edgesAdded;
  ctx.tally.problems += merged.problems;
  if (merged.pages > 0) ctx.tally.report("sweep");
}
