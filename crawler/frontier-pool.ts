// Works through one direction of a crawl's frontier with bounded concurrency: each free worker takes the oldest
// pending item not already in flight, straight from the store, so one slow item (a retry's backoff) holds up no
// other. Optionally level by level: an item waits while a shallower one is in flight.
import { nextPending, type FrontierDirection, type FrontierItem } from "../db/frontier";
import type { Db } from "../db/open-database";

export interface FrontierPoolOptions {
  db: Db;
  key: string;
  direction: FrontierDirection;
  concurrency: number;
  /**
   * Start an item only when no shallower item is in flight, so that every model of a level is enqueued before
   * the next level starts, and each model is reached at its shortest distance whatever order work finishes in.
   */
  isLevelByLevel: boolean;
  /** Stops new starts; the items in flight finish. */
  signal?: AbortSignal;
}

/**
 * Runs `work` on pending items until none is left (work marks its item done, or the item would be taken again).
 * The first error stops new starts and is rethrown once the items in flight have settled.
 */
export async function runFrontierPool(
  options: FrontierPoolOptions,
  work: (item: FrontierItem) => Promise<void>,
): Promise<void> {
  const inFlight = new Map<string, FrontierItem>();
  let failure: { error: unknown } | null = null;
  let wake: () => void = () => undefined;
  let changed = new Promise<void>((resolve) => (wake = resolve));
  const notify = () => {
    const resolve = wake;
    changed = new Promise<void>((next) => (wake = next));
    resolve();
  };

  const take = (): FrontierItem | null => {
    const pending = nextPending(options.db, options.key, options.direction, inFlight.size + 1);
    const item = pending.find((candidate) => !inFlight.has(candidate.id.toLowerCase()));
    if (!item) return null;
    if (options.isLevelByLevel) {
      for (const running of inFlight.values()) if (running.depth < item.depth) return null;
    }
    return item;
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (failure !== null || options.signal?.aborted) return;
      const item = take();
      if (item === null) {
        if (inFlight.size === 0) return;
        await changed;
        continue;
      }
      const id = item.id.toLowerCase();
      inFlight.set(id, item);
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      } finally {
        inFlight.delete(id);
        notify();
      }
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}
