// The new-fork watcher: polls the Hub's newest-first listing down to the watermark (one request when nothing is
// new) and, when due, the most-recently-modified listing down to its own watermark (edited base_models of older
// models); stores every new or changed model through ingestPage, and turns those under a tracked family into events.
// Each page commits with the models it found (watch_pending); the events and the new watermark commit together at
// the end of the poll, so a kill at any instant neither loses nor repeats an event.
import type { Db } from "../../db/open-database";
import { recordAlias } from "../../db/aliases";
import { getState, setState } from "../../db/crawl-state";
import { refreshDescendantCounts } from "../../db/counts/descendant-counts";
import { getParents } from "../../db/edges";
import {
  addPending,
  clearPending,
  dropPending,
  getNewestCreatedAt,
  getNewestLastModified,
  insertForkEvent,
  insertLineageChange,
  listPending,
  renameInForkEvents,
  type ForkEvent,
  type LineageChange,
  type ParentSummary,
  type PendingEntry,
} from "../../db/fork-events";
import { idKey } from "../../lineage/id-key";
import { getModel, markGone } from "../../db/models";
import { recordProblem } from "../../db/problems";
import { findResumableRun, finishRun, startRun, updateRunCounters, type RunId } from "../../db/runs";
import { listTrackedFamilies } from "../../db/tracked-families";
import { abortableSleep } from "../../common/abortable-sleep";
import { createRequestMeter, isRefusal, type RequestCounts } from "../crawl-context";
import { detectForks, type TrackedAncestor } from "../../lineage/detect-forks";
import { PAGE_LIMIT, type HubClient, type ListedRecord } from "../hub/hub-client";
import { ingestPage } from "../ingest-page";
import { parseHubRecord } from "../hub/parse-hub-record";

export interface WatchOptions {
  /** Records per listing page, 1 to 500 (the Hub's most). */
  pageSize?: number;
  /**
   * How far below the watermark every poll looks again: the Hub may list a model a little after newer ones (and a
   * private repo made public keeps its old createdAt), so models there that are not stored yet still count as new.
   */
  overlapMs?: number;
  /** Most models one poll asks about because they vanished from the top of the listing (deleted or renamed). */
  maxVanishedChecks?: number;
  /**
   * Least time between two walks of the most-recently-modified listing (edits to older models); 0: every poll.
   * Polls in between cost the newest-first listing only.
   */
  changesEveryMs?: number;
}

export const WATCH_DEFAULTS = {
  pageSize: PAGE_LIMIT,
  overlapMs: 5 * 60_000,
  maxVanishedChecks: 20,
  changesEveryMs: 60 * 60_000,
  intervalMs: 10 * 60_000,
};

/** Ids kept with the watermark (those listed inside the overlap); more are dropped, oldest first. */
const MAX_WINDOW_IDS = 2000;
const WATERMARK_KEY = "watch:watermark";
/** The newest lastModified the changes listing has seen on the Hub: where its next walk stops. */
const CHANGES_WATERMARK_KEY = "watch:changes-watermark";
/** When the changes listing was last walked to the end (local clock: it only schedules the walk). */
const CHANGES_CHECKED_KEY = "watch:changes-checked-at";
export const WATCH_RUN_KEY = "watch";

export class WatchOptionsError extends Error {
  constructor(
    message: string,
    readonly field: keyof WatchOptions | "intervalMs",
    readonly value: unknown,
  ) {
    super(message);
    this.name = "WatchOptionsError";
  }
}

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

export type WatchEvent = ({ type: "fork" } & ForkEvent) | ({ type: "lineage-changed" } & LineageChange);

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

interface Watermark {
  createdAt: string;
  /** Ids listed within the overlap at the previous poll, by id key; empty when the watermark comes from the DB. */
  ids: Map<string, string>;
}

interface ListedModel {
  id: string;
  createdAt: string | null;
}

interface PollContext {
  db: Db;
  watermark: Watermark | null;
  listed: Map<string, ListedModel>;
  tracked: TrackedLookup;
  runId: RunId | null;
}

interface TrackedLookup {
  trackedId(id: string): string | null;
}

