// Replays time: hides a store's newest models behind the cutoff, then moves the cutoff forward a few at a time.
import type { HubReplay } from "./hub-replay-server";

export interface RevealOptions {
  /** How many of the newest dated models start hidden. */
  hidden: number;
  /** Models revealed per step (the last step may reveal fewer). */
  perStep: number;
  everyMs: number;
}

export interface Revealing {
  /** The instant the replay's clock started at (the cutoff before the first step), or null when nothing was hidden. */
  readonly startedAt: string | null;
  stop(): void;
}

/**
 * Sets the replay's cutoff just before the `hidden` newest models (by createdAt; undated ones stay visible), then
 * every `everyMs` moves it to the creation time of the next `perStep` of them, so they appear as newly published
 * models would; once all are revealed the cutoff is lifted. Models created at the same instant appear together.
 */
export function revealNewest(replay: HubReplay, options: RevealOptions): Revealing {
  const store = replay.store;
  const times: number[] = [];
  for (let i = 0; i < store.size; i++) {
    const ms = store.createdAtMs(i);
    if (Number.isFinite(ms)) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const steps = times.slice(Math.max(0, times.length - options.hidden));
  if (!steps.length) return { startedAt: null, stop: () => undefined };
  const startedAt = new Date(steps[0] - 1).toISOString();
  replay.setCutoff(startedAt);
  let next = 0;
  const timer = setInterval(() => {
    next = Math.min(steps.length, next + options.perStep);
    if (next >= steps.length) {
      replay.setCutoff(null);
      clearInterval(timer);
    } else replay.setCutoff(new Date(steps[next - 1]).toISOString());
  }, options.everyMs);
  timer.unref();
  return { startedAt, stop: () => clearInterval(timer) };
}
