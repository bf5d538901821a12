// Benchmark (not a test) of the API's read queries on a synthetic Hub: p50/p95/p99 of model counts, ancestors,
// search and a 20k-node graph slice, in-process and over HTTP.
// Run: npx tsx bench/query-bench.ts [--models 2500000] [--seed 1] [--samples 2000] [--db FILE] [--rebuild]
// (node --expose-gc --import tsx bench/query-bench.ts ... measures the lineage graph's memory after a collection)
// The database is built once through the store's write functions (parseHubRecord, upsertModels, setParents,
// rebuildDescendantCounts) and kept for later runs (--rebuild builds it again).
import { statSync } from "node:fs";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { refreshDescendantCounts } from "../db/counts/descendant-counts";
import { getAncestry } from "../db/queries/ancestors";
import { getTopFamilies } from "../db/queries/families";
import { getLineageGraph } from "../db/graph/get-lineage-graph";
import { getGraphSlice } from "../db/graph/get-graph-slice";
import { walkGraphSlice } from "../tests/helpers/walk-graph-slice";
import { getModelDetail } from "../db/queries/model-detail";
import { createModelSearcher } from "../db/queries/search";
import { getLineageStats } from "../db/queries/stats";
import { createApp } from "../server/create-app";
import { createSyntheticHub, type SyntheticHub } from "../replay/synthetic-hub";
import { createRandom } from "../replay/prng";
import { openSyntheticDatabase } from "./synthetic-database";

