// Reads the model cards (README.md) the frontier asks for: with --cards, or where a record's cardData claims
// parents its tags lack. The card's declared parents replace the model's `card` edges; a model left without any
// declared parent gets the parents inferred from its card instead (source `inferred`, with confidence and
// evidence), which the up-walk then climbs like declared ones. All of it commits with the frontier mark and the
// repository version the card was read at (db/cards-read.ts), so a rerun reads it again only once it changed.
import { resolveId } from "../db/aliases";
import { recordCardRead } from "../db/cards-read";
import { setParents, getParents } from "../db/edges";
import { enqueue, markDone, type FrontierItem } from "../db/frontier";
import { getModel } from "../db/models";
import { recordProblem } from "../db/problems";
import { updateRunCounters } from "../db/runs";
import type { ParentLink } from "../lineage/types";
import { fileProblem, isRefusal, skipRefused, type CrawlContext } from "./crawl-context";
import { runFrontierPool } from "./frontier-pool";
import { inferLineage, toInferredLinks } from "../lineage/infer/infer-lineage";
import { parseCard, type ParsedCard } from "../lineage/card/parse-card";

export interface ReadCardsOptions {
  /**
   * How far above the seeds the up-walk goes (null: to the roots). A card item's depth is its model's height above
   * the seeds, so its inferred parents are enqueued for the up-walk at depth + 1 while that is within the limit.
   * 0 (a down-only crawl) climbs none.
   */
  maxUpDepth: number | null;
}

/** Fetches and parses every pending card, until none is left or the crawl's signal aborts. */
export async function readCards(ctx: CrawlContext, options: ReadCardsOptions): Promise<void> {
  const pool = {
    db: ctx.db,
    key: ctx.key,
    direction: "card" as const,
    concurrency: ctx.concurrency,
    isLevelByLevel: false,
    signal: ctx.signal,
  };
  await runFrontierPool(pool, (item) => readCard(ctx, item, options));
}

async function readCard(ctx: CrawlContext, item: FrontierItem, options: ReadCardsOptions): Promise<void> {
  const { db, key } = ctx;
  let text: string | null;
  try {
    text = await ctx.hub.fetchCard(item.id);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // Refused for good (isRefusal): recorded once, and read as far as the next version of the repository goes.
    db.transaction(() => {
      skipRefused(ctx, item, error);
      recordCardRead(db, item.id, ctx.infer, ctx.now());
    })();
    return;
  }
  const now = ctx.now();
  const spent = ctx.takeRequests();
  const card = text === null ? null : readCardText(text, item.id, getModel(db, item.id)?.libraryName ?? null);
  const links = (card?.baseModels ?? []).map(
    (id): ParentLink => ({ id, relation: card!.relation, source: "card", confidence: 1 }),
  );
  const canClimb = options.maxUpDepth === null || item.depth < options.maxUpDepth;
  let edgesAdded = 0;
  let inferredAdded = 0;
  db.transaction(() => {
    if (card === null) {
      fileProblem(ctx, item.id, "no-card", `${item.id} has no README.md on the Hub`);
    } else {
      for (const problem of card.problems) {
        recordProblem(db, { runId: ctx.runId, modelId: item.id, kind: problem.kind, message: problem.message }, now);
      }
      edgesAdded = setParents(db, item.id, "card", links, now).added;
      // A card refused whole (too large, binary) yields no inference either: it was not read.
      const inferred = card.isRefused ? [] : inferParents(ctx, item.id, text!);
      if (inferred !== null) {
        inferredAdded = setParents(db, item.id, "inferred", inferred, now).added;
        edgesAdded += inferredAdded;
        if (canClimb)
          enqueue(
            db,
            key,
            inferred.map((link) => ({ direction: "up", id: link.id, depth: item.depth + 1 })),
          );
      }
    }
    updateRunCounters(db, ctx.runId, {
      requests: spent.requests,
      retries: spent.retries,
      edges: edgesAdded,
      problems: card?.problems.length ?? 0,
    });
    markDone(db, key, "card", item.id);
    // Read at the model's stored version, whatever it gave (problems included): a rerun reads it again only changed.
    recordCardRead(db, item.id, ctx.infer, now);
  })();
  ctx.tally.edges += edgesAdded;
  ctx.tally.inferred += inferredAdded;
  ctx.tally.problems += card?.problems.length ?? 0;
  ctx.tally.addRequests(spent);
  ctx.tally.report("cards");
}

/** Refusals after which nothing is read from a card, inference included. */
const REFUSED_KINDS = new Set(["too-large", "binary", "not-text", "card-unreadable"]);

/**
 * The card parsed, never a throw: parseCard is total, but should any card still break it, that card is recorded
 * as a problem and its work marked done like any other, so that a crawl finishes and a rerun does not fetch it again.
 */
function readCardText(text: string, id: string, libraryName: string | null): ParsedCard & { isRefused: boolean } {
  let card: ParsedCard;
  try {
    card = parseCard(text, { id, libraryName });
  } catch (error) {
    const message = `card could not be read: ${(error as Error).message}; nothing taken from it`;
    card = { ...parseCard(""), problems: [{ kind: "card-unreadable", message }] };
  }
  return { ...card, isRefused: card.problems.some((problem) => REFUSED_KINDS.has(problem.kind)) };
}

/**
 * The model's inferred parent set, to replace the stored one: none when it has declared parents (tag or card
 * edges win, CONTRACTS.md "Edges"), else the card's predictions at the default threshold. Null leaves the stored
 * inferred edges alone (--no-infer). Runs inside the card's transaction, after its card edges are written.
 */
function inferParents(ctx: CrawlContext, id: string, text: string): ParentLink[] | null {
  if (getParents(ctx.db, id).length > 0) return [];
  if (!ctx.infer) return null;
  // Ids guessed from the model's own name (`org/X-GGUF` -> `org/X`) count only when the store knows them.
  const knownIds = (candidate: string) => resolveId(ctx.db, candidate) !== null;
  // A renamed repository's old id, named in an older card, is its current id (the aliases the crawler recorded).
  const current = (candidate: string) => resolveId(ctx.db, candidate);
  try {
    return toInferredLinks(inferLineage({ id, cardText: text, knownIds, resolveId: current }));
  } catch {
    return []; // inferLineage is total; this guard keeps one unforeseen card from stopping the crawl.
  }
}
