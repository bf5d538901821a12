// Benchmark (not a test): what a crawl costs in requests per model, and how fast it ingests from the local Hub
// replay (recorded ../shared/hub-data and a synthetic Hub), walk and sweep, into a WAL database file; medians.
// Run: npx tsx bench/crawl-bench.ts [--runs N] [--synthetic MODELS]
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { connectHub } from "../crawler/hub/connect-hub";
import { crawl, type CrawlOptions } from "../crawler/crawl";
import { openDatabase } from "../db/open-database";
import { getLineageStats } from "../db/queries/stats";
import { startHubReplay, type HubReplayOptions } from "../replay/hub-replay-server";
import { createSyntheticHub } from "../replay/synthetic-hub";
import { median, readCount } from "./bench-options";

const HUB_DATA = resolve(__dirname, "../../shared/hub-data");
const CONCURRENCY = 8;

interface Sample {
  ms: number;
  requests: number;
  listings: number;
  models: number;
}

/** One crawl from an empty database file against a fresh replay. */
async function crawlOnce(replayOptions: HubReplayOptions, options: CrawlOptions): Promise<Sample> {
  const replay = await startHubReplay(replayOptions);
  const dir = mkdtempSync(join(tmpdir(), "hf-lineage-bench-"));
  const db = openDatabase(join(dir, "lineage.db"));
  try {
    const connection = connectHub({ hubUrl: replay.url, rate: "1000000/1", concurrency: CONCURRENCY }, {});
    const started = performance.now();
    const summary = await crawl(
      { concurrency: CONCURRENCY, ...options },
      { db, hub: connection.hub, requestCounts: connection.counts },
    );
    const ms = performance.now() - started;
    return {
      ms,
      requests: summary.requests,
      listings: replay.stats().byRoute.list,
      models: getLineageStats(db).models.fetched,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    await replay.close();
  }
}

async function report(
  name: string,
  runs: number,
  replayOptions: HubReplayOptions,
  options: CrawlOptions,
): Promise<void> {
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) samples.push(await crawlOnce(replayOptions, options));
  const ms = median(samples.map((s) => s.ms));
  const { requests, listings, models } = samples[0];
  process.stdout.write(
    `${name.padEnd(34)} ${models.toLocaleString("en-US").padStart(8)} models  ` +
      `${requests.toLocaleString("en-US").padStart(7)} requests ` +
      `(${listings.toLocaleString("en-US")} listings)  ${(requests / models).toFixed(4)} req/model  ` +
      `median ${(ms / 1000).toFixed(2)} s  ${Math.round(models / (ms / 1000)).toLocaleString("en-US")} models/s\n`,
  );
}

function recordedRoots(): string[] {
  const trees = join(HUB_DATA, "trees");
  const roots = readdirSync(trees).map(
    (file) =>
      (
        JSON.parse(readFileSync(join(trees, file), "utf8")) as { models: { model_id: string; depth: number }[] }
      ).models.find((m) => m.depth === 0)!.model_id,
  );
  return [...roots, "HuggingFaceTB/SmolLM2-1.7B"];
}

async function main(): Promise<void> {
  const runs = readCount("--runs", 3);
  const syntheticModels = readCount("--synthetic", 100_000);
  process.stdout.write(
    `crawl bench: ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
      `node ${process.version}; ` +
      `concurrency ${CONCURRENCY}, replay in-process, WAL file database, median of ${runs}\n`,
  );
  if (existsSync(join(HUB_DATA, "trees"))) {
    await report("recorded: walk of the 11 roots", runs, { data: HUB_DATA }, { seeds: recordedRoots(), plan: "walk" });
    await report("recorded: sweep", runs, { data: HUB_DATA }, { seeds: recordedRoots(), plan: "sweep" });
  } else {
    process.stdout.write(`recorded data: skipped, ${HUB_DATA} is absent\n`);
  }
  const hub = createSyntheticHub({ models: syntheticModels, seed: 3 });
  const seeds: string[] = [];
  for (let i = 0; i < hub.size; i++)
    if (hub.declaredParents(i).length === 0 && hub.childIndexes(i).length > 0) seeds.push(hub.id(i));
  const label = `synthetic ${syntheticModels.toLocaleString("en-US")}`;
  await report(`${label}: walk of ${seeds.length} families`, runs, { store: hub }, { seeds, plan: "walk" });
  await report(`${label}: sweep`, runs, { store: hub }, { seeds: seeds.slice(0, 1), plan: "sweep" });
  process.stdout.write(
    `load average at end: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")} (shared machine)\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`crawl bench: ${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
