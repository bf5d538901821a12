// Writes the after-write benchmarks make to a synthetic family: new forks stored as the watcher stores them (the
// model's row, its tag link, the descendant counts brought up to date), and a write that makes readers read the
// lineage graph whole (the full-rebuild baseline, as every write did before the change journal).
import { refreshDescendantCounts } from "../db/counts/descendant-counts";
import { setParents } from "../db/edges";
import { journalGraphReset } from "../db/graph/update-lineage-graph";
import { upsertModels } from "../db/models";
import type { Db } from "../db/open-database";
import type { Relation } from "../lineage/types";
import { createRandom } from "../replay/prng";
import { type SyntheticFamily, syntheticModel } from "./synthetic-family";

const RELATIONS: Relation[] = ["finetune", "adapter", "quantized", "merge"];
/** The models new forks go below (a synthetic family, or any list of stored ids). */
type ForkTarget = Pick<SyntheticFamily, "ids">;

/** Stores `count` new forks below random members of `family` in one transaction; returns the write's ms. */
export function writeForks(db: Db, family: ForkTarget, count: number, name: string, now: string): number {
  const random = createRandom(count * 7919 + name.length);
  const start = performance.now();
  const ids: string[] = [];
  db.transaction(() => {
    for (let k = 0; k < count; k++) {
      const id = `bench-writer/${name}-${k}`;
      ids.push(id);
      upsertModels(db, [syntheticModel(id, now, Math.floor(random() * 1000), 0)], now);
      const parent = family.ids[Math.floor(random() * family.ids.length)];
      const relation = RELATIONS[Math.floor(random() * RELATIONS.length)];
      setParents(db, id, "tag", [{ id: parent, relation, source: "tag", confidence: 1 }], now);
    }
    refreshDescendantCounts(db, ids);
  })();
  return performance.now() - start;
}

/** The small write, then a journal row telling readers to read the graph whole (the baseline). */
export function writeForksReadWhole(db: Db, family: ForkTarget, count: number, name: string, now: string): number {
  const ms = writeForks(db, family, count, name, now);
  journalGraphReset(db);
  return ms;
}
