// The watcher's settings: what each poll may read, their defaults, and their validation.
import { PAGE_LIMIT } from "../hub/hub-client";

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

/** A whole-number setting within [min, max], or a WatchOptionsError naming it. */
function wholeNumber(field: keyof WatchOptions, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  const range = max < Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : `of ${min} or more`;
  throw new WatchOptionsError(`${field} must be a whole number ${range}, got ${value}`, field, value);
}

export function validateWatchOptions(options: WatchOptions): Required<WatchOptions> {
  return {
    pageSize: wholeNumber("pageSize", options.pageSize ?? WATCH_DEFAULTS.pageSize, 1, PAGE_LIMIT),
    overlapMs: wholeNumber("overlapMs", options.overlapMs ?? WATCH_DEFAULTS.overlapMs, 0),
    maxVanishedChecks: wholeNumber(
      "maxVanishedChecks",
      options.maxVanishedChecks ?? WATCH_DEFAULTS.maxVanishedChecks,
      0,
    ),
    changesEveryMs: wholeNumber("changesEveryMs", options.changesEveryMs ?? WATCH_DEFAULTS.changesEveryMs, 0),
  };
}
