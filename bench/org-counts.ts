// Benchmark (not a test) of the org leaderboard: org_counts rebuild, and GET /api/orgs/top pages read from it
// (median of many), against a baseline read in the same run (the first page of /api/families/top's SQL scan).
// Run: npx tsx bench/org-counts.ts [--db FILE] [--samples 200]
// FILE: a lineage database, e.g. the one bench/query-bench.ts builds (/tmp/hf-lineage-query-bench-2500000-1.db).
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { rebuildDescendantCounts } from "../db/counts/descendant-counts";
import { rebuildOrgCounts } from "../db/counts/org-counts";
import { openDatabase } from "../db/open-database";
import { getTopFamilies } from "../db/queries/families";
import { getTopOrgs } from "../db/queries/top-orgs";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "/tmp/hf-lineage-query-bench-2500000-1.db" },
    samples: { type: "string", default: "200" },
  },
});
const samples = Number(values.samples);
const db = openDatabase(values.db);
const models = db.prepare("SELECT count(*) FROM models").pluck().get() as number;
const edges = db.prepare("SELECT count(*) FROM edges").pluck().get() as number;
console.log(`db ${values.db}: ${models.toLocaleString("en-US")} models, ${edges.toLocaleString("en-US")} edges`);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (2 cores shared with other engineers)`,
);

// The baseline reads descendant_counts: a partly built database (an interrupted query-bench build) has none yet.
if (db.prepare("SELECT count(*) FROM descendant_counts").pluck().get() === 0) rebuildDescendantCounts(db);
const rebuild = time(() => rebuildOrgCounts(db));
const orgs = db.prepare("SELECT count(*) FROM org_counts").pluck().get() as number;
console.log(
  `rebuildOrgCounts: ${(rebuild.ms / 1000).toFixed(1)} s (one run), ${orgs.toLocaleString("en-US")} orgs with ` +
    `derivatives`,
);

const first: number[] = [];
const deep: number[] = [];
const baseline: number[] = [];
let after = null as { derivatives: number; author: string } | null;
for (let i = 0; i < 20; i++) {
  const page = getTopOrgs(db, { includeInferred: false, limit: 50, after });
  after = page.items[page.items.length - 1] ?? after;
}
for (let i = 0; i < samples; i++) {
  first.push(time(() => getTopOrgs(db, { includeInferred: i % 2 === 1, limit: 50, after: null })).ms);
  deep.push(time(() => getTopOrgs(db, { includeInferred: false, limit: 50, after })).ms);
  baseline.push(
    time(() =>
      getTopFamilies(db, {
        by: "descendants",
        relation: null,
        author: null,
        limit: 50,
        includeInferred: false,
        includeDerivatives: true,
      }),
    ).ms,
  );
}
const ratio = (ms: number) => (ms / median(baseline)).toPrecision(2);
console.log(`GET /api/orgs/top (in process), ${samples} samples each:`);
console.log(`  first page of 50: median ${median(first).toFixed(2)} ms (${ratio(median(first))}x baseline)`);
console.log(`  page 21 of 50 (cursor): median ${median(deep).toFixed(2)} ms (${ratio(median(deep))}x baseline)`);
console.log(`  baseline, families/top first 50: median ${median(baseline).toFixed(2)} ms`);
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
db.close();
