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