export function validateWatchOptions(options: WatchOptions): Required<WatchOptions> {
  const pageSize = options.pageSize ?? WATCH_DEFAULTS.pageSize;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > PAGE_LIMIT) {
    throw new WatchOptionsError(
      `pageSize must be a whole number from 1 to ${PAGE_LIMIT}, got ${pageSize}`,
      "pageSize",
      pageSize,
    );
  }
  const overlapMs = options.overlapMs ?? WATCH_DEFAULTS.overlapMs;
  if (!Number.isSafeInteger(overlapMs) || overlapMs < 0) {
    throw new WatchOptionsError(
      `overlapMs must be a whole number of 0 or more, got ${overlapMs}`,
      "overlapMs",
      overlapMs,
    );
  }
  const maxVanishedChecks = options.maxVanishedChecks ?? WATCH_DEFAULTS.maxVanishedChecks;
  if (!Number.isSafeInteger(maxVanishedChecks) || maxVanishedChecks < 0) {
    throw new WatchOptionsError(
      `maxVanishedChecks must be a whole number of 0 or more, got ${maxVanishedChecks}`,
      "maxVanishedChecks",
      maxVanishedChecks,
    );
  }
  const changesEveryMs = options.changesEveryMs ?? WATCH_DEFAULTS.changesEveryMs;
  if (!Number.isSafeInteger(changesEveryMs) || changesEveryMs < 0) {
    throw new WatchOptionsError(
      `changesEveryMs must be a whole number of 0 or more, got ${changesEveryMs}`,
      "changesEveryMs",
      changesEveryMs,
    );
  }
  return { pageSize, overlapMs, maxVanishedChecks, changesEveryMs };
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
  if (ctx.watermark !== null && getState(db, WATERMARK_KEY) === null) {
    setState(db, WATERMARK_KEY, JSON.stringify({ createdAt: ctx.watermark.createdAt, ids: [] }), now());
  }
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

  // Without any watermark (an empty database) the first page is the baseline: the poll reads it and stops there.
  let cursor: string | null = null;
  const cursors = new Set<string>();
  for (;;) {
    if (deps.signal?.aborted) {
      summary.status = "interrupted";
      return done();
    }
    const page = await hub.listNewestPage({ limit: settings.pageSize, cursorUrl: cursor });
    summary.pages++;
    const dropped: [string, string][] =
      page.dropped > 0
        ? [
            [
              "invalid-listing-item",
              `${page.dropped} item(s) of the newest-first listing were not model records; skipped`,
            ],
          ]
        : [];
    const stored = storeRecords(ctx, "created", page.records, now(), spend(takeRequests()), dropped);
    summary.newModels += stored.newModels;
    summary.changed += stored.changed;
    summary.problems += stored.problems;
    const hasReachedFloor = floor === null || (stored.oldestCreatedAt !== null && stored.oldestCreatedAt < floor);
    if (hasReachedFloor || page.nextUrl === null) break;
    if (cursors.has(page.nextUrl)) {
      // Everything down to the loop was read: the listing has nothing further to give.
      summary.problems += fileProblems(ctx, now(), [
        ["link-loop", "the newest-first listing links back to a page already read; stopped there"],
      ]);
      break;
    }
    cursors.add(page.nextUrl);
    cursor = page.nextUrl;
  }

  // Edits to older models (a changed base_model) never reach the top of the newest-first listing: when due, walk
  // the most recently modified down to the changes watermark. Without one (an empty database) the first page only
  // sets it, like the newest-first baseline, so that edits made before the watcher knew anything are no events.
  let newestModified = changesWatermark;
  if (isChangesDue) {
    const changesFloor = changesWatermark && shiftIso(changesWatermark, -settings.overlapMs);
    let changesCursor: string | null = null;
    const changesCursors = new Set<string>();
    for (;;) {
      if (deps.signal?.aborted) {
        summary.status = "interrupted";
        return done();
      }
      const page = await hub.listRecentlyModifiedPage({ limit: settings.pageSize, cursorUrl: changesCursor });
      summary.changesPages++;
      const spent = spend(takeRequests());
      summary.changesRequests += spent.requests;
      const modified = page.records
        .map((record) => parseHubRecord(record).model?.lastModified ?? null)
        .filter((at): at is string => at !== null);
      for (const at of modified) if (newestModified === null || at > newestModified) newestModified = at;
      if (changesFloor === null) break;
      const dropped: [string, string][] =
        page.dropped > 0
          ? [
              [
                "invalid-listing-item",
                `${page.dropped} item(s) of the most-recently-modified listing were not model records; skipped`,
              ],
            ]
          : [];
      const stored = storeRecords(ctx, "modified", page.records, now(), spent, dropped);
      summary.newModels += stored.newModels;
      summary.changed += stored.changed;
      summary.problems += stored.problems;
      const oldest = modified.reduce<string | null>((min, at) => (min === null || at < min ? at : min), null);
      if ((oldest !== null && oldest < changesFloor) || page.nextUrl === null) break;
      if (changesCursors.has(page.nextUrl)) {
        summary.problems += fileProblems(ctx, now(), [
          ["link-loop", "the most-recently-modified listing links back to a page already read; stopped there"],
        ]);
        break;
      }
      changesCursors.add(page.nextUrl);
      changesCursor = page.nextUrl;
    }
  }

  // Models listed within the overlap last time but absent now were deleted, renamed or made private: ask each.
  const vanished = [...(ctx.watermark?.ids ?? new Map<string, string>())]
    .filter(([key]) => !ctx.listed.has(key))
    .slice(0, settings.maxVanishedChecks)
    .map(([, id]) => id);
  const renames: { from: string; record: ListedRecord }[] = [];
  const refused: [string, string][] = [];
  for (const id of vanished) {
    if (deps.signal?.aborted) {
      summary.status = "interrupted";
      return done();
    }
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
    const next = nextWatermark(ctx, settings.overlapMs);
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

/**
 * Stores one page of listed records in one transaction: the new ones, and known ones with a newer lastModified
 * (noting their parents before the re-read), with their pending entries. Unchanged known models are not written.
 * From the changes listing an unknown model created below the watermark is no new model but a change from no
 * known parents: it is an event only if its lineage now reaches a tracked family.
 */
function storeRecords(
  ctx: PollContext,
  listing: "created" | "modified",
  records: ListedRecord[],
  now: string,
  spent: RequestCounts,
  extraProblems: [string, string][] = [],
): { newModels: number; changed: number; problems: number; oldestCreatedAt: string | null } {
  const { db, watermark } = ctx;
  return db.transaction(() => {
    const toStore: ListedRecord[] = [];
    const pending: PendingEntry[] = [];
    let changed = 0;
    let oldestCreatedAt: string | null = null;
    for (const record of records) {
      const { model } = parseHubRecord(record);
      if (model === null) {
        toStore.push(record); // ingestPage files the problem
        continue;
      }
      if (model.createdAt !== null && (oldestCreatedAt === null || model.createdAt < oldestCreatedAt))
        oldestCreatedAt = model.createdAt;
      const key = idKey(model.id);
      if (ctx.listed.has(key)) continue;
      ctx.listed.set(key, { id: model.id, createdAt: model.createdAt });
      const stored = getModel(db, model.id);
      const isKnown = stored !== null && stored.fetchedAt !== null;
      const isAboveWatermark = watermark !== null && model.createdAt !== null && model.createdAt > watermark.createdAt;
      const isNewer = isKnown
        ? model.lastModified !== null && (stored.lastModified === null || model.lastModified > stored.lastModified)
        : listing === "modified";
      if (!watermark?.ids.has(key) && (!isKnown || isAboveWatermark) && (listing === "created" || isAboveWatermark)) {
        pending.push({ model: model.id, kind: "new" });
        toStore.push(record);
      } else if (isNewer) {
        const parentsBefore = declaredParents(db, model.id);
        const rootsBefore = detect(ctx, model.id).map((found) => found.root);
        pending.push({ model: model.id, kind: "changed", parentsBefore, rootsBefore });
        toStore.push(record);
        changed++;
      }
    }
    addPending(db, pending);
    const result = ingestPage(db, toStore, {
      now,
      runId: ctx.runId,
      requests: spent.requests,
      retries: spent.retries,
      refreshCounts: false,
    });
    const problems = result.problems + fileProblems(ctx, now, extraProblems);
    return { newModels: pending.length - changed, changed, problems, oldestCreatedAt };
  })();
}

/** Turns the pending models into events (new forks, families joined, lineage changes); returns those recorded. */
function recordEvents(ctx: PollContext, seenAt: string): WatchEvent[] {
  const { db } = ctx;
  const events: WatchEvent[] = [];
  const record = (model: string, found: TrackedAncestor, kind: ForkEvent["kind"], createdAt: string | null) => {
    const event: ForkEvent = {
      model,
      root: found.root,
      kind,
      relation: found.relation,
      depth: found.depth,
      createdAt,
      seenAt,
    };
    if (insertForkEvent(db, event)) events.push({ type: "fork", ...event });
  };
  for (const entry of listPending(db)) {
    const model = getModel(db, entry.model);
    const id = model?.id ?? entry.model;
    if (entry.kind === "new") {
      for (const found of detect(ctx, id)) record(id, found, "new", entry.createdAt);
      continue;
    }
    const parentsAfter = declaredParents(db, id);
    if (sameParents(entry.parentsBefore, parentsAfter)) continue;
    const after = detect(ctx, id);
    const before = new Set(entry.rootsBefore.map(idKey));
    const roots = [
      ...entry.rootsBefore,
      ...after.map((found) => found.root).filter((root) => !before.has(idKey(root))),
    ];
    if (roots.length === 0) continue;
    const change: LineageChange = {
      model: id,
      lastModified: model?.lastModified ?? "",
      parentsBefore: entry.parentsBefore,
      parentsAfter,
      roots,
      seenAt,
    };
    if (insertLineageChange(db, change)) events.push({ type: "lineage-changed", ...change });
    for (const found of after) if (!before.has(idKey(found.root))) record(id, found, "joined", entry.createdAt);
  }
  return events;
}

/** The next poll stops at the newest createdAt listed (never moving back), keeping the ids listed near it. */
function nextWatermark(ctx: PollContext, overlapMs: number): { createdAt: string; ids: string[] } | null {
  let newest = ctx.watermark?.createdAt ?? null;
  for (const { createdAt } of ctx.listed.values())
    if (createdAt !== null && (newest === null || createdAt > newest)) newest = createdAt;
  if (newest === null) return null;
  const from = shiftIso(newest, -overlapMs);
  const ids = [...ctx.listed.values()]
    .filter((model) => model.createdAt !== null && model.createdAt >= from)
    .sort((a, b) => (a.createdAt! < b.createdAt! ? 1 : a.createdAt! > b.createdAt! ? -1 : 0))
    .slice(0, MAX_WINDOW_IDS)
    .map((model) => model.id);
  return { createdAt: newest, ids };
}

/** The stored watermark; else, after a crawl, the newest createdAt the database holds; else none. */
function readWatermark(db: Db): Watermark | null {
  const raw = getState(db, WATERMARK_KEY);
  const parsed = raw === null ? null : parseWatermark(raw);
  if (parsed !== null) return parsed;
  const newest = getNewestCreatedAt(db);
  return newest === null ? null : { createdAt: newest, ids: new Map() };
}

/** The stored changes watermark; else, after a crawl, the newest lastModified the database holds; else none. */
function readChangesWatermark(db: Db): string | null {
  const raw = getState(db, CHANGES_WATERMARK_KEY);
  return raw !== null && !Number.isNaN(Date.parse(raw)) ? raw : getNewestLastModified(db);
}

/** Whether the changes listing is due: never walked, walked at least `everyMs` ago, or a clock that went back. */
function isDue(checkedAt: string | null, everyMs: number, now: Date): boolean {
  const checkedMs = checkedAt === null ? NaN : Date.parse(checkedAt);
  if (Number.isNaN(checkedMs)) return true;
  const elapsed = now.getTime() - checkedMs;
  return elapsed >= everyMs || elapsed < 0;
}

/** A watermark as stored by nextWatermark; null for anything else (then the database's newest date serves). */
export function parseWatermark(raw: string): Watermark | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const { createdAt, ids } = (value ?? {}) as { createdAt?: unknown; ids?: unknown };
  if (typeof createdAt !== "string" || Number.isNaN(Date.parse(createdAt)) || !Array.isArray(ids)) return null;
  const strings = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return { createdAt, ids: new Map(strings.map((id) => [idKey(id), id])) };
}

