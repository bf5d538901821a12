// Benchmark (not a test): server time and bytes of GET /api/graph/columnar for a whole synthetic family (issue 11's
// shape) of 10k, 50k, 150k and 300k derivatives: cold (first read of the lineage graph and layout), warm (cached
// bytes), and after a write (one new model: the data version changes, so the graph and slice are redone and the
// layout carried over). Server time is until the answer's headers arrive (the body is handed to the socket whole);
// "read" adds receiving and reading every byte in this same process. Baseline, same run: a warm GET /api/stats.
// Run: npx tsx bench/family-payload.ts [--sizes 10000,50000,150000,300000] [--runs 5]
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { refreshDescendantCounts } from "../db/counts/descendant-counts";
import { setParents } from "../db/edges";
import { openDatabase } from "../db/open-database";
import { createApp } from "../server/create-app";
import { median, readOption } from "./bench-options";
import { createSyntheticFamily, writeSyntheticFamily } from "./synthetic-family";

const NOW = "2026-12-01T00:00:00.000Z";
const ROOT = "Qwen/Synthetic-Base";
const TARGET_WARM_MS = 300;
const TARGET_AFTER_WRITE_MS = 2000;

async function timedGet(url: string): Promise<{ ms: number; readMs: number; bytes: number }> {
  const start = performance.now();
  const response = await fetch(url);
  const ms = performance.now() - start;
  const bytes = (await response.arrayBuffer()).byteLength;
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return { ms, readMs: performance.now() - start, bytes };
}

async function main(): Promise<void> {
  const sizes = readOption("--sizes", "10000,50000,150000,300000").split(",").map(Number);
  const runs = Number(readOption("--runs", "5"));
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, node ${process.version}`);
  console.log(`load average ${loadavg()[0].toFixed(1)} at start (the machine is shared: figures include waiting)`);
  console.log(
    "size     build s  bytes (MB)  cold ms  warm ms (median)  after a write ms (median)  " +
      "read ms warm / after a write  baseline /api/stats ms",
  );
  for (const size of sizes) {
    const buildStart = performance.now();
    const db = openDatabase(":memory:");
    const family = createSyntheticFamily(ROOT, size);
    writeSyntheticFamily(db, family, NOW);
    const built = (performance.now() - buildStart) / 1000;
    const server = createApp({ db }).listen(0, "127.0.0.1");
    await new Promise<void>((done) => server.once("listening", done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/graph/columnar?root=${ROOT}`;
    try {
      const cold = await timedGet(url);
      const warm: number[] = [];
      const warmRead: number[] = [];
      const baseline: number[] = [];
      const statsUrl = url.replace(/\/api\/graph\/columnar.*$/, "/api/stats");
      await timedGet(statsUrl);
      for (let run = 0; run < runs; run++) {
        const { ms, readMs } = await timedGet(url);
        warm.push(ms);
        warmRead.push(readMs);
        baseline.push((await timedGet(statsUrl)).ms);
      }
      const afterWrite: number[] = [];
      const afterWriteRead: number[] = [];
      for (let run = 0; run < runs; run++) {
        // A new leaf below a first-generation model, as a crawl or the watcher would store it.
        const child = `bench-writer/new-${size}-${run}`;
        setParents(db, child, "tag", [{ id: family.ids[1], relation: "quantized", source: "tag", confidence: 1 }], NOW);
        refreshDescendantCounts(db, [child]);
        const { ms, readMs } = await timedGet(url);
        afterWrite.push(ms);
        afterWriteRead.push(readMs);
      }
      const w = median(warm);
      const a = median(afterWrite);
      console.log(
        `${String(size).padEnd(8)} ${built.toFixed(1).padStart(7)}  ` +
          `${(cold.bytes / 2 ** 20).toFixed(1).padStart(10)}  ` +
          `${cold.ms.toFixed(0).padStart(7)}  ${w.toFixed(0).padStart(7)} ` +
          `${w <= TARGET_WARM_MS ? "(met)" : "(NOT met)"}` +
          `        ${a.toFixed(0).padStart(7)} ${a <= TARGET_AFTER_WRITE_MS ? "(met)" : "(NOT met)"}` +
          `   ${median(warmRead).toFixed(0).padStart(7)} / ${median(afterWriteRead).toFixed(0)}` +
          `   ${median(baseline).toFixed(1).padStart(7)}   load ${loadavg()[0].toFixed(1)}`,
      );
    } finally {
      server.close();
      db.close();
    }
  }
  console.log(`targets: warm <= ${TARGET_WARM_MS} ms, after a write <= ${TARGET_AFTER_WRITE_MS} ms (150k family)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
