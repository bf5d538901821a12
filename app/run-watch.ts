// What `watch` runs: the tracked families added, then the watcher over a database until its poll ends or Ctrl-C.
import { stopOnSignals } from "../common/on-signals";
import type { HubConnection } from "../crawler/hub/connect-hub";
import { resolveId } from "../db/aliases";
import { getModel } from "../db/models";
import { openDatabase, type Db } from "../db/open-database";
import { listTrackedFamilies, trackFamily } from "../db/tracked-families";
import type { CliIo } from "./cli-io";
import { startWatcher } from "./start-watcher";

export interface WatchRequest {
  dbPath: string;
  connection: HubConnection;
  /** Ids to track from now on, like crawl seeds. */
  tracks: string[];
  intervalMs: number;
  changesEveryMs: number;
  once: boolean;
  webhookUrl?: string;
}

/** Tracks the ids and says which families are not stored yet (only their direct children are recognised). */
function trackFamilies(db: Db, ids: string[], io: CliIo): void {
  const now = new Date().toISOString();
  for (const raw of ids) {
    const id = resolveId(db, raw) ?? raw;
    trackFamily(db, id, "track", now);
    if (getModel(db, id)?.fetchedAt == null) {
      io.stderr.write(
        `watch: ${id} is tracked but not crawled: forks of its existing members are recognised once you run ` +
          `hf-lineage crawl --seed ${id}\n`,
      );
    }
  }
  if (listTrackedFamilies(db).length === 0) {
    io.stderr.write(
      "watch: no tracked family yet (crawl seeds or --track ID): new models are stored, " +
        "but none is a fork of anything tracked\n",
    );
  }
}

/**
 * Resolves to the exit code: 1 when a single poll (`once`) was interrupted, else 0. A first SIGINT or SIGTERM stops
 * the loop; a second one quits at once.
 */
export async function runWatch(request: WatchRequest, io: CliIo): Promise<number> {
  const db = openDatabase(request.dbPath);
  const stop = stopOnSignals(() =>
    io.stderr.write("\nstopping (Ctrl-C again to quit now; nothing is lost either way)\n"),
  );
  try {
    trackFamilies(db, request.tracks, io);
    const result = await startWatcher({
      db,
      connection: request.connection,
      io,
      signal: stop.signal,
      intervalMs: request.intervalMs,
      changesEveryMs: request.changesEveryMs,
      once: request.once,
      webhookUrl: request.webhookUrl,
    });
    if (request.once && result.status === "interrupted") {
      io.stderr.write("hf-lineage watch: interrupted; rerun to finish the poll (nothing is lost)\n");
      return 1;
    }
    return 0;
  } finally {
    stop.release();
    db.close();
  }
}
