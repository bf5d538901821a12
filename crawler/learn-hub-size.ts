// The Hub's size for a sweep's cost, plan and ETA: the Hub's own count (`X-Total-Count` of a one-record newest-first
// listing), asked at most once a day and stored; else the last finished sweep's count; else the documented default.
// A Hub that does not say (a mirror, an older replay) is asked once a day as well, so it costs a request a day.
import type { Db } from "../db/open-database";
import { getHubSize, getHubSizeAskedAt, setHubSize, setHubSizeAskedAt } from "./crawl-run-state";
import type { HubClient } from "./hub/hub-client";
import type { HubSize } from "./plan-crawl";

/** The Hub is asked its size at most this often (it grows by some thousands of models a day). */
export const HUB_SIZE_FRESH_MS = 24 * 3600_000;

/**
 * Asks the Hub how many models it holds unless it was asked within HUB_SIZE_FRESH_MS, stores the answer, and returns
 * the size to plan with. A Hub that does not say (no `X-Total-Count`) leaves the stored size (or the default) in
 * place; one that cannot be asked now too, and is asked again next time: the crawl's own requests will report the
 * failure if it persists.
 */
export async function learnHubSize(db: Db, hub: HubClient, now: Date): Promise<HubSize> {
  const askedAt = getHubSizeAskedAt(db);
  if (askedAt !== null && now.getTime() - Date.parse(askedAt) < HUB_SIZE_FRESH_MS) return getHubSize(db);
  let total: number | null;
  try {
    total = await hub.countModels();
  } catch {
    return getHubSize(db);
  }
  db.transaction(() => {
    if (total !== null) setHubSize(db, total, now.toISOString(), "reported");
    setHubSizeAskedAt(db, now.toISOString());
  })();
  return getHubSize(db);
}
