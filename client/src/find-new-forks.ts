// Which rows of a fresh forks page were not on screen before (pure), so the live view can mark them as new.
import type { ForkItem } from "../../server/contract/types";

/** One event per (family, model): ids compare case-insensitively, as everywhere on the Hub. */
export function forkKey(item: Pick<ForkItem, "root" | "model">): string {
  return `${item.root.toLowerCase()}\n${item.model.toLowerCase()}`;
}

/** Keys of the events in `next` that `previous` did not hold. */
export function findNewForks(previous: readonly ForkItem[], next: readonly ForkItem[]): Set<string> {
  const known = new Set(previous.map(forkKey));
  return new Set(next.map(forkKey).filter((key) => !known.has(key)));
}
