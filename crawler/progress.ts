// Crawl progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise (logs, CI). The
// ETA counts the budget's waits, does not jump back while the work left is unchanged, and a wait is said.
import type { BudgetUsage } from "./hub/bucket-pacer";

export type CrawlPhase = "up" | "down" | "sweep" | "cards";

export interface CrawlProgress {
  phase: CrawlPhase;
  /** Models written by this run so far. */
  models: number;
  /** Edges added by this run so far. */
  edges: number;
  requests: number;
  retries: number;
  /** Requests still needed at least (pending listings, sweep pages left); null when unknown. */
  remaining: number | null;
}

export interface ProgressReporter {
  update(progress: CrawlProgress): void;
  /** Requests are held until `untilMs` (epoch ms): the budget's window is spent, or the Hub asked to wait. */
  waiting(wait: { untilMs: number; reason: string }): void;
  /** Draws the last state and ends the bar's line; later updates are ignored. */
  finish(): void;
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream;
  isTty: boolean;
  now?: () => number;
  /** Time between plain lines (not on a terminal). */
  intervalMs?: number;
  /** The API bucket's budget and window, so the ETA counts the waits for the next windows. */
  budget?: () => BudgetUsage | null;
}

const BAR_WIDTH = 24;
const TTY_REDRAW_MS = 100;
const DEFAULT_INTERVAL_MS = 10_000;
// The rate is measured over a sliding window so the ETA follows slow-downs (a 429 wait) rather than the average.
const RATE_WINDOW_MS = 30_000;
// A wait at least this long gets a line of its own when not on a terminal (shorter ones show in the next line).
const NOTICE_WAIT_MS = 10_000;
// The shown ETA may rise without the work growing only past this much (a real slow-down, not noise).
const ETA_RISE_SLACK = { ms: 10_000, share: 0.5 };

const count = (n: number): string => n.toLocaleString("en-US");

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** Wall-clock time of day, UTC, for "until 14:05:00". */
export function formatClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/**
 * The least time `remaining` API requests take under the budget: what the current window has left goes now, the
 * rest a window's quota at a time after its end. Null when the budget is not known.
 */
export function budgetEtaMs(remaining: number, budget: BudgetUsage | null, now: number): number | null {
  if (!budget) return null;
  if (!budget.window) return remaining > budget.limit ? (remaining / budget.limit) * budget.windowMs : 0;
  const { left, endMs } = budget.window;
  if (remaining <= left) return 0;
  return Math.max(0, endMs - now) + Math.floor((remaining - left - 1) / budget.limit) * budget.windowMs;
}

/**
 * The text of one progress line; `rate` is requests per second, null before it can be measured. `etaMs`, when
 * given, is the reporter's ETA (budget waits included); otherwise the work left at `rate`.
 */
export function formatProgress(progress: CrawlProgress, rate: number | null, etaMs?: number | null): string {
  const computed =
    progress.remaining === null
      ? null
      : progress.remaining === 0
        ? 0
        : rate
          ? (progress.remaining / rate) * 1000
          : null;
  const eta = etaMs === undefined ? computed : etaMs;
  return (
    `${progress.phase}: ${count(progress.models)} models, ${count(progress.edges)} edges, ` +
    `${count(progress.requests)} requests (${rate === null ? "?" : rate.toFixed(1)}/s), ` +
    `${count(progress.retries)} retries, ETA ${eta === null ? "?" : formatDuration(eta)}`
  );
}

function bar(progress: CrawlProgress): string {
  if (progress.remaining === null) return `[${"?".repeat(BAR_WIDTH)}]`;
  const total = progress.requests + progress.remaining;
  const filled = total === 0 ? BAR_WIDTH : Math.round((progress.requests / total) * BAR_WIDTH);
  return `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}]`;
}

export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const samples: { at: number; requests: number }[] = [];
  let last: CrawlProgress | null = null;
  let lastDrawn = -Infinity;
  let isFinished = false;
  // The first total seen, to say when it grew; the last ETA shown, to keep it from jumping back.
  let firstTotal: number | null = null;
  let shown: { etaMs: number; at: number; total: number } | null = null;
  let wait: { untilMs: number; reason: string } | null = null;

  function rate(at: number): number | null {
    while (samples.length > 2 && at - samples[1].at >= RATE_WINDOW_MS) samples.shift();
    const first = samples[0];
    const latest = samples[samples.length - 1];
    const seconds = (latest.at - first.at) / 1000;
    return seconds > 0 ? (latest.requests - first.requests) / seconds : null;
  }

  function eta(progress: CrawlProgress, measured: number | null, at: number): number | null {
    if (progress.remaining === null) return null;
    const total = progress.requests + progress.remaining;
    const byRate = progress.remaining === 0 ? 0 : measured ? (progress.remaining / measured) * 1000 : null;
    const byBudget = budgetEtaMs(progress.remaining, options.budget?.() ?? null, at);
    const computed = byRate === null ? byBudget : Math.max(byRate, byBudget ?? 0);
    if (computed === null) return null;
    if (shown && shown.total === total) {
      // Same work left to find: count down from the last shown ETA unless the new one is far above it.
      const countdown = Math.max(0, shown.etaMs - (at - shown.at));
      const isRealRise = computed > countdown + Math.max(ETA_RISE_SLACK.ms, countdown * ETA_RISE_SLACK.share);
      if (!isRealRise && computed > countdown) return countdown;
    }
    shown = { etaMs: computed, at, total };
    return computed;
  }

  function line(at: number): string {
    const progress = last!;
    let text = formatProgress(progress, rate(at), eta(progress, rate(at), at));
    if (progress.remaining !== null) {
      const total = progress.requests + progress.remaining;
      firstTotal ??= total;
      if (total > firstTotal) text += ` (total grew from ${count(firstTotal)} to ${count(total)} requests)`;
    }
    if (wait && wait.untilMs > at)
      text += `, waiting for ${wait.reason} until ${formatClock(wait.untilMs)} (${formatDuration(wait.untilMs - at)})`;
    return text;
  }

  function draw(at: number): void {
    if (!last) return;
    if (options.isTty) options.stream.write(`\r\x1b[2K${bar(last)} ${line(at)}`);
    else options.stream.write(`${line(at)}\n`);
    lastDrawn = at;
  }

  return {
    update(progress) {
      if (isFinished) return;
      const at = now();
      last = progress;
      samples.push({ at, requests: progress.requests });
      if (at - lastDrawn >= (options.isTty ? TTY_REDRAW_MS : interval)) draw(at);
    },
    waiting(next) {
      if (isFinished) return;
      const at = now();
      wait = next;
      if (options.isTty) draw(at);
      else if (next.untilMs - at >= NOTICE_WAIT_MS) {
        options.stream.write(
          `waiting for ${next.reason} until ${formatClock(next.untilMs)} (${formatDuration(next.untilMs - at)})\n`,
        );
      }
    },
    finish() {
      if (isFinished) return;
      isFinished = true;
      if (last && options.isTty) {
        draw(now());
        options.stream.write("\n");
      }
    },
  };
}
