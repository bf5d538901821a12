// Where a poll stops: the newest createdAt seen on the Hub (with the ids listed near it), and the changes
// listing's newest lastModified; read from the state table, else from what a crawl stored.
import { getState, setState } from "../../db/crawl-state";
import { getNewestCreatedAt, getNewestLastModified } from "../../db/fork-events";
import type { Db } from "../../db/open-database";
import { idKey } from "../../lineage/id-key";

/** Ids kept with the watermark (those listed inside the overlap); more are dropped, oldest first. */
const MAX_WINDOW_IDS = 2000;
export const WATERMARK_KEY = "watch:watermark";
/** The newest lastModified the changes listing has seen on the Hub: where its next walk stops. */
export const CHANGES_WATERMARK_KEY = "watch:changes-watermark";
/** When the changes listing was last walked to the end (local clock: it only schedules the walk). */
export const CHANGES_CHECKED_KEY = "watch:changes-checked-at";
/** A model the poll listed, as the watermark needs it. */
export interface ListedModel {
  id: string;
  createdAt: string | null;
}

export interface Watermark {
  createdAt: string;
  /** Ids listed within the overlap at the previous poll, by id key; empty when the watermark comes from the DB. */
  ids: Map<string, string>;
}

/** The next poll stops at the newest createdAt listed (never moving back), keeping the ids listed near it. */
export function nextWatermark(
  previous: Watermark | null,
  listed: Iterable<ListedModel>,
  overlapMs: number,
): { createdAt: string; ids: string[] } | null {
  const models = [...listed];
  let newest = previous?.createdAt ?? null;
  for (const { createdAt } of models)
    if (createdAt !== null && (newest === null || createdAt > newest)) newest = createdAt;
  if (newest === null) return null;
  const from = shiftIso(newest, -overlapMs);
  const ids = models
    .filter((model) => model.createdAt !== null && model.createdAt >= from)
    .sort((a, b) => (a.createdAt! < b.createdAt! ? 1 : a.createdAt! > b.createdAt! ? -1 : 0))
    .slice(0, MAX_WINDOW_IDS)
    .map((model) => model.id);
  return { createdAt: newest, ids };
}

/**
 * Stores the first watermark (the newest createdAt the database holds) unless one is stored: at the end of a crawl and
 * at a first poll. So the first watermark is the first crawl's, whatever runs next: a later crawl that stores newer
 * models before any poll does not move it past them (their fork events would be lost).
 */
export function pinFirstWatermark(db: Db, at: string): void {
  if (getState(db, WATERMARK_KEY) !== null) return;
  const newest = getNewestCreatedAt(db);
  if (newest !== null) setState(db, WATERMARK_KEY, JSON.stringify({ createdAt: newest, ids: [] }), at);
}

/** The stored watermark; else, after a crawl, the newest createdAt the database holds; else none. */
export function readWatermark(db: Db): Watermark | null {
  const raw = getState(db, WATERMARK_KEY);
  const parsed = raw === null ? null : parseWatermark(raw);
  if (parsed !== null) return parsed;
  const newest = getNewestCreatedAt(db);
  return newest === null ? null : { createdAt: newest, ids: new Map() };
}

/** The stored changes watermark; else, after a crawl, the newest lastModified the database holds; else none. */
export function readChangesWatermark(db: Db): string | null {
  const raw = getState(db, CHANGES_WATERMARK_KEY);
  return raw !== null && !Number.isNaN(Date.parse(raw)) ? raw : getNewestLastModified(db);
}

/** Whether the changes listing is due: never walked, walked at least `everyMs` ago, or a clock that went back. */
export function isDue(checkedAt: string | null, everyMs: number, now: Date): boolean {
  const checkedMs = checkedAt === null ? NaN : Date.parse(checkedAt);
  if (Number.isNaN(checkedMs)) return true;
  const elapsed = now.getTime() - checkedMs;
  return elapsed >= everyMs || elapsed < 0;
}

/** A watermark as stored by nextWatermark; null for anything else (then the database's newest date serves). */
function parseWatermark(raw: string): Watermark | null {
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

export function shiftIso(iso: string, deltaMs: number): string {
  return new Date(Date.parse(iso) + deltaMs).toISOString();
}
