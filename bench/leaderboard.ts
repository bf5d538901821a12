// Benchmark (not a test): the bases leaderboard GET /api/families/top at scale, by each ranking (descendants, direct,
// licenseChanges), bases only and derivatives=include, a first page (limit 50) and the deepest one the route serves
// (limit 1000: it has no cursor), over HTTP in process. Cold = the first request after a write of 3 forks stored as
// the watcher stores them (the data version changes, so the route cache is dropped; the lineage graph, read once
// before, as a served family page leaves it, is brought up to date from the change journal); warm = the same request
// again (cached). Baselines in the same run: a warm GET /api/stats, and the SQL walk countLicenseChangesBelow alone;
// and two queries cold with no lineage graph current (the write tells readers to read it whole: the route answers
// in SQL, as a server that has not read the graph does).
// Two stores: a synthetic Qwen-shaped family (in memory, 1 derivative in 20 changes licence) and a synthetic Hub
// of 500k+ models (built once into --db, as the crawler stores it; a third of its models are mit, the rest apache).
// Run: npx tsx bench/leaderboard.ts [--family 150000] [--hub 500000] [--db FILE] [--runs 3] [--skip family|hub]
import { cpus, loadavg } from "node:os";
import { getLineageGraph } from "../db/graph/get-lineage-graph";
import { type Db, openDatabase } from "../db/open-database";
import { countLicenseChangesBelow } from "../db/queries/license-changes";
import { createSyntheticHub } from "../replay/synthetic-hub";
import { median, readCount, readOption } from "./bench-options";
import { writeForks, writeForksReadWhole } from "./family-writes";
import { serveInProcess } from "./serve-in-process";
import { openSyntheticDatabase } from "./synthetic-database";
import { createSyntheticFamily, licenseSyntheticFamily, writeSyntheticFamily } from "./synthetic-family";

const NOW = "2026-12-01T00:00:00.000Z";
const QUERIES = ["descendants", "direct", "licenseChanges"].flatMap((by) =>
  ["", "&derivatives=include"].flatMap((derivatives) =>
    [50, 1000].map((limit) => `by=${by}${derivatives}&limit=${limit}`),
  ),
);
const SQL_QUERIES = ["by=descendants&limit=50", "by=licenseChanges&derivatives=include&limit=50"];

async function timedGet(url: string): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return { ms: performance.now() - start, body };
}

const fmt = (ms: number) => ms.toFixed(0).padStart(7);
const load = () => loadavg()[0].toFixed(1);

/** Every query cold after a write and warm, `runs` times; the writes go below random `ids`. */
async function measure(label: string, db: Db, ids: string[], runs: number): Promise<void> {
  let writes = 0;
  const write = () => writeForks(db, { ids }, 3, `leaderboard-${writes++}`, NOW);
  const sqlWalk: number[] = [];
  let counted = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    counted = countLicenseChangesBelow(db, { includeInferred: false }).size;
    sqlWalk.push(performance.now() - start);
  }
  const graphStart = performance.now();
  const graph = getLineageGraph(db);
  const graphMs = performance.now() - graphStart;
  console.log(
    `${label}: ${graph.size} models in links; SQL walk countLicenseChangesBelow ${fmt(median(sqlWalk))} ms ` +
      `(${counted} models with changes below); lineage graph read whole ${fmt(graphMs)} ms   load ${load()}`,
  );
  const { base, close } = await serveInProcess(db);
  try {
    console.log(
      "query                                           cold ms  warm ms  /api/stats ms  items  load   (in order)",
    );
    for (const query of QUERIES) {
      const url = `${base}/api/families/top?${query}`;
      const cold: number[] = [];
      const warm: number[] = [];
      const baseline: number[] = [];
      let items = 0;
      for (let run = 0; run < runs; run++) {
        write();
        const first = await timedGet(url);
        cold.push(first.ms);
        items = (JSON.parse(first.body) as { items: unknown[] }).items.length;
        warm.push((await timedGet(url)).ms);
        baseline.push((await timedGet(`${base}/api/stats`)).ms);
      }
      console.log(
        `${query.padEnd(46)} ${fmt(median(cold))}  ${fmt(median(warm))}  ${median(baseline).toFixed(1).padStart(13)}` +
          `  ${String(items).padStart(5)}  ${load()}   cold runs ${cold.map((ms) => ms.toFixed(0)).join(", ")}`,
      );
    }
    console.log("query, cold with no lineage graph current (SQL)    cold ms  /api/stats ms  load");
    for (const query of SQL_QUERIES) {
      const cold: number[] = [];
      const baseline: number[] = [];
      for (let run = 0; run < runs; run++) {
        writeForksReadWhole(db, { ids }, 3, `leaderboard-${writes++}`, NOW);
        cold.push((await timedGet(`${base}/api/families/top?${query}`)).ms);
        baseline.push((await timedGet(`${base}/api/stats`)).ms);
        // Read whole again (untimed), so that the next write finds a graph the journal brings up to date.
        getLineageGraph(db);
      }
      console.log(`${query.padEnd(49)} ${fmt(median(cold))}  ${median(baseline).toFixed(1).padStart(13)}  ${load()}`);
    }
  } finally {
    close();
  }
}

async function main(): Promise<void> {
  const familySize = readCount("--family", 150_000);
  const hubSize = readCount("--hub", 500_000);
  const runs = readCount("--runs", 3);
  const skip = readOption("--skip", "");
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, node ${process.version}`);
  console.log(`load average ${load()} at start (the machine is shared: figures include waiting)`);
  if (skip !== "family") {
    const db = openDatabase(":memory:");
    const family = createSyntheticFamily("Qwen/Synthetic-Base", familySize);
    writeSyntheticFamily(db, family, NOW);
    licenseSyntheticFamily(db, family, NOW);
    await measure(`synthetic family of ${familySize} derivatives`, db, family.ids, runs);
    db.close();
  }
  if (skip !== "hub") {
    const path = readOption("--db", `/tmp/hf-lineage-leaderboard-${hubSize}.db`);
    const db = openSyntheticDatabase(createSyntheticHub({ models: hubSize, seed: 1 }), path);
    const ids = db.prepare("SELECT id FROM models").pluck().all() as string[];
    await measure(`synthetic Hub of ${hubSize} models (${path})`, db, ids, runs);
    db.close();
  }
  console.log(`load average ${load()} at the end`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
