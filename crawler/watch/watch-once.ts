// The new-fork watcher: polls the Hub's newest-first listing down to the watermark (one request when nothing is
// new) and, when due, the most-recently-modified listing down to its own watermark (edited base_models of older
// models); stores every new or changed model through ingestPage, and turns those under a tracked family into events.
// Each page commits with the models it found (watch_pending); the events and the new watermark commit together at
// the end of the poll, so a kill at any instant neither loses nor repeats an event.
import { getState, setState } from "../../db/crawl-state";
import { refreshDescendantCounts } from "../../db/counts/descendant-counts";
import { recordAlias } from "../../db/aliases";
import { clearPending, dropPending, renameInForkEvents } from "../../db/fork-events";
import { markGone } from "../../db/models";
import type { Db } from "../../db/open-database";
import { updateRunCounters, type RunId } from "../../db/runs";
import { createRequestMeter, isRefusal, type RequestCounts } from "../crawl-context";
import type { HubClient, HubModelPage, ListedRecord } from "../hub/hub-client";
import { parseHubRecord } from "../hub/parse-hub-record";
import { fileProblems, readTracked, type PollContext } from "./poll-context";
import { recordEvents, type WatchEvent } from "./record-events";
import { storeRecords, type StoredPage } from "./store-records";
import { walkListing } from "./walk-listing";
import {
  CHANGES_CHECKED_KEY,
  CHANGES_WATERMARK_KEY,
  isDue,
  nextWatermark,
  pinFirstWatermark,
  readChangesWatermark,
  readWatermark,
  shiftIso,
  WATERMARK_KEY,
} from "./watermark";
import { validateWatchOptions, type WatchOptions } from "./watch-options";

type Listing = "created" | "modified";
const LISTING_NAMES: Record<Listing, string> = { created: "newest-first", modified: "most-recently-modified" };

export interface WatchDeps {
  db: Db;
  hub: HubClient;
  now?: () => Date;
  /** Requests the Hub access layer has sent so far (hub-fetch's counters), charged to the poll's pages. */
  requestCounts?: () => RequestCounts;
  /** The run the poll's counters and problems go to; null or absent: none. */
  runId?: RunId | null;
  /** Aborting stops the poll between pages; what it stored stays pending for the next poll. */
  signal?: AbortSignal;
}

export interface PollSummary {
  /** interrupted: the signal aborted between pages; no event was recorded and the watermark did not move. */
  status: "done" | "interrupted";
  requests: number;
  retries: number;
  pages: number;
  /** Records the listing gave (each id once). */
  listed: number;
  /** Models found new (published after the watermark, or not stored yet) and stored. */
  newModels: number;
  /** Known models listed with a newer lastModified (or older unknown ones the changes listing showed), re-read. */
  changed: number;
  /** Pages and requests of the most-recently-modified listing; 0 when it was not due. */
  changesPages: number;
  changesRequests: number;
  gone: string[];
  renamed: { from: string; to: string }[];
  /** Events recorded by this poll, in the order they were recorded. */
  events: WatchEvent[];
  /** The newest createdAt seen on the Hub so far: where the next poll stops. */
  watermark: string | null;
  /** The newest lastModified the changes listing has seen so far: where its next walk stops. */
  changesWatermark: string | null;
  problems: number;
  elapsedMs: number;
}

/** A problem for the items of a listing page that were not model records (none when there were none). */
function droppedItems(listing: Listing, dropped: number): [string, string][] {
  if (dropped === 0) return [];
  return [
    [
      "invalid-listing-item",
      `${dropped} item(s) of the ${LISTING_NAMES[listing]} listing were not model records; skipped`,
    ],
  ];
}

