// Reads the model cards (README.md) the frontier asks for: with --cards, or where a record's cardData claims
// parents its tags lack. The card's declared parents replace the model's `card` edges, in one transaction with
// the frontier mark.
import { setParents } from "../db/edges";
import { markDone, type FrontierItem } from "../db/frontier";
import { getModel } from "../db/models";
import { recordProblem } from "../db/problems";
import { refreshDescendantCounts } from "../db/descendant-counts";
import { updateRunCounters } from "../db/runs";
import type { ParentLink } from "../db/types";
import { fileProblem, isRefusal, skipRefused, type CrawlContext } from "./crawl-context";
import { runFrontierPool } from "./frontier-pool";
import { parseCard } from "./parse-card";

/** Fetches and parses every pending card, until none is left or the crawl's signal aborts. */
export async function readCards(ctx: CrawlContext): Promise<void> {
  const pool = { db: ctx.db, key: ctx.key, direction: "card" as const, concurrency: ctx.concurrency, isLevelByLevel: false, signal: ctx.signal };
  await runFrontierPool(pool, (item) => readCard(ctx, item));
}

async function readCard(ctx: CrawlContext, item: FrontierItem): Promise<void> {
  const { db, key } = ctx;
  let text;
  try {
    text = await ctx.hub.fetchCard(item.id);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    skipRefused(ctx, item, error);
    return;
  }
  const now = ctx.now();
  const spent = ctx.takeRequests();
  const card = text === null ? null : parseCard(text, { id: item.id, libraryName: getModel(db, item.id)?.libraryName ?? null });
  const links = (card?.baseModels ?? []).map((id): ParentLink => ({ id, relation: card!.relation, source: "card", confidence: 1 }));
  let edgesAdded = 0;
  db.transaction(() => {
    if (card === null) {
      fileProblem(ctx, item.id, "no-card", `${item.id} has no README.md on the Hub`);
    } else {
      for (const problem of card.problems) {
        recordProblem(db, { runId: ctx.runId, modelId: item.id, kind: problem.kind, message: problem.message }, now);
      }
      edgesAdded = setParents(db, item.id, "card", links, now).added;
      refreshDescendantCounts(db);
    }
    updateRunCounters(db, ctx.runId, {
      requests: spent.requests,
      retries: spent.retries,
      edges: edgesAdded,
      problems: card?.problems.length ?? 0,
    });
    markDone(db, key, "card", item.id);
  })();
  ctx.tally.edges += edgesAdded;
  ctx.tally.problems += card?.problems.length ?? 0;
  ctx.tally.addRequests(spent);
  ctx.tally.report("cards");
}
