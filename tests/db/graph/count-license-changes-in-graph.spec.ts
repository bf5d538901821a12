// countLicenseChangesBelowInGraph (one model) and countAllLicenseChangesBelowInGraph (every model): the figure the SQL
// walk (countLicenseChangesBelow) gives every model, on random lineages with licence changes, merges, inferred links
// and cycles, read whole and after the journal's updates.
import { getLineageGraph, peekLineageGraph } from "../../../db/graph/get-lineage-graph";
import {
  countAllLicenseChangesBelowInGraph,
  countLicenseChangesBelowInGraph,
} from "../../../db/graph/count-license-changes-in-graph";
import { countLicenseChangesBelow } from "../../../db/queries/license-changes";
import type { Db } from "../../../db/open-database";
import { idKey } from "../../../lineage/id-key";
import { upsertModels } from "../../../db/models";
import { buildLineageDb, modelInput, NOW } from "../../helpers/lineage-db";
import { createRandomLineage } from "../../helpers/random-licensed-lineage";
import { seededRandom } from "../../helpers/test-seed";

/** Every model's figure on the graph against SQL's, both scopes; how many models have changes below (scope all). */
function expectAsSql(db: Db, ids: string[]): number {
  const graph = peekLineageGraph(db);
  expect(graph).not.toBeNull();
  let withChanges = 0;
  for (const includeInferred of [false, true]) {
    const scope = { includeInferred };
    const sql = countLicenseChangesBelow(db, scope);
    const all = countAllLicenseChangesBelowInGraph(db, graph!, scope);
    for (const id of ids) {
      const expected = sql.get(idKey(id)) ?? 0;
      const v = graph!.ids.find(id);
      expect([id, includeInferred, countLicenseChangesBelowInGraph(db, graph!, id, scope)]).toEqual([
        id,
        includeInferred,
        expected,
      ]);
      expect([id, includeInferred, v < 0 ? 0 : all[v]]).toEqual([id, includeInferred, expected]);
      if (includeInferred && expected > 0) withChanges++;
    }
    // Every node the graph holds, stored or only someone's parent, has the figure SQL gives it (0 when absent).
    for (let v = 0; v < graph!.size; v++) expect(all[v]).toBe(sql.get(idKey(graph!.ids.spelling(v))) ?? 0);
  }
  return withChanges;
}

describe("countLicenseChangesBelowInGraph", () => {
  let db: Db;
  afterEach(() => db.close());

  it("counts as the SQL walk on random lineages, and after the change journal's updates", () => {
    const random = seededRandom("countLicenseChangesBelowInGraph", 23);
    for (let family = 0; family < 4; family++) {
      const lineage = createRandomLineage(random, 60);
      db = lineage.db;
      expect(peekLineageGraph(db)).toBeNull();
      const graph = getLineageGraph(db);
      expect(expectAsSql(db, lineage.ids)).toBeGreaterThan(5);
      for (let batch = 0; batch < 12; batch++) {
        lineage.write();
        // Brought up to date from the journal: the same graph object, patched.
        expect(peekLineageGraph(db)).toBe(graph);
        expectAsSql(db, lineage.ids);
      }
      if (family < 3) db.close();
    }
  });

  it("counts a model below through several paths once and never the model itself in a cycle", () => {
    db = buildLineageDb(
      ["b/base", "o/a", "o/b", "o/m"],
      ["b/base o/a finetune", "b/base o/b finetune", "o/a o/m merge", "o/b o/m merge", "o/m b/base finetune card"],
    );
    const licenses = { "b/base": "llama2", "o/a": "apache-2.0", "o/b": "LLAMA2", "o/m": "mit" };
    upsertModels(
      db,
      Object.entries(licenses).map(([id, license]) => ({ ...modelInput(id), license })),
      NOW,
    );
    const graph = getLineageGraph(db);
    const scope = { includeInferred: false };
    // o/a and o/m (by two paths) below the base; the base itself, changed from o/m, only through the cycle.
    expect(countLicenseChangesBelowInGraph(db, graph, "b/base", scope)).toBe(2);
    expect(countLicenseChangesBelowInGraph(db, graph, "O/A", scope)).toBe(2);
    expect(countLicenseChangesBelowInGraph(db, graph, "nobody/knows", scope)).toBe(0);
    expectAsSql(db, Object.keys(licenses));
  });
});
