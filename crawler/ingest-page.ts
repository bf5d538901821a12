// Writes one page of Hub records (models, their parent edges, their problems) together with the frontier, cursor or
// watermark change the page causes, in ONE transaction: a crash at any instant leaves either both or neither.
// Shared by the crawler's walks and sweep and by the watcher.
import type { Db } from "../db/open-database";
import type { ParentLink } from "../lineage/types";
import { getFreshness, markListed, upsertModels } from "../db/models";
import { setParents } from "../db/edges";
import type { LineageWriter } from "../db/bulk-lineage-writer";
import { recordProblem } from "../db/problems";
import { updateRunCounters, type RunId } from "../db/runs";
import { refreshDescendantCounts } from "../db/counts/descendant-counts";
import { parseHubRecord, type ParsedHubRecord } from "./hub/parse-hub-record";
import { withinTransaction } from "../db/within-transaction";

export interface IngestedModel {
  /** The id as the record spells it. */
  id: string;
  parents: ParentLink[];
  /**
   * The record has no `base_model:` tag but its cardData names parents: the Hub did not accept what the card
   * claims, so the card itself is worth reading (the only case a walk fetches a card without --cards).
   */
  isCardClaim: boolean;
  /** The repository version the record gives, which tells whether a card read before is still current. */
  sha: string | null;
  lastModified: string | null;
}

export interface IngestResult {
  /** Records that named a model, in page order (a model listed twice appears twice). */
  models: IngestedModel[];
  /** Models this run had not written before (new to the store, or last read before the run began). */
  modelsWritten: number;
  edgesAdded: number;
  edgesRemoved: number;
  problems: number;
}

export interface IngestOptions {
  now: string;
  /** The run the page belongs to: its counters grow and its problems are filed under it. Null: no run. */
  runId: RunId | null;
  /** When the run began: a model read since then was already counted by it. */
  runStartedAt?: string;
  /** Requests and retries spent on this page, added to the run's counters in the same transaction. */
  requests?: number;
  retries?: number;
  /** Bring descendant counts up to date before committing (default true). A sweep defers it to its end. */
  refreshCounts?: boolean;
  /** The page's own state change (frontier, cursor, watermark, events), run inside the same transaction. */
  commit?: (result: IngestResult) => void;
  /** Where the models and edges go (default: straight to the store; a sweep's merge gathers them in bulk). */
  writer?: LineageWriter;
}

/** The writes of ingestPage, each made at once. */
export function directWriter(db: Db): LineageWriter {
  return {
    getFreshness: (id) => getFreshness(db, id),
    upsertModel: (model, now) => {
      upsertModels(db, [model], now);
    },
    setParents: (child, source, links, now) => setParents(db, child, source, links, now),
    markListed: (ids, now) => markListed(db, ids, now),
  };
}

/** Parses `records` (pure, outside the transaction), then stores everything and runs `commit` in one transaction. */
export function ingestPage(db: Db, records: readonly unknown[], options: IngestOptions): IngestResult {
  return ingestParsedPage(
    db,
    records.map((record) => parseHubRecord(record)),
    options,
  );
}

/** A page's problems and what its models did to the store, before the transaction's own writes. */
export interface AppliedPage {
  result: IngestResult;
  problems: { modelId: string | null; kind: string; message: string }[];
}

/**
 * ingestPage for records already parsed (a sweep parses each page while it waits for the next): `applyParsedPage`,
 * then `commitAppliedPage`, in one transaction.
 */
export function ingestParsedPage(db: Db, parsed: readonly ParsedHubRecord[], options: IngestOptions): IngestResult {
  const writer = options.writer ?? directWriter(db);
  return withinTransaction(db, () =>
    commitAppliedPage(db, applyParsedPage(writer, parsed, options.now, options.runStartedAt), options),
  );
}

/**
 * A page's models and edges through `writer`, its problems gathered (recorded by commitAppliedPage). A bulk writer
 * only gathers, so a sweep applies each page while the next one downloads and commits them all at its end.
 */
export function applyParsedPage(
  writer: LineageWriter,
  parsed: readonly ParsedHubRecord[],
  now: string,
  runStartedAt: string | undefined,
): AppliedPage {
  const result: IngestResult = { models: [], modelsWritten: 0, edgesAdded: 0, edgesRemoved: 0, problems: 0 };
  const problems: AppliedPage["problems"] = [];
  for (const { model, parents, newVersion, problems: found } of parsed) {
    for (const problem of found)
      problems.push({ modelId: problem.modelId ?? model?.id ?? null, kind: problem.kind, message: problem.message });
    if (model === null) continue;
    const before = writer.getFreshness(model.id);
    const isCountedAlready =
      before !== null && before.fetchedAt !== null && runStartedAt !== undefined && before.fetchedAt >= runStartedAt;
    writer.upsertModel({ ...model, newVersion }, now);
    if (!isCountedAlready) result.modelsWritten++;
    // The record is the whole truth about its tags, so its tag set replaces the stored one. Card edges are
    // replaced only when the record speaks for the card (no tags, cardData names parents): a card read with
    // --cards is otherwise left alone.
    const tagLinks = parents.filter((link) => link.source === "tag");
    const cardLinks = parents.filter((link) => link.source === "card");
    const tagChanges = writer.setParents(model.id, "tag", tagLinks, now);
    result.edgesAdded += tagChanges.added;
    result.edgesRemoved += tagChanges.removed;
    let declaredAdded = tagChanges.added;
    if (cardLinks.length > 0) {
      const cardChanges = writer.setParents(model.id, "card", cardLinks, now);
      result.edgesAdded += cardChanges.added;
      result.edgesRemoved += cardChanges.removed;
      declaredAdded += cardChanges.added;
    }
    // Declared parents win over inferred ones: a model that gains some drops what its card let us infer. (Only a
    // model without declared parents is ever inferred, so nothing else can leave both kinds on one child.)
    if (declaredAdded > 0) result.edgesRemoved += writer.setParents(model.id, "inferred", [], now).removed;
    result.models.push({
      id: model.id,
      parents,
      isCardClaim: cardLinks.length > 0,
      sha: model.sha,
      lastModified: model.lastModified,
    });
  }
  result.problems = problems.length;
  return { result, problems };
}

/** Records an applied page's problems, runs its `commit`, counts it under the run; call it in a transaction. */
export function commitAppliedPage(db: Db, applied: AppliedPage, options: IngestOptions): IngestResult {
  const { result } = applied;
  for (const problem of applied.problems) recordProblem(db, { runId: options.runId, ...problem }, options.now);
  options.commit?.(result);
  if (options.runId !== null) {
    updateRunCounters(db, options.runId, {
      requests: options.requests ?? 0,
      retries: options.retries ?? 0,
      models: result.modelsWritten,
      edges: result.edgesAdded,
      problems: result.problems,
    });
  }
  if (options.refreshCounts ?? true) refreshDescendantCounts(db);
  return result;
}
