// Benchmark (not a test): the one descendant-count refresh at the end of a forced walk, on the store the walk
// leaves: the largest family of the synthetic Hub (as bench/walk-bench.ts walks it), its listing pages ingested as
// the walk ingests them (base first, then each member's children breadth-first, pages of 500, every model marked,
// no count row yet), without HTTP or frontier. Each run copies that store and refreshes it three ways: in the
// transaction that finishes the run (as crawl's finish does), alone in its own transaction, and, the baseline, in a
// savepoint nested in the finishing transaction (how the refresh ran before: there each row write grew slower with
// the rows written before it). Prints medians of wall and CPU time, the ratio to the baseline, the load average.
// Run: npx tsx bench/walk-end-refresh.ts [--models 600000] [--runs 3]
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ingestPage } from "../crawler/ingest-page";
import { refreshDescendantCounts } from "../db/counts/descendant-counts";
import { openDatabase, type Db } from "../db/open-database";
import { createSyntheticHub } from "../replay/synthetic-hub";
import { median, readCount } from "./bench-options";

const NOW = "2026-07-01T00:00:00.000Z";
const SEED = 3;
const PAGE = 500;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Stores the Hub's largest family as a forced walk does, page by page; returns its size. */
function writeWalkedStore(path: string, models: number): { id: string; size: number } {
  const hub = createSyntheticHub({ models, seed: SEED });
  const { id } = hub.shape().largestFamilies[0];
  let base = 0;
  while (hub.id(base) !== id) base++;
  const db = openDatabase(path);
  const page = (indexes: ArrayLike<number>) =>
    ingestPage(
      db,
      Array.from(indexes, (i) => hub.record(i)),
      { now: NOW, runId: null, refreshCounts: false },
    );
  page([base]);
  const seen = new Set([base]);
  const queue = [base];
  for (let head = 0; head < queue.length; head++) {
    const children = hub.childIndexes(queue[head]);
    for (let at = 0; at < children.length; at += PAGE) {
      const listed = Array.from(children).slice(at, at + PAGE);
      page(listed);
      for (const child of listed) {
        if (seen.has(child)) continue;
        seen.add(child);
        queue.push(child);
      }
    }
  }
  db.close();
  return { id, size: queue.length };
}

const WAYS: [string, (db: Db) => void][] = [
  [
    "in the finishing transaction",
    (db) =>
      db.transaction(() => {
        refreshDescendantCounts(db);
      })(),
  ],
  ["alone", (db) => void refreshDescendantCounts(db)],
  [
    "baseline: in a savepoint nested in it",
    (db) =>
      db.transaction(() => {
        db.transaction(() => refreshDescendantCounts(db))();
      })(),
  ],
];

function main(): void {
  const models = readCount("--models", 600_000);
  const runs = readCount("--runs", 3);
  const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), "hf-lineage-walk-end-"));
  try {
    process.stdout.write(
      `walk-end refresh: ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, node ${process.version}; ` +
        `${models.toLocaleString("en-US")}-model synthetic Hub (seed ${SEED}), median of ${runs}; load ${load()}\n`,
    );
    const walked = join(dir, "walked.db");
    const built = performance.now();
    const family = writeWalkedStore(walked, models);
    process.stdout.write(
      `  family ${family.id} (${family.size.toLocaleString("en-US")} models) stored in ` +
        `${((performance.now() - built) / 1000).toFixed(1)} s; load ${load()}\n`,
    );
    const samples = new Map(WAYS.map(([name]) => [name, { wall: [] as number[], cpu: [] as number[] }]));
    let rows = 0;
    for (let run = 0; run < runs; run++) {
      for (const [name, refresh] of WAYS) {
        const path = join(dir, "run.db");
        for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
        copyFileSync(walked, path);
        const db = openDatabase(path);
        const cpu = process.cpuUsage();
        const started = performance.now();
        refresh(db);
        const wall = performance.now() - started;
        const used = process.cpuUsage(cpu);
        rows = db.prepare("SELECT count(*) FROM descendant_counts").pluck().get() as number;
        db.close();
        samples.get(name)!.wall.push(wall);
        samples.get(name)!.cpu.push((used.user + used.system) / 1000);
        process.stdout.write(`  run ${run + 1} ${name}: ${(wall / 1000).toFixed(2)} s; load ${load()}\n`);
      }
    }
    const baseline = median(samples.get(WAYS[2][0])!.wall);
    for (const [name, { wall, cpu }] of samples) {
      process.stdout.write(
        `${name}: median ${(median(wall) / 1000).toFixed(2)} s wall, ${(median(cpu) / 1000).toFixed(2)} s CPU, ` +
          `${((median(wall) * 1000) / family.size).toFixed(1)} µs a model; baseline/this ${(baseline / median(wall)).toFixed(1)}x\n`,
      );
    }
    process.stdout.write(`  ${rows.toLocaleString("en-US")} count rows written; load ${load()}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