interface Options {
  models: number;
  seed: number;
  samples: number;
  db: string;
  rebuild: boolean;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      models: { type: "string", default: "2500000" },
      seed: { type: "string", default: "1" },
      samples: { type: "string", default: "2000" },
      db: { type: "string" },
      rebuild: { type: "boolean", default: false },
    },
  });
  const whole = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} takes a whole number >= 1, got "${value}"`);
    return n;
  };
  const models = whole("models", values.models);
  const seed = whole("seed", values.seed);
  return {
    models,
    seed,
    samples: whole("samples", values.samples),
    db: values.db ?? `/tmp/hf-lineage-query-bench-${models}-${seed}.db`,
    rebuild: values.rebuild,
  };
}

interface Summary {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Median CPU time of this process per run: less sensitive than wall time to other load on the machine. */
  cpu50: number | null;
}

function summarize(ms: number[], cpu: number[] | null = null): Summary {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const cpuSorted = cpu ? [...cpu].sort((a, b) => a - b) : null;
  return {
    runs: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    cpu50: cpuSorted ? cpuSorted[Math.floor(cpuSorted.length / 2)] : null,
  };
}

/** Runs `fn` once per input, timing wall clock and this process's CPU time. */
function timeAll<T>(inputs: T[], fn: (input: T) => unknown): Summary {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const input of inputs) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    fn(input);
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return summarize(wall, cpu);
}

/** Bytes of JS heap and array buffers in use, after a collection when node runs with --expose-gc. */
function heapInUse(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function report(name: string, target: string, s: Summary): void {
  const f = (v: number) => v.toFixed(v < 10 ? 3 : 1).padStart(9);
  console.log(
    `${name.padEnd(44)} ${String(s.runs).padStart(5)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)} ${f(s.max)} ` +
      `${s.cpu50 === null ? "        -" : f(s.cpu50)}   ${target}`,
  );
}

/** Search queries as people type them: id prefixes, name fragments, org names, common suffixes, short ones. */
function searchQueries(hub: SyntheticHub, random: () => number, count: number): string[] {
  const common = [
    "lora",
    "GGUF",
    "7B",
    "Instruct",
    "merge",
    "Lumen",
    "Atlas1",
    "Acme-AI/",
    "qlora",
    "bnb-4bit",
    "Zephyr2-7B",
    "chat",
  ];
  const queries: string[] = [];
  for (let k = 0; k < count; k++) {
    const id = hub.id(Math.floor(random() * hub.size));
    const name = id.slice(id.indexOf("/") + 1);
    const roll = random();
    if (roll < 0.3) queries.push(id.slice(0, 3 + Math.floor(random() * 10)));
    else if (roll < 0.6) queries.push(name.slice(0, 3 + Math.floor(random() * 10)));
    else if (roll < 0.85) queries.push(common[Math.floor(random() * common.length)]);
    else queries.push(name.slice(0, 1 + Math.floor(random() * 2)));
  }
  return queries;
}

async function main(): Promise<void> {
  const options = readOptions();
  console.log(
    `machine: ${cpus()[0]?.model} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, node ` +
      `${process.version}`,
  );
  const hub = createSyntheticHub({ models: options.models, seed: options.seed });
  const shape = hub.shape();
  const db = openSyntheticDatabase(hub, options.db, options.rebuild);
  // A database built before a migration that added counts is brought up to date (a rebuild) before timing.
  const brought = refreshDescendantCounts(db);
  if (brought.mode !== "none") console.log(`descendant counts brought up to date after a migration (${brought.mode})`);
  const stats = getLineageStats(db);
  console.log(`database: ${options.db}, ${(statSync(options.db).size / 2 ** 20).toFixed(0)} MiB`);
  console.log(
    `data: ${stats.models.total} models, ${stats.edges.total} edges, ${stats.families} families; largest: ${shape.largestFamilies
      .slice(0, 3)
      .map((f) => `${f.id} (${f.size})`)
      .join(", ")}`,
  );

  const random = createRandom(options.seed * 7919);
  const anyModel = () => hub.id(Math.floor(random() * hub.size));
  const familyModels: string[] = [];
  while (familyModels.length < options.samples) {
    const i = Math.floor(random() * hub.size);
    if ((hub.record(i).tags as string[]).some((tag) => tag.startsWith("base_model:"))) familyModels.push(hub.id(i));
  }
  const bases = shape.largestFamilies.map((f) => f.id);
  const scope = { includeInferred: false };

  // Warm the page cache and the statement cache, as a running server would be.
  for (let k = 0; k < 200; k++) getModelDetail(db, anyModel(), scope);

  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (${cpus().length} cores)`,
  );
  console.log(
    `\n${"in-process query (ms)".padEnd(44)}  runs       p50       p95       p99       max   cpu p50   target`,
  );
  const uniform = Array.from({ length: options.samples }, anyModel);
  const read = db;
  report(
    "counts: GET /api/models/<id>, any model",
    "p95 <= 2",
    timeAll(uniform, (id) => getModelDetail(read, id, scope)),
  );
  report(
    "counts: derived models",
    "p95 <= 2",
    timeAll(familyModels, (id) => getModelDetail(read, id, scope)),
  );
  report(
    `counts: the ${bases.length} largest family bases`,
    "(worst case)",
    timeAll(bases, (id) => getModelDetail(read, id, scope)),
  );
  report(
    "ancestors: every path to the roots",
    "p95 <= 1",
    timeAll(familyModels, (id) => getAncestry(read, id, scope)),
  );
  const search = createModelSearcher(db);
  const queries = searchQueries(hub, random, options.samples);
  report(
    "search: 20 best of any query",
    "p95 <= 10",
    timeAll(queries, (q) => search(q, { ...scope, limit: 20 })),
  );
  report(
    "search: queries of 3+ characters",
    "p95 <= 10",
    timeAll(
      queries.filter((q) => q.length >= 3),
      (q) => search(q, { ...scope, limit: 20 }),
    ),
  );

  // A 20k-node slice: families of about 20k models whole, and the largest families trimmed to 20,000 nodes.
  const families = getTopFamilies(db, {
    by: "descendants",
    relation: null,
    author: null,
    includeDerivatives: true,
    limit: 40,
    includeInferred: false,
  });
  const whole = families
    .filter((f) => f.descendants.total >= 15_000 && f.descendants.total < 20_000)
    .slice(0, 4)
    .map((f) => ({ id: f.id, size: f.descendants.total + 1 }));
  const sliceRoots = families.slice(0, 4).map((f) => ({ id: f.id, size: f.descendants.total + 1 }));
  const sliceOptions = { ...scope, up: 3, down: 100, relations: null, limit: 20_000 };
  const thrice = <T>(list: T[]) => [...list, ...list, ...list];
  // The SQL walk kept as a test oracle (tests/helpers/walk-graph-slice.ts): a baseline for the in-memory slice.
  report(
    `slice: whole families, SQL walk (test oracle, baseline)`,
    "",
    timeAll(thrice(whole.map((f) => f.id)), (id) => walkGraphSlice(read, id, sliceOptions)),
  );
  // The first slice of a large family after a write reads the lineage graph; a running server then reuses it.
  const heapBefore = heapInUse();
  const graphRead = timeAll([0], () => getLineageGraph(read));
  const graph = getLineageGraph(read);
  report(
    `lineage graph read: ${graph.size} models, ${graph.rowRank.length} edges`,
    `${((heapInUse() - heapBefore) / 2 ** 20).toFixed(0)} MiB`,
    graphRead,
  );
  const slice = (id: string) => getGraphSlice(read, id, sliceOptions);
  report(
    `slice: whole families of ${whole.map((f) => f.size).join(", ")}`,
    "<= 300",
    timeAll(thrice(whole.map((f) => f.id)), slice),
  );
  report(
    `slice: 20k of ${sliceRoots.map((f) => f.size).join(", ")}`,
    "(truncated)",
    timeAll(thrice(sliceRoots.map((f) => f.id)), slice),
  );

  // The same over HTTP: routing, validation, JSON and ETag included.
  const server = createApp({ db, logger: { error: (m) => console.error(m) } }).listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (path: string) => async () => {
    const res = await fetch(base + path);
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    await res.arrayBuffer();
  };
  const http = async (paths: string[]) => {
    const ms: number[] = [];
    for (const path of paths) ms.push(await timeAsync(get(path)));
    return summarize(ms);
  };
  const some = (list: string[]) => list.slice(0, Math.min(list.length, 500));
  console.log(`\n${"over HTTP, one client (ms)".padEnd(44)}  runs       p50       p95       p99       max`);
  const paths = (list: { id: string }[], suffix: string) => list.map((f) => `/api/graph?root=${f.id}${suffix}`);
  report("GET /api/models/<id>", "", await http(some(familyModels).map((id) => `/api/models/${id}`)));
  report(
    "GET /api/models/<id>/ancestors",
    "",
    await http(some(familyModels).map((id) => `/api/models/${id}/ancestors`)),
  );
  report("GET /api/search?q=", "", await http(some(queries).map((q) => `/api/search?q=${encodeURIComponent(q)}`)));
  // Distinct parameters per request, so the server's read cache does not answer.
  report("GET /api/graph (whole ~20k families)", "", await http(paths(whole, "&up=3&limit=20000")));
  report("GET /api/graph (20k of the largest)", "", await http(paths(sliceRoots, "&up=3&limit=20000")));
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  server.close();
  db.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`query-bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
