// Benchmark (not a test) of descendant counts on a generated power-law Hub: full rebuild, and incremental refreshes
// after typical crawl batches. Run: npx tsx bench/descendant-counts.ts [--nodes 2500000] [--runs 3] [--seed 1]
import { cpus, totalmem } from "node:os";
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase, type Db } from "../db/open-database";
import { rebuildDescendantCounts, refreshDescendantCounts, type RefreshResult } from "../db/counts/descendant-counts";
import { setParents } from "../db/edges";
import { RELATIONS, type Relation } from "../lineage/types";
import { createRandom } from "../replay/prng";

interface Options {
  nodes: number;
  runs: number;
  seed: number;
  db: string;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      nodes: { type: "string", default: "2500000" },
      runs: { type: "string", default: "3" },
      seed: { type: "string", default: "1" },
      db: { type: "string", default: "/tmp/hf-lineage-bench-counts.db" },
    },
  });
  const number = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} takes a whole number >= 1, got "${value}"`);
    return n;
  };
  return {
    nodes: number("nodes", values.nodes),
    runs: number("runs", values.runs),
    seed: number("seed", values.seed),
    db: values.db,
  };
}

const MAX_DEPTH = 10;
const ROOT_SHARE = 0.04;
const PREFERENTIAL_SHARE = 0.75;
const MERGE_SHARE = 0.02;
const DANGLING_SHARE = 0.01;
const INFERRED_SHARE = 0.01;
const CYCLES = 50;
const SELF_LOOPS = 50;

const modelId = (i: number) => `org${i % 40000}/model-${i}`;

/**
 * A Hub-shaped lineage: each new model is a base (4%) or derives from an earlier one, chosen in proportion to its
 * children count (75%, Price's model: power-law family sizes, a few bases with 100k+ descendants) or uniformly;
 * depth capped at 10; 2% merges of 2-20 parents; 1% parents never crawled; 1% extra inferred edges; a few 2-cycles
 * and self-loops. Rows are [parent, child, source, relation].
 */
function generate(nodes: number, random: () => number): [string, string, string, Relation | null][] {
  const depth = new Uint8Array(nodes);
  const firstParent = new Int32Array(nodes).fill(-1);
  const edgeParents = new Int32Array(Math.ceil(nodes * 1.3));
  let edgeCount = 0;
  const rows: [string, string, string, Relation | null][] = [];
  const choose = (limit: number): number => {
    let parent =
      edgeCount > 0 && random() < PREFERENTIAL_SHARE
        ? edgeParents[Math.floor(random() * edgeCount)]
        : Math.floor(random() * limit);
    while (depth[parent] >= MAX_DEPTH) parent = firstParent[parent];
    return parent;
  };
  for (let i = 0; i < nodes; i++) {
    if (i < 100 || random() < ROOT_SHARE) continue;
    const isMerge = random() < MERGE_SHARE;
    const parents = new Set<number>();
    const fanIn = isMerge ? 2 + Math.floor(random() ** 2 * 19) : 1;
    while (parents.size < fanIn) parents.add(choose(i));
    const r = random();
    const relation: Relation | null = isMerge
      ? "merge"
      : r < 0.35
        ? "finetune"
        : r < 0.65
          ? "adapter"
          : r < 0.95
            ? "quantized"
            : null;
    for (const parent of parents) {
      if (firstParent[i] === -1) {
        firstParent[i] = parent;
        depth[i] = depth[parent] + 1;
      } else depth[i] = Math.min(depth[i], depth[parent] + 1);
      if (edgeCount < edgeParents.length) edgeParents[edgeCount++] = parent;
      const parentId = random() < DANGLING_SHARE ? `ghost/model-${parent}` : modelId(parent);
      rows.push([parentId, modelId(i), "tag", relation]);
    }
    if (random() < INFERRED_SHARE) rows.push([modelId(Math.floor(random() * i)), modelId(i), "inferred", RELATIONS[0]]);
  }
  for (let k = 0; k < CYCLES; k++) {
    const child = 100 + Math.floor(random() * (nodes - 100));
    if (firstParent[child] >= 0) rows.push([modelId(child), modelId(firstParent[child]), "tag", "finetune"]);
  }
  for (let k = 0; k < SELF_LOOPS; k++) {
    const id = modelId(Math.floor(random() * nodes));
    rows.push([id, id, "tag", "finetune"]);
  }
  return rows;
}

function fill(db: Db, nodes: number, rows: [string, string, string, Relation | null][]): void {
  const now = "2025-01-01T00:00:00.000Z";
  // Inserted in key order: B-tree appends instead of random page splits.
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] < b[2] ? -1 : 1));
  const insertEdge = db.prepare("INSERT OR IGNORE INTO edges VALUES (?, ?, ?, ?, 1, NULL, ?, ?)");
  db.transaction(() => {
    for (const [parent, child, source, relation] of rows) insertEdge.run(parent, child, source, relation, now, now);
  })();
  const ids = Array.from({ length: nodes }, (_, i) => modelId(i)).sort();
  const insertModel = db.prepare("INSERT INTO models (id, author, created_at, fetched_at) VALUES (?, ?, ?, ?)");
  db.transaction(() => {
    for (const id of ids) insertModel.run(id, id.split("/")[0], now, now);
  })();
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

function main(): void {
  const options = readOptions();
  console.log(
    `machine: ${cpus()[0]?.model ?? "unknown cpu"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} ` +
      `GiB; node ${process.version}`,
  );
  rmSync(options.db, { force: true });
  rmSync(`${options.db}-wal`, { force: true });
  rmSync(`${options.db}-shm`, { force: true });
  const db = openDatabase(options.db);
  const random = createRandom(options.seed);
  const generated = time(() => generate(options.nodes, random));
  const edgeRows = generated.result.length;
  const filled = time(() => fill(db, options.nodes, generated.result));
  generated.result.length = 0;
  console.log(
    `generated ${options.nodes.toLocaleString()} models, ${edgeRows.toLocaleString()} edge rows (seed ` +
      `${options.seed}) in ${fmt(generated.ms + filled.ms)}`,
  );

  const rebuilds: number[] = [];
  for (let run = 0; run < options.runs; run++) rebuilds.push(time(() => rebuildDescendantCounts(db)).ms);
  const shape = db
    .prepare(
      `SELECT count(*) AS rows, sum(all_total) AS work, max(declared_total) AS biggest, max(declared_max_depth) AS depth,
              sum(declared_total >= 100000) AS families100k FROM descendant_counts`,
    )
    .get() as { rows: number; work: number; biggest: number; depth: number; families100k: number };
  console.log(
    `rebuild: median ${fmt(median(rebuilds))} over ${options.runs} runs (${rebuilds.map(fmt).join(", ")}); ` +
      `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
  console.log(
    `  ${shape.rows.toLocaleString()} models with descendants; sum of ancestor-set sizes ` +
      `${shape.work.toLocaleString()}; ` +
      `largest family ${shape.biggest.toLocaleString()} (max depth ${shape.depth}); ${shape.families100k} families ` +
      `of 100k+`,
  );

  // Incremental refreshes after typical batches, each inside the biggest family.
  const biggest = db
    .prepare("SELECT id FROM descendant_counts ORDER BY declared_total DESC LIMIT 1")
    .pluck()
    .get() as string;
  // Members of the largest family, breadth-first from its base.
  const childrenOf = db
    .prepare("SELECT child FROM edges WHERE parent = ? AND source = 'tag' AND child <> parent")
    .pluck();
  const deepMembers: string[] = [];
  const seen = new Set<string>([biggest]);
  for (let queue = [biggest], head = 0; head < queue.length && deepMembers.length < 1000; head++) {
    for (const child of childrenOf.all(queue[head]) as string[]) {
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
      deepMembers.push(child);
    }
  }
  const now = "2025-06-01T00:00:00.000Z";
  const report = (label: string, samples: { ms: number; result: RefreshResult }[]) => {
    const last = samples[samples.length - 1].result;
    console.log(
      `${label}: median ${fmt(median(samples.map((s) => s.ms)))} over ${samples.length} (mode ${last.mode}, ` +
        `recounted ${last.recounted.toLocaleString()}, leaves ${last.leaves})`,
    );
  };
  const pages: { ms: number; result: RefreshResult }[] = [];
  for (let run = 0; run < 5; run++) {
    db.transaction(() => {
      for (let k = 0; k < 500; k++) {
        const parent = deepMembers[(run * 500 + k) % deepMembers.length];
        setParents(
          db,
          `new/page${run}-${k}`,
          "tag",
          [{ id: parent, relation: "adapter", source: "tag", confidence: 1 }],
          now,
        );
      }
    })();
    pages.push(time(() => refreshDescendantCounts(db)));
  }
  report("refresh after a listing page of 500 new models in the largest family", pages);
  const rewires: { ms: number; result: RefreshResult }[] = [];
  for (let run = 0; run < 3; run++) {
    // A model of the largest family re-read with another parent set: its old family is recounted.
    setParents(
      db,
      deepMembers[run],
      "tag",
      [{ id: modelId(run + 1), relation: "finetune", source: "tag", confidence: 1 }],
      now,
    );
    rewires.push(time(() => refreshDescendantCounts(db)));
  }
  report("refresh after re-parenting a model of the largest family", rewires);
  const small: { ms: number; result: RefreshResult }[] = [];
  const smallFamily = db
    .prepare("SELECT id FROM descendant_counts WHERE declared_total BETWEEN 50 AND 500 ORDER BY id LIMIT 3")
    .pluck()
    .all() as string[];
  for (const id of smallFamily) {
    const kid = db
      .prepare("SELECT child FROM edges WHERE parent = ? AND child <> parent LIMIT 1")
      .pluck()
      .get(id) as string;
    setParents(
      db,
      kid,
      "tag",
      [
        { id: modelId(2), relation: "merge", source: "tag", confidence: 1 },
        { id, relation: "merge", source: "tag", confidence: 1 },
      ],
      now,
    );
    small.push(time(() => refreshDescendantCounts(db)));
  }
  if (small.length) report("refresh after re-parenting a model of a 50-500 family", small);
  db.close();
}

main();
