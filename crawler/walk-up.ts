// The up-walk: a model's record, then its parents' records, and so on to the roots, breadth-first from the frontier.
// Also reads every seed's own record (depth 0), which a down-walk needs for the plan (`childrenModelCount`).
// Parents inferred from cards join the same frontier (read-cards enqueues them), so they are climbed alike.
import { enqueue, markDone, type FrontierItem } from "../db/frontier";
import { getFreshness, getModel, markGone } from "../db/models";
import { getParents } from "../db/edges";
import { recordAlias } from "../db/aliases";
import { updateRunCounters } from "../db/runs";
import { fileProblem, isFresh, isRefusal, skipRefused, pageStamp, type CrawlContext } from "./crawl-context";
import { enqueueCards } from "./enqueue-cards";
import { runFrontierPool } from "./frontier-pool";
import { ingestPage } from "./ingest-page";
import { setSeedSize } from "./crawl-run-state";
import type { ModelRecordResult } from "./hub/hub-client";

export interface WalkUpOptions {
  /** How many levels above the seeds to read; 0 reads the seeds' own records only. Null: to the roots. */
  maxDepth: number | null;
}

/** Reads pending `up` items until none is left (or the crawl's signal stops it). */
export async function walkUp(ctx: CrawlContext, options: WalkUpOptions): Promise<void> {
  // Level by level under a depth limit, so a model reached by two paths is read at its shortest distance.
  const pool = {
    db: ctx.db,
    key: ctx.key,
    direction: "up" as const,
    concurrency: ctx.concurrency,
    isLevelByLevel: options.maxDepth !== null,
    signal: ctx.signal,
  };
  await runFrontierPool(pool, (item) => readUp(ctx, item, options));
}

function canClimb(item: FrontierItem, options: WalkUpOptions): boolean {
  return options.maxDepth === null || item.depth < options.maxDepth;
}

async function readUp(ctx: CrawlContext, item: FrontierItem, options: WalkUpOptions): Promise<void> {
  const { db, key } = ctx;
  const isSeed = item.depth === 0;
  // A seed is always read: its record carries the children count the plan needs. Other models read recently
  // climb through the parents already stored, the inferred ones too when this crawl reads cards and infers (as
  // reading the model's card would).
  if (!isSeed && isFresh(ctx, getFreshness(db, item.id)?.fetchedAt)) {
    const stored = getParents(db, item.id, { includeInferred: ctx.cards && ctx.infer });
    const parents = [...new Set(stored.map((edge) => edge.parent))];
    db.transaction(() => {
      if (canClimb(item, options))
        enqueue(
          db,
          key,
          parents.map((id) => ({ direction: "up", id, depth: item.depth + 1 })),
        );
      markDone(db, key, "up", item.id);
    })();
    ctx.tally.report("up");
    return;
  }

  let found: ModelRecordResult | null;
  try {
    found = await ctx.hub.getModelRecord(item.id);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    skipRefused(ctx, item, error);
    return;
  }
  const now = ctx.now();
  if (found === null) {
    const spent = ctx.takeRequests();
    db.transaction(() => {
      updateRunCounters(db, ctx.runId, spent);
      const isStored = getModel(db, item.id)?.fetchedAt != null;
      if (isStored) markGone(db, item.id, now);
      const what = isSeed ? "seed" : "parent";
      fileProblem(
        ctx,
        item.id,
        "not-found",
        `the Hub does not know ${what} ${item.id}${isStored ? " any more; marked gone" : ""}`,
      );
      if (isSeed) setSeedSize(db, key, { id: item.id, childrenCount: null }, now);
      markDone(db, key, "up", item.id);
    })();
    ctx.tally.addRequests(spent);
    ctx.tally.report("up");
    return;
  }

  const spent = ctx.takeRequests();
  const result = db.transaction(() => {
    // The alias first moves whatever the old id had, so that the record's edges replace them under the new id.
    if (found.renamedFrom) recordAlias(db, found.renamedFrom, found.record.id, now);
    return ingestPage(db, [found.record], {
      ...pageStamp(ctx, now, spent),
      refreshCounts: false,
      commit: (page) => {
        if (isSeed) setSeedSize(db, key, { id: found.record.id, childrenCount: found.childrenCount }, now);
        const parents = page.models.flatMap((model) => model.parents.map((link) => link.id));
        if (canClimb(item, options))
          enqueue(
            db,
            key,
            parents.map((id) => ({ direction: "up", id, depth: item.depth + 1 })),
          );
        enqueueCards(ctx, page.models, item.depth);
        markDone(db, key, "up", item.id);
      },
    });
  })();
  ctx.tally.addPage(result, spent);
  ctx.tally.report("up");
}
