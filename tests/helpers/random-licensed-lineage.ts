// Random lineages with licences for comparing figures counted on the cached lineage graph against SQL: families of
// fine-tunes, merges (several parents), inferred links, case-variant ids and licences, cycles now and then, written
// through the store's own write functions, and random later writes the change journal must carry.
import { refreshDescendantCounts } from "../../db/counts/descendant-counts";
import { setParents } from "../../db/edges";
import { upsertModels } from "../../db/models";
import type { Db } from "../../db/open-database";
import type { EdgeSource, ParentLink, Relation } from "../../lineage/types";
import { buildLineageDb, modelInput, NOW } from "./lineage-db";

const RELATIONS: (Relation | null)[] = ["finetune", "adapter", "quantized", "merge", null];
const SOURCES: EdgeSource[] = ["tag", "card", "inferred"];
/** Known licences of every family, case variants, `unknown` (never a change) and none. */
const LICENSES = [null, "apache-2.0", "Apache-2.0", "mit", "llama3", "llama2", "cc-by-nc-4.0", "gpl-3.0", "other"];
const SOME_UNKNOWN = [...LICENSES, "unknown"];

export interface RandomLineage {
  db: Db;
  /** Every id the lineage may use; some never stored (known only as parents). */
  ids: string[];
  /** One random write batch (links, licences, counts refreshed or not); returns nothing. */
  write(): void;
}

export function createRandomLineage(random: () => number, size: number): RandomLineage {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const ids = Array.from({ length: size }, (_, i) => `org-${i % 5}/model-${i}`);
  const stored = ids.filter(() => random() < 0.9);
  const edges: string[] = [];
  for (let i = 1; i < size; i++) {
    // Mostly below an earlier model (a DAG), now and then a later one (a cycle); merges take two or three parents.
    const parents = random() < 0.15 ? 2 + Math.floor(random() * 2) : 1;
    for (let p = 0; p < parents; p++) {
      const parent = random() < 0.03 ? pick(ids) : ids[Math.floor(random() * i)];
      const relation = parents > 1 ? "merge" : pick(RELATIONS);
      const source = pick(SOURCES);
      // The parent sometimes named in another case, as cards do.
      const named = random() < 0.1 ? parent.toUpperCase() : parent;
      edges.push(`${named} ${ids[i]} ${relation} ${source}${source === "inferred" ? " 0.7" : ""}`);
    }
  }
  const db = buildLineageDb(stored, edges);
  upsertModels(
    db,
    stored.map((id) => ({ ...modelInput(id), license: pick(SOME_UNKNOWN) })),
    NOW,
  );
  const write = () => {
    const touched: string[] = [];
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
      const child = pick(ids);
      if (random() < 0.5) {
        const source = pick(SOURCES);
        const links: ParentLink[] = [];
        for (let p = Math.floor(random() * 3); p > 0; p--)
          links.push({ id: pick(ids), relation: pick(RELATIONS), source, confidence: source === "inferred" ? 0.6 : 1 });
        setParents(db, child, source, links, NOW);
        touched.push(child);
      } else {
        upsertModels(db, [{ ...modelInput(child), license: pick(LICENSES) }], NOW);
      }
    }
    if (random() < 0.7) refreshDescendantCounts(db, touched);
  };
  return { db, ids, write };
}
