// The watcher loop: a poll every interval until the signal aborts (or once), the whole watch recorded as one run.
import { abortableSleep } from "../../common/abortable-sleep";
import { findResumableRun, finishRun, startRun, type RunId } from "../../db/runs";
import type { WatchEvent } from "./record-events";
import { watchOnce, type PollSummary, type WatchDeps } from "./watch-once";
import { validateWatchOptions, WATCH_DEFAULTS, WatchOptionsError, type WatchOptions } from "./watch-options";

const WATCH_RUN_KEY = "watch";

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
