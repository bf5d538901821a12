// Benchmark (not a test): what a sweep rerun costs within freshForMs of a complete one (a top-up) against the full
// sweep it replaces. A synthetic Hub replay in process (loopback) hides its newest `--added` models; per run, a full
// `crawl --all` into a fresh file database (baseline), the models published, then the same command again (the
// top-up) and, to compare, with --refresh (a full sweep of the same Hub, same run). Reports requests (what the Hub's
// budget counts) and wall time, medians over runs, their ratio, and the load average.
// Run: npx tsx bench/top-up-sweep.ts [--models 100000] [--added 300] [--runs 3]
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { crawl, type CrawlOptions } from "../crawler/crawl";
import { connectHub } from "../crawler/hub/connect-hub";
import { openDatabase, type Db } from "../db/open-database";
import { startHubReplay, type HubReplay } from "../replay/hub-replay-server";
import { median, readCount } from "./bench-options";

const models = readCount("--models", 100_000);
const added = readCount("--added", 300);
const runs = readCount("--runs", 3);

async function timedCrawl(replay: HubReplay, db: Db, options: Partial<CrawlOptions> = {}) {
  replay.resetStats();
  const { hub, counts } = connectHub({ hubUrl: replay.url, rate: "100000/1" }, {});
  const started = performance.now();
  const summary = await crawl({ seeds: [], all: true, ...options }, { db, hub, requestCounts: counts });
  return { ms: performance.now() - started, requests: replay.stats().requests, reason: summary.plan?.reason ?? "" };
}

async function main(): Promise<void> {
  const replay = await startHubReplay({ synthetic: { models, seed: 3 } });
  const times: number[] = [];
  for (let i = 0; i < replay.store.size; i++) times.push(replay.store.createdAtMs(i));
  times.sort((a, b) => a - b);
  const cutoff = times[times.length - added] - 1;
  const hidden = times.filter((t) => t > cutoff).length;
  const rows: { full: number; fullMs: number; topUp: number; topUpMs: number; refresh: number; refreshMs: number }[] =
    [];
  const dir = mkdtempSync(join(tmpdir(), "hf-lineage-top-up-bench-"));
  const load = [loadavg()[0]];
  try {
    for (let run = 0; run < runs; run++) {
      const db = openDatabase(join(dir, `run-${run}.db`));
      try {
        replay.setCutoff(new Date(cutoff).toISOString());
        const full = await timedCrawl(replay, db);
        replay.setCutoff(null);
        const topUp = await timedCrawl(replay, db);
        if (!topUp.reason.startsWith("top-up sweep:")) throw new Error(`the rerun was no top-up: ${topUp.reason}`);
        const refresh = await timedCrawl(replay, db, { refresh: true });
        rows.push({
          full: full.requests,
          fullMs: full.ms,
          topUp: topUp.requests,
          topUpMs: topUp.ms,
          refresh: refresh.requests,
          refreshMs: refresh.ms,
        });
        console.log(
          `run ${run + 1}: full sweep ${full.requests} requests ${Math.round(full.ms)} ms; top-up ${topUp.requests} ` +
            `requests ${Math.round(topUp.ms)} ms (${topUp.reason.split(" (")[0]}); --refresh ${refresh.requests} ` +
            `requests ${Math.round(refresh.ms)} ms`,
        );
        load.push(loadavg()[0]);
      } finally {
        db.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await replay.close();
  }
  const m = (key: keyof (typeof rows)[number]) => median(rows.map((row) => row[key]));
  console.log(
    `${models.toLocaleString("en-US")} models, ${hidden} published after the sweep, ${runs} run(s): medians ` +
      `full ${m("full")} requests / ${Math.round(m("fullMs"))} ms, top-up ${m("topUp")} requests / ` +
      `${Math.round(m("topUpMs"))} ms, --refresh ${m("refresh")} requests / ${Math.round(m("refreshMs"))} ms; ` +
      `top-up/refresh: requests ${(m("topUp") / m("refresh")).toFixed(4)}x, time ${(m("topUpMs") / m("refreshMs")).toFixed(3)}x; ` +
      `load average ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
