// Benchmark (not a test): the crawl's write path at scale. A synthetic Hub replay in its own process (loopback);
// per size: download-only baseline (the sweep's pages fetched and parsed, nothing stored) vs the sweep into a WAL
// file database (models/s, their ratio), bytes this process wrote (/proc/self/io) per model vs the database file,
// this process's CPU time per model (user + system, all threads: it moves less with the load than the rate); medians,
// and the load average, since others share the box. Walks have their own bench (bench/walk-bench.ts: forced walks of
// a big and a small family against a plain BFS client).
// Run: npx tsx bench/sweep-bench.ts [--sizes 100000,500000] [--runs 3] [--port 7970]
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { connectHub } from "../crawler/hub/connect-hub";
import { crawl, type CrawlOptions } from "../crawler/crawl";
import type { HubModelPage } from "../crawler/hub/hub-client";
import { openDatabase } from "../db/open-database";
import { startReplayProcess, stopReplayProcess } from "./replay-process";
import { createSyntheticHub } from "../replay/synthetic-hub";

const CONCURRENCY = 8;
const SEED = 3;

function readList(name: string, fallback: number[]): number[] {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const values = process.argv[index + 1].split(",").map(Number);
  if (!values.every((v) => Number.isSafeInteger(v) && v >= 1)) throw new Error(`${name} takes whole numbers >= 1`);
  return values;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Bytes this process has caused to be written to storage so far (Linux). */
function writeBytes(): number {
  const match = /^write_bytes:\s*(\d+)/m.exec(readFileSync("/proc/self/io", "utf8"));
  return match ? Number(match[1]) : Number.NaN;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** The sweep's pages, fetched and parsed through the same Hub client, nothing stored. */
async function downloadOnly(url: string): Promise<{ ms: number; models: number }> {
  const { hub } = connectHub({ hubUrl: url, rate: "1000000/1", concurrency: CONCURRENCY }, {});
  const started = performance.now();
  let models = 0;
  let next: string | null = null;
  do {
    const page: HubModelPage = await hub.sweepPage(next);
    models += page.records.length;
    next = page.nextUrl;
  } while (next);
  return { ms: performance.now() - started, models };
}

interface CrawlSample {
  ms: number;
  /** CPU time of this process during the crawl (µs, user + system). */
  cpuMicros: number;
  requests: number;
  models: number;
  written: number;
  dbBytes: number;
  liveBytes: number;
}

/** One crawl from an empty database file; bytes written are this process's, the database's size after close. */
async function crawlOnce(url: string, options: CrawlOptions): Promise<CrawlSample> {
  const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), "hf-lineage-sweep-"));
  const path = join(dir, "lineage.db");
  const db = openDatabase(path);
  try {
    const connection = connectHub({ hubUrl: url, rate: "1000000/1", concurrency: CONCURRENCY }, {});
    const writtenBefore = writeBytes();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await crawl(
      { concurrency: CONCURRENCY, ...options },
      { db, hub: connection.hub, requestCounts: connection.counts },
    );
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    db.close();
    const written = writeBytes() - writtenBefore;
    const dbBytes = ["", "-wal"].reduce(
      (sum, suffix) => sum + (existsSync(path + suffix) ? statSync(path + suffix).size : 0),
      0,
    );
    // The pages in use, without the free ones the merged staging left in the file (reused as the store grows).
    const check = openDatabase(path, { readonly: true });
    const pragma = (name: string) => check.pragma(name, { simple: true }) as number;
    const liveBytes = (pragma("page_count") - pragma("freelist_count")) * pragma("page_size");
    check.close();
    return {
      ms,
      cpuMicros: cpu.user + cpu.system,
      requests: summary.requests,
      models: summary.models,
      written,
      dbBytes,
      liveBytes,
    };
  } finally {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchSize(models: number, runs: number, port: number): Promise<void> {
  const hub = createSyntheticHub({ models, seed: SEED });
  const big = hub.shape().largestFamilies[0];
  const { url, child } = await startReplayProcess(models, SEED, port);
  try {
    await downloadOnly(url); // warms the replay's createdAt order
    const downloads: number[] = [];
    const sweeps: CrawlSample[] = [];
    for (let run = 0; run < runs; run++) {
      const d = await downloadOnly(url);
      downloads.push(d.models / (d.ms / 1000));
      sweeps.push(await crawlOnce(url, { seeds: [big.id], plan: "sweep", direction: "down" }));
    }
    const sweepRate = median(sweeps.map((s) => s.models / (s.ms / 1000)));
    const downloadRate = median(downloads);
    const written = median(sweeps.map((s) => s.written));
    const dbBytes = median(sweeps.map((s) => s.dbBytes));
    const liveBytes = median(sweeps.map((s) => s.liveBytes));
    const stored = sweeps[0].models;
    process.stdout.write(
      `${fmt(models)} models: download-only ${fmt(downloadRate)} models/s; sweep ${fmt(sweepRate)} models/s ` +
        `(median ${(median(sweeps.map((s) => s.ms)) / 1000).toFixed(1)} s, ${fmt(stored)} models, ` +
        `${sweeps[0].requests} requests, CPU ${median(sweeps.map((s) => s.cpuMicros / s.models)).toFixed(1)} µs/model); ` +
        `download/sweep ${(downloadRate / sweepRate).toFixed(2)}x; written ${(written / 2 ** 20).toFixed(0)} MiB = ` +
        `${fmt(written / stored)} B/model, database file ${(dbBytes / 2 ** 20).toFixed(0)} MiB ` +
        `(${(written / dbBytes).toFixed(2)}x), ` +
        `${(liveBytes / 2 ** 20).toFixed(0)} MiB in use (${(written / liveBytes).toFixed(2)}x); load ${load()}\n`,
    );
  } finally {
    await stopReplayProcess(child);
  }
}

async function main(): Promise<void> {
  const sizes = readList("--sizes", [100_000, 500_000]);
  const [runs] = readList("--runs", [3]);
  const [port] = readList("--port", [7970]);
  process.stdout.write(
    `sweep bench: ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, node ${process.version}; replay in a child ` +
      `process on 127.0.0.1:${port}, concurrency ${CONCURRENCY}, median of ${runs}; load ${load()}\n`,
  );
  for (const models of sizes) await benchSize(models, runs, port);
}

main().catch((error) => {
  process.stderr.write(`sweep bench: ${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
