// Crawl progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise (logs, CI).

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
  /** Draws the last state and ends the bar's line; later updates are ignored. */
  finish(): void;
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream;
  isTty: boolean;
  now?: () => number;
  /** Time between plain lines (not on a terminal). */
  intervalMs?: number;
}

const BAR_WIDTH = 24;
const TTY_REDRAW_MS = 100;
const DEFAULT_INTERVAL_MS = 10_000;
// The rate is measured over a sliding window so the ETA follows slow-downs (a 429 wait) rather than the average.
const RATE_WINDOW_MS = 30_000;

const count = (n: number): string => n.toLocaleString("en-US");

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** The text of one progress line; `rate` is requests per second, null before it can be measured. */
export function formatProgress(progress: CrawlProgress, rate: number | null): string {
  const eta =
    progress.remaining === null
      ? "?"
      : progress.remaining === 0
        ? "0s"
        : rate
          ? formatDuration((progress.remaining / rate) * 1000)
          : "?";
  return (
    `${progress.phase}: ${count(progress.models)} models, ${count(progress.edges)} edges, ` +
    `${count(progress.requests)} requests (${rate === null ? "?" : rate.toFixed(1)}/s), ` +
    `${count(progress.retries)} retries, ETA ${eta}`
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

  function rate(at: number): number | null {
    while (samples.length > 2 && at - samples[1].at >= RATE_WINDOW_MS) samples.shift();
    const first = samples[0];
    const latest = samples[samples.length - 1];
    const seconds = (latest.at - first.at) / 1000;
    return seconds > 0 ? (latest.requests - first.requests) / seconds : null;
  }

  function draw(at: number): void {
    if (!last) return;
    const line = formatProgress(last, rate(at));
    if (options.isTty) options.stream.write(`\r\x1b[2K${bar(last)} ${line}`);
    else options.stream.write(`${line}\n`);
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
