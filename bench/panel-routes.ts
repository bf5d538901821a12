// Benchmark (not a test): the model panel's routes on a whole synthetic family (issue 11's shape): GET
// /api/models/<root> (details), .../growth and .../descendants (the children list), cold (first request after a
// write of 3 forks stored as the watcher stores them: the data version changes, so the route cache is dropped and the
// lineage graph brought up to date from the change journal), cold with the graph read whole after the write (the
// baseline: what every write cost before the journal; details then answers in SQL, reading no graph), and warm (cached), server time until the whole answer is read. Also the descendant walk alone, in SQL one level at a time (the walk these
// routes used before) against the walk on the in-memory lineage graph (now), cold and warm. Baseline, same run: a
// warm GET /api/stats. Run: npx tsx bench/panel-routes.ts [--sizes 150000] [--runs 5] [--licenses] (licences that
// change along the family: 1 derivative in 20 differs from its parent; else all apache-2.0)
import { cpus, loadavg } from "node:os";
import { getLineageGraph } from "../db/graph/get-lineage-graph";
import { openDatabase } from "../db/open-database";
import { getModelDetail } from "../db/queries/model-detail";
import * as descendants from "../db/queries/descendants";
import { median, readCount, readOption } from "./bench-options";
import { writeForks, writeForksReadWhole } from "./family-writes";
import { serveInProcess } from "./serve-in-process";
import { createSyntheticFamily, licenseSyntheticFamily, writeSyntheticFamily } from "./synthetic-family";

const NOW = "2026-12-01T00:00:00.000Z";
const ROOT = "Qwen/Synthetic-Base";
const ROUTES: [string, string][] = [
  ["details", ""],
  ["growth", "/growth"],
  ["children", "/descendants"],
  ["children by depth", "/descendants?sort=depth&relation=quantized"],
];

async function timedGet(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return performance.now() - start;
}

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const fmt = (ms: number) => ms.toFixed(0).padStart(8);

async function main(): Promise<void> {
  const sizes = readOption("--sizes", "150000").split(",").map(Number);
  const runs = readCount("--runs", 5);
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, node ${process.version}`);
  console.log(`load average ${loadavg()[0].toFixed(1)} at start (the machine is shared: figures include waiting)`);
  for (const size of sizes) {
    const db = openDatabase(":memory:");
    const family = createSyntheticFamily(ROOT, size);
    writeSyntheticFamily(db, family, NOW);
    if (process.argv.includes("--licenses")) licenseSyntheticFamily(db, family, NOW);
    let writes = 0;
    const write = () => writeForks(db, family, 3, `new-${writes++}`, NOW);
    const writeReadWhole = () => writeForksReadWhole(db, family, 3, `new-${writes++}`, NOW);
    const scope = { includeInferred: true };
    // Absent on a checkout from before the graph walk (the same script measures both): the walk section is skipped.
    const { walkDescendants } = descendants;
    const walkDescendantsSql = (descendants as Partial<typeof descendants>).walkDescendantsSql;
    const sqlWalk: number[] = [];
    const graphCold: number[] = [];
    const graphWarm: number[] = [];
    let members = 0;
    for (let run = 0; run < runs && walkDescendantsSql; run++) {
      write();
      graphCold.push(timed(() => walkDescendants(db, ROOT, scope)));
      graphWarm.push(timed(() => (members = walkDescendants(db, ROOT, scope).length)));
      sqlWalk.push(timed(() => walkDescendantsSql(db, ROOT, scope)));
    }
    if (walkDescendantsSql)
      console.log(
        `${size} derivatives, ${members} walked: SQL walk ${fmt(median(sqlWalk))} ms; graph walk cold (read graph) ` +
          `${fmt(median(graphCold))} ms, warm ${fmt(median(graphWarm))} ms   load ${loadavg()[0].toFixed(1)}`,
      );
    const { base, close } = await serveInProcess(db);
    try {
      console.log(
        "route                    cold ms (median)  cold, graph read whole  warm ms (median)  baseline /api/stats ms  load",
      );
      for (const [name, suffix] of ROUTES) {
        const url = `${base}/api/models/${ROOT}${suffix}`;
        const cold: number[] = [];
        const coldWhole: number[] = [];
        const warm: number[] = [];
        const baseline: number[] = [];
        for (let run = 0; run < runs; run++) {
          write();
          cold.push(await timedGet(url));
          warm.push(await timedGet(url));
          writeReadWhole();
          coldWhole.push(await timedGet(url));
          baseline.push(await timedGet(`${base}/api/stats`));
          // Details reads no graph whole (it answers in SQL when none is current): read it here, as the family's
          // request would, and the family's fields with it (the route's answer is cached: asked of the store), so
          // that the next cold request finds what a served page leaves, a cached graph the journal brings up to date.
          getLineageGraph(db);
          getModelDetail(db, ROOT, { includeInferred: false });
        }
        console.log(
          `${name.padEnd(24)} ${fmt(median(cold))}          ${fmt(median(coldWhole))}                ` +
            `${fmt(median(warm))}          ${median(baseline).toFixed(1).padStart(8)}        ${loadavg()[0].toFixed(1)}`,
        );
      }
    } finally {
      close();
      db.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
