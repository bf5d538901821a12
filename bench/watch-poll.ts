// Benchmark (not a test): what a watcher poll costs against a local replay of a synthetic Hub: requests and time
// for a backlog of new models after a crawl, and the idle poll (nothing new) that runs every interval.
// Run: npx tsx bench/watch-poll.ts [--models 50000] [--runs 7]
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { crawl } from "../crawler/crawl";
import { createHubClient } from "../crawler/hub/hub-client";
import { createHubFetch } from "../crawler/hub/hub-fetch";
import { watchOnce } from "../crawler/watch/watch-once";
import { openDatabase } from "../db/open-database";
import { startHubReplay } from "../replay/hub-replay-server";
import { median, readCount } from "./bench-options";

async function main(): Promise<void> {
  const models = readCount("--models", 50_000);
  const runs = readCount("--runs", 7);
  const replay = await startHubReplay({ synthetic: { models, seed: 1 } });
  const dir = mkdtempSync(join(tmpdir(), "hf-lineage-watch-bench-"));
  const connect = () => {
    const fetcher = createHubFetch({
      hubUrl: replay.url,
      rate: { limit: 1_000_000, windowMs: 1000 },
      concurrency: 4,
      timeoutMs: 30_000,
      maxRetries: 2,
    });
    return { hub: createHubClient({ fetch: fetcher.fetch, hubUrl: replay.url }), counts: () => fetcher.counters() };
  };
  try {
    // Creation dates sorted, so that cutoffs reveal a chosen number of models.
    const dates = Array.from({ length: replay.store.size }, (_, i) => replay.store.createdAtMs(i)).sort(
      (a, b) => a - b,
    );
    const backlogs = [500, 2_000, 10_000].filter((n) => n < models / 2);
    const t1 = new Date(dates[dates.length - 1 - Math.max(...backlogs)]);
    replay.setCutoff(t1);
    const base = join(dir, "crawled.db");
    const db = openDatabase(base);
    const seeds = [0, 1, 2].map((i) => replay.store.id(i));
    const { hub, counts } = connect();
    await crawl({ seeds, plan: "sweep" }, { db, hub, requestCounts: counts });
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();

    console.log(
      `watch poll benchmark: synthetic Hub of ${models.toLocaleString("en-US")} models, swept at T1 = ` +
        `${t1.toISOString()}`,
    );
    console.log(
      `machine: ${cpus()[0]?.model ?? "?"} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ` +
        `${process.version}`,
    );
    for (const backlog of backlogs) {
      const times: number[] = [];
      const idle: number[] = [];
      let requests = 0;
      let idleRequests = 0;
      let events = 0;
      for (let run = 0; run < runs; run++) {
        const path = join(dir, `run-${backlog}-${run}.db`);
        copyFileSync(base, path);
        const copy = openDatabase(path);
        replay.setCutoff(new Date(dates[dates.length - 1 - Math.max(...backlogs) + backlog]));
        const started = performance.now();
        const summary = await watchOnce({ db: copy, ...withCounts(connect()) });
        times.push(performance.now() - started);
        requests = summary.requests;
        events = summary.events.length;
        const idleStarted = performance.now();
        idleRequests = (await watchOnce({ db: copy, ...withCounts(connect()) })).requests;
        idle.push(performance.now() - idleStarted);
        copy.close();
        rmSync(path, { force: true });
      }
      const ms = median(times);
      console.log(
        `backlog ${backlog.toLocaleString("en-US")} new models: ${requests} requests, median ${ms.toFixed(0)} ms ` +
          `(${((backlog / ms) * 1000).toFixed(0)} models/s), ${events} events; idle poll after it: ${idleRequests} ` +
          `request, ` +
          `median ${median(idle).toFixed(1)} ms`,
      );
    }
    console.log(
      `load average at end: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(" ")} (the machine is shared)`,
    );
  } finally {
    await replay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function withCounts(connection: {
  hub: ReturnType<typeof createHubClient>;
  counts: () => { requests: number; retries: number };
}) {
  return { hub: connection.hub, requestCounts: connection.counts };
}

void main();