function readTracked(db: Db): TrackedLookup {
  const byKey = new Map(listTrackedFamilies(db).map((family) => [idKey(family.id), family.id]));
  return { trackedId: (id) => byKey.get(idKey(id)) ?? null };
}

function detect(ctx: PollContext, id: string): TrackedAncestor[] {
  return detectForks(id, {
    parentsOf: (child) => declaredParents(ctx.db, child),
    trackedId: ctx.tracked.trackedId,
    keyOf: idKey,
  });
}

/** The model's declared parents, one per parent (the winning source's relation), by parent id. */
function declaredParents(db: Db, id: string): ParentSummary[] {
  const seen = new Set<string>();
  const parents: ParentSummary[] = [];
  for (const edge of getParents(db, id)) {
    const key = idKey(edge.parent);
    if (seen.has(key)) continue;
    seen.add(key);
    parents.push({ id: edge.parent, relation: edge.relation });
  }
  return parents;
}

function sameParents(a: ParentSummary[], b: ParentSummary[]): boolean {
  const keys = (list: ParentSummary[]) =>
    list
      .map((p) => `${idKey(p.id)}\n${p.relation}`)
      .sort()
      .join("\n\n");
  return keys(a) === keys(b);
}

function fileProblems(ctx: PollContext, now: string, problems: [string, string][]): number {
  for (const [kind, message] of problems)
    recordProblem(ctx.db, { runId: ctx.runId, modelId: null, kind, message }, now);
  if (ctx.runId !== null && problems.length > 0) updateRunCounters(ctx.db, ctx.runId, { problems: problems.length });
  return problems.length;
}

