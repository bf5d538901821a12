// Benchmark (not a test): a full rebuild of the descendant counts after a small write (3 forks stored without their
// counts), and what it costs the next reader of the cached lineage graph, for three ways of journalling it: every row
// rewritten (the rows deleted then inserted, as the rebuild did before: two journal rows per counted model), the
// same with the counts' journal triggers dropped and one reset row written (as the bulk merge does: readers read the
// graph whole), and the rebuild as it is (only the rows that differ written). Medians; the load average printed.
// Run: npx tsx bench/rebuild-journal.ts [--sizes 150000] [--runs 3]
import { cpus, loadavg } from "node:os";
import { rebuildDescendantCounts } from "../db/counts/descendant-counts";
import { setParents } from "../db/edges";
import { getLineageGraph } from "../db/graph/get-lineage-graph";
import { journalGraphReset } from "../db/graph/update-lineage-graph";
import { upsertModels } from "../db/models";
import { openDatabase, type Db } from "../db/open-database";
import { median, readCount, readOption } from "./bench-options";
import { createSyntheticFamily, syntheticModel, writeSyntheticFamily } from "./synthetic-family";

const NOW = "2026-12-01T00:00:00.000Z";
const COUNT_TRIGGERS = ["graph_changes_counts_insert", "graph_changes_counts_update", "graph_changes_counts_delete"];

// Not wrapped in one transaction (nested, the rebuild's becomes a savepoint and runs 2-3x slower here): the bench has
// no other reader to see the table empty between the two.
function rewriteAll(db: Db): void {
  db.exec("DELETE FROM descendant_counts");
  rebuildDescendantCounts(db);
}

function rewriteAllWithReset(db: Db): void {
  const triggerSql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck();
  const triggers = COUNT_TRIGGERS.map((name) => triggerSql.get(name) as string);
  for (const name of COUNT_TRIGGERS) db.exec(`DROP TRIGGER ${name}`);
  rewriteAll(db);
  journalGraphReset(db);
  for (const sql of triggers) db.exec(sql);
}

const timed = (run: () => unknown) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

function main(): void {
  const sizes = readOption("--sizes", "150000").split(",").map(Number);
  const runs = readCount("--runs", 3);
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, node ${process.version}`);
  console.log(`load average ${loadavg()[0].toFixed(1)} at start (the machine is shared: figures include waiting)`);
  for (const size of sizes) {
    const db = openDatabase(":memory:");
    const family = createSyntheticFamily("Qwen/Synthetic-Base", size);
    writeSyntheticFamily(db, family, NOW);
    const counted = db.prepare("SELECT count(*) FROM descendant_counts").pluck().get() as number;
    const lastSeq = db.prepare("SELECT coalesce(max(seq), 0) FROM graph_changes").pluck();
    let forks = 0;
    const writeForks = () =>
      db.transaction(() => {
        for (let k = 0; k < 3; k++, forks++) {
          const id = `bench-writer/rebuild-${forks}`;
          upsertModels(db, [syntheticModel(id, NOW, 5, 0)], NOW);
          const parent = family.ids[(forks * 7919) % family.ids.length];
          setParents(db, id, "tag", [{ id: parent, relation: "finetune", source: "tag", confidence: 1 }], NOW);
        }
      })();
    console.log(`${size} derivatives, ${counted} models with descendants`);
    console.log("journalling               rebuild ms  journal rows  next graph read ms  load");
    const ways: [string, () => void][] = [
      ["every row rewritten", () => rewriteAll(db)],
      ["one reset row", () => rewriteAllWithReset(db)],
      ["changed rows only (now)", () => rebuildDescendantCounts(db)],
    ];
    for (const [name, rebuild] of ways) {
      const writer: number[] = [];
      const rows: number[] = [];
      const reader: number[] = [];
      // One warm-up round, then `runs` measured.
      for (let run = 0; run <= runs; run++) {
        getLineageGraph(db);
        writeForks();
        const before = lastSeq.get() as number;
        const rebuildMs = timed(rebuild);
        const journalRows = (lastSeq.get() as number) - before;
        const readMs = timed(() => getLineageGraph(db));
        if (run === 0) continue;
        writer.push(rebuildMs);
        rows.push(journalRows);
        reader.push(readMs);
      }
      console.log(
        `${name.padEnd(24)} ${median(writer).toFixed(0).padStart(10)}  ${String(median(rows)).padStart(12)}  ` +
          `${median(reader).toFixed(0).padStart(18)}  ${loadavg()[0].toFixed(1)}`,
      );
    }
    db.close();
  }
}

main();
