// What the walks and the sweep of one crawl run share: the store, the Hub, the run and frontier key, the clock,
// the request accounting charged to each committed page, and the progress tally.
import type { Db } from "../db/open-database";
import type { RunId } from "../db/runs";
import { recordProblem } from "../db/problems";
import { updateRunCounters } from "../db/runs";
import { markDone, type FrontierItem } from "../db/frontier";
import { HubRequestError } from "./hub/hub-fetch";
import type { HubClient } from "./hub/hub-client";
import type { IngestResult } from "./ingest-page";
import type { CrawlPhase, CrawlProgress } from "./progress";

/** Requests the Hub access layer has sent so far (retries included), and how many of them were retries. */
export interface RequestCounts {
  requests: number;
  retries: number;
}

export interface CrawlContext {
  db: Db;
  hub: HubClient;
  /** The frontier and crawl-state key of this crawl (the same command resumes the same key). */
  key: string;
  runId: RunId;
  runStartedAt: string;
  /** The clock, as the ISO strings the store keeps. */
  now(): string;
  /** Models listed or read less than this long ago are not asked for again (unless refresh). */
  freshForMs: number;
  refresh: boolean;
  /** Whether to fetch every reached model's card (--cards). */
  cards: boolean;
  /** Whether a card read for a model without declared parents is searched for inferred ones (on unless --no-infer). */
  infer: boolean;
  concurrency: number;
  /** Stops the walks from taking new work; what is in flight finishes and commits. */
  signal?: AbortSignal;
  /** Requests and retries sent since the last call: charged to the page being committed. */
  takeRequests(): RequestCounts;
  tally: CrawlTally;
}

/** Running totals of this invocation, for progress and the summary. */
export class CrawlTally {
  models = 0;
  /** Edges added, inferred ones included. */
  edges = 0;
  /** Of which inferred from cards. */
  inferred = 0;
  problems = 0;
  requests = 0;
  retries = 0;
  /** Requests still needed at least, when known. */
  remaining: number | null = null;

  constructor(private readonly onProgress?: (progress: CrawlProgress) => void) {}

  addPage(result: IngestResult, spent: RequestCounts): void {
    this.models += result.modelsWritten;
    this.edges += result.edgesAdded;
    this.problems += result.problems;
    this.addRequests(spent);
  }

  addRequests(spent: RequestCounts): void {
    this.requests += spent.requests;
    this.retries += spent.retries;
  }

  report(phase: CrawlPhase): void {
    this.onProgress?.({
      phase,
      models: this.models,
      edges: this.edges,
      requests: this.requests,
      retries: this.retries,
      remaining: this.remaining,
    });
  }
}

export function createRequestMeter(read: (() => RequestCounts) | undefined): () => RequestCounts {
  let last: RequestCounts = read ? read() : { requests: 0, retries: 0 };
  return () => {
    if (!read) return { requests: 0, retries: 0 };
    const current = read();
    const spent = { requests: current.requests - last.requests, retries: current.retries - last.retries };
    last = current;
    return spent;
  };
}

/** How ingestPage stamps a page of this run: its time and the requests spent on it. */
export function pageStamp(ctx: CrawlContext, now: string, spent: RequestCounts) {
  return { now, runId: ctx.runId, runStartedAt: ctx.runStartedAt, requests: spent.requests, retries: spent.retries };
}

/** True when `stamp` (an ISO time) is less than `ctx.freshForMs` old and the user did not ask to refresh. */
export function isFresh(ctx: CrawlContext, stamp: string | null | undefined): boolean {
  return isFreshAt(stamp, Date.parse(ctx.now()), ctx);
}

/** isFresh at `nowMs`, for a caller without a crawl context. */
export function isFreshAt(
  stamp: string | null | undefined,
  nowMs: number,
  { freshForMs, refresh }: { freshForMs: number; refresh: boolean },
): boolean {
  if (refresh || !stamp) return false;
  return nowMs - Date.parse(stamp) < freshForMs;
}

/** Files a problem under the run and counts it; call it inside the transaction of the work it belongs to. */
export function fileProblem(ctx: CrawlContext, modelId: string | null, kind: string, message: string): void {
  recordProblem(ctx.db, { runId: ctx.runId, modelId, kind, message }, ctx.now());
  updateRunCounters(ctx.db, ctx.runId, { problems: 1 });
  ctx.tally.problems++;
}

/**
 * A request the Hub refused for good for this model (a 4xx other than 429, after hub-fetch's handling): retrying
 * on a rerun would fail the same way. Anything else (5xx, network, timeouts past their retries) stops the crawl,
 * and a rerun resumes it.
 */
export function isRefusal(error: unknown): error is HubRequestError {
  return (
    error instanceof HubRequestError && error.reason === "http-status" && error.status !== null && error.status < 500
  );
}

/** Gives up on one frontier item the Hub refused: files the problem and marks the item done, in one transaction. */
export function skipRefused(ctx: CrawlContext, item: FrontierItem, error: HubRequestError): void {
  const spent = ctx.takeRequests();
  ctx.db.transaction(() => {
    fileProblem(ctx, item.id, "request-refused", error.message);
    updateRunCounters(ctx.db, ctx.runId, spent);
    markDone(ctx.db, ctx.key, item.direction, item.id);
  })();
  ctx.tally.addRequests(spent);
}