function shiftIso(iso: string, deltaMs: number): string {
  return new Date(Date.parse(iso) + deltaMs).toISOString();
}

export interface WatcherOptions extends WatchOptions {
  /** Time from the start of one poll to the start of the next. */
  intervalMs?: number;
  /** Poll once and return (a failed poll then throws). */
  once?: boolean;
}

export interface WatcherDeps extends Omit<WatchDeps, "runId"> {
  /** Each event, once its poll has committed. */
  onEvent?: (event: WatchEvent) => void;
  onPoll?: (summary: PollSummary) => void;
  /** A poll failed (the Hub unreachable, ...): the watcher goes on at the next interval. Not called with `once`. */
  onError?: (error: unknown) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface WatcherResult {
  runId: RunId;
  status: "done" | "interrupted";
  polls: number;
  failures: number;
  events: number;
}

/**
 * Polls until the signal aborts (or once), recording the whole watch as one run. A run left 'running' by a killed
 * watcher is marked interrupted. Aborting stops between polls, or between the pages of a poll in progress.
 */
export async function runWatcher(deps: WatcherDeps, options: WatcherOptions = {}): Promise<WatcherResult> {
  const intervalMs = options.intervalMs ?? WATCH_DEFAULTS.intervalMs;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 1) {
    throw new WatchOptionsError(
      `intervalMs must be a whole number of at least 1, got ${intervalMs}`,
      "intervalMs",
      intervalMs,
    );
  }
  validateWatchOptions(options);
  const { db } = deps;
  const clock = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? abortableSleep;
  const startedAt = clock().toISOString();
  const runId = db.transaction((): RunId => {
    const previous = findResumableRun(db, WATCH_RUN_KEY);
    if (previous?.status === "running") finishRun(db, previous.id, "interrupted", startedAt);
    return startRun(db, { command: "watch", key: WATCH_RUN_KEY, args: { ...options, intervalMs }, now: startedAt });
  })();
  const result: WatcherResult = { runId, status: "done", polls: 0, failures: 0, events: 0 };
  try {
    while (!deps.signal?.aborted) {
      const pollStarted = clock().getTime();
      try {
        const summary = await watchOnce({ ...deps, runId }, options);
        result.polls++;
        result.events += summary.events.length;
        for (const event of summary.events) deps.onEvent?.(event);
        deps.onPoll?.(summary);
        if (summary.status === "interrupted") result.status = "interrupted";
      } catch (error) {
        result.failures++;
        if (options.once) throw error;
        deps.onError?.(error);
      }
      if (options.once) break;
      await sleep(Math.max(0, intervalMs - (clock().getTime() - pollStarted)), deps.signal);
    }
  } catch (error) {
    finishRun(db, runId, "failed", clock().toISOString());
    throw error;
  }
  finishRun(db, runId, result.status, clock().toISOString());
  return result;
}
