// The card work a page of records brings: every model's card with --cards, else only those whose cardData claims
// parents the tags lack; of these, only cards not yet read at the record's version (all of them with --refresh).
import { findCardsToRead } from "../db/cards-read";
import { enqueue } from "../db/frontier";
import type { CrawlContext } from "./crawl-context";
import type { IngestedModel } from "./ingest-page";

/** Queues the cards to read for `models` (a page just stored), at `depth`; call it in the page's transaction. */
export function enqueueCards(ctx: CrawlContext, models: readonly IngestedModel[], depth: number): void {
  const wanted = models.filter((model) => ctx.cards || model.isCardClaim);
  if (wanted.length === 0) return;
  // One look-up for the whole page (a sweep's page is 1,000 models), not one per model.
  const ids = ctx.refresh ? wanted.map((model) => model.id) : findCardsToRead(ctx.db, wanted, ctx.infer);
  enqueue(
    ctx.db,
    ctx.key,
    ids.map((id) => ({ direction: "card", id, depth })),
  );
}
