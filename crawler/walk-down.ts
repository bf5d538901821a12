// The down-walk: breadth-first over children listings (`filter=base_model:<id>`), from the frontier's `down` items.
// Edges come from each listed child's own tags, so a merge found under one parent brings all its parents. Each
// listing page, the children it enqueues and the cursor (or done mark) it moves commit in one transaction, together
// with the pages of the other listings in flight (crawler/page-batch.ts).
import { countFrontier, enqueue, markDone, setCursor, type FrontierItem } from "../db/frontier";
import { getFreshness, markListed } from "../db/models";
import { getChildren } from "../db/edges";
import { canonicalId } from "../db/aliases";
import { fileProblem, isFresh, isRefusal, skipRefused, pageStamp, type CrawlContext } from "./crawl-context";
import { enqueueCards } from "./enqueue-cards";
import { runFrontierPool } from "./frontier-pool";
import { ingestParsedPage } from "./ingest-page";
import { createPageBatch, type PageBatch } from "./page-batch";
import { parseHubRecord } from "./hub/parse-hub-record";
import { createListingGuard, MAX_EMPTY_PAGES } from "./listing-guard";
import type { HubModelPage } from "./hub/hub-client";

export interface WalkDownOptions {
  /** How many levels below the seeds to store; null: to the leaves. */
  maxDepth: number | null;
  /**
   * Asked every few listings with the listing requests spent so far and the models still to list; returning
   * true stops the walk (the crawl switches to a sweep). The pending items stay in the frontier.
   */
  shouldStop?: (spent: number, pending: number) => boolean;
}

/** finished: nothing left to list; stopped: `shouldStop` said so; interrupted: the crawl's signal aborted. */
export type WalkDownOutcome = "finished" | "stopped" | "interrupted";

/**
 * Listings between two `shouldStop` checks: at least 64, and a twentieth of those made so far, since each check
 * counts the whole frontier (so a walk of millions checks a few hundred times, not tens of thousands).
 */
const MIN_CHECK_EVERY = 64;
const CHECK_SHARE = 20;

/** Lists pending `down` items until none is left, `shouldStop` says so, or the crawl's signal aborts. */
export async function walkDown(ctx: CrawlContext, options: WalkDownOptions): Promise<WalkDownOutcome> {
  const stop = new AbortController();
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, stop.signal]) : stop.signal;
  let listings = 0;
  let nextCheck = 0;
  const check = () => {
    nextCheck = listings + Math.max(MIN_CHECK_EVERY, Math.floor(listings / CHECK_SHARE));
    const pending = countFrontier(ctx.db, ctx.key).pending;
    ctx.tally.remaining = pending;
    if (options.shouldStop?.(listings, pending)) stop.abort();
  };
  check();
  // Depth only matters under a depth limit: then the walk goes level by level, so that each model is reached at
  // its shortest distance from the seeds whatever order concurrent listings finish in.
  const pool = {
    db: ctx.db,
    key: ctx.key,
    direction: "down" as const,
    concurrency: ctx.concurrency,
    isLevelByLevel: options.maxDepth !== null,
    signal,
  };
  const batch = createPageBatch(ctx.db);
  await runFrontierPool(pool, async (item) => {
    batch.enter();
    try {
      listings += await listDown(ctx, item, options, batch);
    } finally {
      batch.leave();
    }
    if (listings >= nextCheck) check();
  });
  if (stop.signal.aborted) return "stopped";
  return ctx.signal?.aborted ? "interrupted" : "finished";
}

function canDescend(item: FrontierItem, options: WalkDownOptions): boolean {
  return options.maxDepth === null || item.depth + 1 < options.maxDepth;
}

/** Lists one model's children, page by page from its saved cursor; returns the listing requests made. */
async function listDown(
  ctx: CrawlContext,
  item: FrontierItem,
  options: WalkDownOptions,
  batch: PageBatch,
): Promise<number> {
  const { db, key } = ctx;
  const childItems = (ids: string[]) =>
    canDescend(item, options) ? ids.map((id) => ({ direction: "down" as const, id, depth: item.depth + 1 })) : [];

  // Listed recently: descend through the children already stored, without a request.
  if (item.cursor === null && isFresh(ctx, getFreshness(db, item.id)?.listedAt)) {
    const children = [...new Set(getChildren(db, item.id).map((edge) => edge.child))];
    await batch.add(() => {
      enqueue(db, key, childItems(children));
      markDone(db, key, "down", item.id);
    });
    ctx.tally.report("down");
    return 0;
  }

  // A model renamed since it was enqueued: its children may name either id in their tags, so the new id is
  // listed too (as an item of the same level).
  const currentId = canonicalId(db, item.id);
  const renamed =
    currentId.toLowerCase() === item.id.toLowerCase()
      ? []
      : [{ direction: "down" as const, id: currentId, depth: item.depth }];
  const guard = createListingGuard();
  let cursor = item.cursor;
  let pages = 0;
  for (;;) {
    let page: HubModelPage;
    try {
      page = await ctx.hub.listChildrenPage(item.id, cursor);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      skipRefused(ctx, item, error);
      return pages + 1;
    }
    pages++;
    const now = ctx.now();
    const spent = ctx.takeRequests();
    const verdict = guard.check(cursor, page.records.length + page.dropped, page.nextUrl);
    const isLoop = verdict !== "go-on";
    const next = isLoop ? null : page.nextUrl;
    const parsed = page.records.map((record) => parseHubRecord(record));
    const result = await batch.add(() =>
      ingestParsedPage(db, parsed, {
        ...pageStamp(ctx, now, spent),
        refreshCounts: false,
        commit: (ingested) => {
          enqueue(db, key, [...renamed, ...childItems(ingested.models.map((model) => model.id))]);
          enqueueCards(ctx, ingested.models, item.depth + 1);
          if (page.dropped > 0) {
            fileProblem(
              ctx,
              item.id,
              "invalid-listing-item",
              `${page.dropped} item(s) of a children page of ${item.id} were not model records; skipped`,
            );
          }
          if (isLoop) {
            const why =
              verdict === "loop"
                ? "links back to a page already read"
                : `answered ${MAX_EMPTY_PAGES} empty pages in a row, each with a new cursor`;
            fileProblem(
              ctx,
              item.id,
              verdict === "loop" ? "link-loop" : "listing-stalled",
              `the children listing of ${item.id} ${why}; stopped there`,
            );
          }
          if (next) {
            setCursor(db, key, "down", item.id, next);
          } else {
            // An old (renamed) id is an alias, not a model: marking it listed would store an empty model row under it.
            if (renamed.length === 0) markListed(db, [item.id], now);
            markDone(db, key, "down", item.id);
          }
        },
      }),
    );
    ctx.tally.addPage(result, spent);
    ctx.tally.report("down");
    if (!next) return pages;
    cursor = next;
  }
}