/** One poll: list newest first down to the watermark, store what is new or changed, record the events. */
export async function watchOnce(deps: WatchDeps, options: WatchOptions = {}): Promise<PollSummary> {
  const settings = validateWatchOptions(options);
  const { db, hub } = deps;
  const clock = deps.now ?? (() => new Date());
  const now = () => clock().toISOString();
  const startedMs = clock().getTime();
  const takeRequests = createRequestMeter(deps.requestCounts);
  const ctx: PollContext = {
    db,
    watermark: readWatermark(db),
    listed: new Map(),
    tracked: readTracked(db),
    runId: deps.runId ?? null,
  };
  // A watermark taken from the stored models is written down before the first page adds newer ones, so that a
  // rerun after a kill still stops where this poll stops.
  pinFirstWatermark(db, now());
  const floor = ctx.watermark && shiftIso(ctx.watermark.createdAt, -settings.overlapMs);
  const isChangesDue = isDue(getState(db, CHANGES_CHECKED_KEY), settings.changesEveryMs, clock());
  const changesWatermark = isChangesDue ? readChangesWatermark(db) : getState(db, CHANGES_WATERMARK_KEY);
  if (isChangesDue && changesWatermark !== null && getState(db, CHANGES_WATERMARK_KEY) === null) {
    setState(db, CHANGES_WATERMARK_KEY, changesWatermark, now());
  }
  const summary: PollSummary = {
    status: "done",
    requests: 0,
    retries: 0,
    pages: 0,
    listed: 0,
    newModels: 0,
    changed: 0,
    changesPages: 0,
    changesRequests: 0,
    gone: [],
    renamed: [],
    events: [],
    watermark: ctx.watermark?.createdAt ?? null,
    changesWatermark,
    problems: 0,
    elapsedMs: 0,
  };
  const spend = (spent: RequestCounts) => {
    summary.requests += spent.requests;
    summary.retries += spent.retries;
    return spent;
  };
  const done = (): PollSummary => {
    summary.listed = ctx.listed.size;
    summary.elapsedMs = clock().getTime() - startedMs;
    return summary;
  };

  const interrupted = (): PollSummary => {
    summary.status = "interrupted";
    return done();
  };
  const storePage = (listing: Listing, page: HubModelPage, spent: RequestCounts): StoredPage => {
    const problems = droppedItems(listing, page.dropped);
    const stored = storeRecords(ctx, listing, page.records, now(), spent, problems);
    summary.newModels += stored.newModels;
    summary.changed += stored.changed;
    summary.problems += stored.problems;
    return stored;
  };
  // Everything down to a loop of links was read: the listing has nothing further to give.
  const noteLoop = (listing: Listing) => {
    const message = `the ${LISTING_NAMES[listing]} listing links back to a page already read; stopped there`;
    summary.problems += fileProblems(ctx, now(), [["link-loop", message]]);
  };

  // Without any watermark (an empty database) the first page is the baseline: the poll reads it and stops there.
  const newestEnd = await walkListing(
    (cursorUrl) => hub.listNewestPage({ limit: settings.pageSize, cursorUrl }),
    (page) => {
      summary.pages++;
      const { oldestCreatedAt } = storePage("created", page, spend(takeRequests()));
      return floor !== null && (oldestCreatedAt === null || oldestCreatedAt >= floor);
    },
    deps.signal,
  );
  if (newestEnd === "interrupted") return interrupted();
  if (newestEnd === "link-loop") noteLoop("created");

  // Edits to older models (a changed base_model) never reach the top of the newest-first listing: when due, walk
  // the most recently modified down to the changes watermark. Without one (an empty database) the first page only
  // sets it, like the newest-first baseline, so that edits made before the watcher knew anything are no events.
  let newestModified = changesWatermark;
  if (isChangesDue) {
    const changesFloor = changesWatermark && shiftIso(changesWatermark, -settings.overlapMs);
    const changesEnd = await walkListing(
      (cursorUrl) => hub.listRecentlyModifiedPage({ limit: settings.pageSize, cursorUrl }),
      (page) => {
        summary.changesPages++;
        const spent = spend(takeRequests());
        summary.changesRequests += spent.requests;
        const modified = page.records
          .map((record) => parseHubRecord(record).model?.lastModified ?? null)
          .filter((at): at is string => at !== null);
        for (const at of modified) if (newestModified === null || at > newestModified) newestModified = at;
        if (changesFloor === null) return false;
        storePage("modified", page, spent);
        const oldest = modified.reduce<string | null>((min, at) => (min === null || at < min ? at : min), null);
        return oldest === null || oldest >= changesFloor;
      },
      deps.signal,
    );
    if (changesEnd === "interrupted") return interrupted();
    if (changesEnd === "link-loop") noteLoop("modified");
  }

  // Models listed within the overlap last time but absent now were deleted, renamed or made private: ask each.
  const vanished = [...(ctx.watermark?.ids ?? new Map<string, string>())]
    .filter(([key]) => !ctx.listed.has(key))
    .slice(0, settings.maxVanishedChecks)
    .map(([, id]) => id);
  const renames: { from: string; record: ListedRecord }[] = [];
  const refused: [string, string][] = [];
  for (const id of vanished) {
    if (deps.signal?.aborted) return interrupted();
    try {
      const answer = await hub.getModelRecord(id);
      if (answer === null) summary.gone.push(id);
      else if (answer.renamedFrom !== undefined) renames.push({ from: id, record: answer.record });
      else storeRecords(ctx, "created", [answer.record], now(), { requests: 0, retries: 0 });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      refused.push(["request-refused", `${id} vanished from the listing and its record was refused: ${error.message}`]);
    }
  }

  const at = now();
  const spent = spend(takeRequests());
  db.transaction(() => {
    for (const { from, record } of renames) {
      // The listing showed the new name as an unknown model: it is the renamed one, not a new fork.
      dropPending(db, record.id);
      recordAlias(db, from, record.id, at);
      renameInForkEvents(db, from, record.id);
      storeRecords(ctx, "created", [record], at, { requests: 0, retries: 0 });
      summary.renamed.push({ from, to: record.id });
    }
    for (const id of summary.gone) markGone(db, id, at);
    summary.problems += fileProblems(ctx, at, refused);
    summary.events = recordEvents(ctx, at);
    clearPending(db);
    const next = nextWatermark(ctx.watermark, ctx.listed.values(), settings.overlapMs);
    if (next !== null) {
      setState(db, WATERMARK_KEY, JSON.stringify(next), at);
      summary.watermark = next.createdAt;
    }
    if (isChangesDue) {
      if (newestModified !== null) setState(db, CHANGES_WATERMARK_KEY, newestModified, at);
      setState(db, CHANGES_CHECKED_KEY, at, at);
      summary.changesWatermark = newestModified;
    }
    if (ctx.runId !== null) updateRunCounters(db, ctx.runId, spent);
    refreshDescendantCounts(db);
  })();
  return done();
}
