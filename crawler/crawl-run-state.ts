// The durable state of a crawl besides its frontier, kept in crawl_state under the crawl's key: the seeds' sizes
// (read with their records), the plan taken, and the sweep's cursor. Each is written in the transaction of the
// work that produced it, so a resumed crawl finds exactly what the killed one had committed.
import type { Db } from "../db/open-database";
import { getState, setState } from "../db/crawl-state";
import type { CrawlPlan, HubSize, SeedSize } from "./plan-crawl";
import { DEFAULT_HUB_MODEL_COUNT } from "./plan-crawl";

export interface SweepState {
  /** The next page's absolute URL; null before the first page. */
  next: string | null;
  pages: number;
  models: number;
  isFinished: boolean;
  /** When its first page was read (absent in states older versions wrote). */
  startedAt?: string;
  /** The newest `createdAt` its pages held (the Hub's clock): where the next top-up may stop. */
  watermark?: string | null;
  /** Of a top-up: the records it read that were created after the previous sweep's watermark. */
  newModels?: number;
  /**
   * The last complete sweep this one makes once its staged pages are merged (set with its last page; recorded by
   * the merge that stores them, even a rerun's after a kill).
   */
  completes?: LastSweep | null;
}

/**
 * The last complete sweep of the whole Hub (or top-up of one): a later sweep within freshForMs of `sweptAt` reads only
 * the models created since (crawler/top-up.ts).
 */
export interface LastSweep {
  /** When the last full sweep began: its freshness runs from here (top-ups do not renew it). */
  sweptAt: string;
  /** When the last complete sweep or top-up began: "N new models since the sweep of <since>". */
  since: string;
  /** The newest `createdAt` the store holds from the Hub's listing (the Hub's clock, never ours). */
  watermark: string;
  /** Models the Hub listed then (the full sweep's count, plus the new models of the top-ups after it). */
  models: number;
}

const HUB_SIZE_KEY = "hub:model-count";
const HUB_SIZE_ASKED_KEY = "hub:model-count-asked";
const SWEEP_PAGE_SIZE_KEY = "hub:sweep-page-size";
const LAST_SWEEP_KEY = "hub:last-sweep";
const EMPTY_SWEEP: SweepState = { next: null, pages: 0, models: 0, isFinished: false };

const seedsKey = (key: string) => `${key}:seeds`;
const planKey = (key: string) => `${key}:plan`;
const sweepKey = (key: string) => `${key}:sweep`;

function readJson<T>(db: Db, key: string, fallback: T): T {
  const text = getState(db, key);
  return text ? (JSON.parse(text) as T) : fallback;
}

/** Forgets the state of an earlier crawl under the same key: called when a crawl starts afresh. */
export function resetCrawlState(db: Db, key: string, now: string): void {
  setState(db, seedsKey(key), "", now);
  setState(db, planKey(key), "", now);
  setState(db, sweepKey(key), "", now);
}

export function getSeedSizes(db: Db, key: string): SeedSize[] {
  return readJson<SeedSize[]>(db, seedsKey(key), []);
}

export function setSeedSize(db: Db, key: string, seed: SeedSize, now: string): void {
  const sizes = getSeedSizes(db, key).filter((s) => s.id.toLowerCase() !== seed.id.toLowerCase());
  setState(db, seedsKey(key), JSON.stringify([...sizes, seed]), now);
}

export function getPlan(db: Db, key: string): CrawlPlan | null {
  return readJson<CrawlPlan | null>(db, planKey(key), null);
}

export function setPlan(db: Db, key: string, plan: CrawlPlan, now: string): void {
  setState(db, planKey(key), JSON.stringify(plan), now);
}

export function getSweepState(db: Db, key: string): SweepState {
  return readJson<SweepState>(db, sweepKey(key), EMPTY_SWEEP);
}

export function setSweepState(db: Db, key: string, state: SweepState, now: string): void {
  setState(db, sweepKey(key), JSON.stringify(state), now);
}

/** The Hub's size as last learned, and when (ISO); a bare number is what earlier versions stored: a sweep's count. */
interface StoredHubSize {
  models: number;
  source: "reported" | "counted";
  at: string | null;
}

function readHubSize(db: Db): StoredHubSize | null {
  const text = getState(db, HUB_SIZE_KEY);
  if (!text) return null;
  if (/^\d+$/.test(text)) return { models: Number(text), source: "counted", at: null };
  return JSON.parse(text) as StoredHubSize;
}

/**
 * The Hub's size: as the Hub last said it or the last finished sweep counted it, else `fallback`
 * (DEFAULT_HUB_MODEL_COUNT by default).
 */
export function getHubSize(db: Db, fallback: number = DEFAULT_HUB_MODEL_COUNT): HubSize {
  const stored = readHubSize(db);
  const size: HubSize = stored
    ? { models: stored.models, source: stored.source }
    : { models: fallback, source: "estimate" };
  const pageSize = getSweepPageSize(db);
  return pageSize === null ? size : { ...size, pageSize };
}

/** Records a sweep page holds as the Hub served them, when a capped page said (see setSweepPageSize); else null. */
export function getSweepPageSize(db: Db): number | null {
  const text = getState(db, SWEEP_PAGE_SIZE_KEY);
  const size = text === null ? Number.NaN : Number(text);
  return Number.isSafeInteger(size) && size >= 1 ? size : null;
}

/**
 * Remembers the page size the Hub serves the sweep: what a page held when it came back with fewer records than asked
 * and a next link (the Hub capped it), or the asked size again once a full page shows the cap is gone.
 */
export function setSweepPageSize(db: Db, size: number, now: string): void {
  setState(db, SWEEP_PAGE_SIZE_KEY, String(size), now);
}

/** When the Hub was last asked its size (whether it said or not), as an ISO time; null when never. */
export function getHubSizeAskedAt(db: Db): string | null {
  return getState(db, HUB_SIZE_ASKED_KEY);
}

export function setHubSizeAskedAt(db: Db, now: string): void {
  setState(db, HUB_SIZE_ASKED_KEY, now, now);
}

export function setHubSize(db: Db, models: number, now: string, source: "reported" | "counted" = "counted"): void {
  setState(db, HUB_SIZE_KEY, JSON.stringify({ models, source, at: now } satisfies StoredHubSize), now);
}

/** The last complete sweep or top-up (any crawl's: it is the whole Hub either way), or null when none finished. */
export function getLastSweep(db: Db): LastSweep | null {
  return readJson<LastSweep | null>(db, LAST_SWEEP_KEY, null);
}

export function setLastSweep(db: Db, sweep: LastSweep, now: string): void {
  setState(db, LAST_SWEEP_KEY, JSON.stringify(sweep), now);
}
