// readLineageCountsInGraph: createCountsReader's figures (direct children per relation, inferred-only children,
// descendants) for every model of random lineages with merges, inferred links and cycles, read whole and after the
// change journal's updates.
import { getLineageGraph, peekLineageGraph } from "../../../db/graph/get-lineage-graph";
import { readLineageCountsInGraph } from "../../../db/graph/count-children-in-graph";
import type { Db } from "../../../db/open-database";
import { createCountsReader } from "../../../db/queries/counts";
import { createRandomLineage } from "../../helpers/random-licensed-lineage";
import { seededRandom } from "../../helpers/test-seed";

function expectAsSql(db: Db, ids: string[]): number {
  const graph = peekLineageGraph(db);
  expect(graph).not.toBeNull();
  const sql = createCountsReader(db);
  let withInferredOnly = 0;
  for (const includeInferred of [false, true])
    for (const id of ids) {
      const expected = sql(id, { includeInferred });
      expect([id, includeInferred, readLineageCountsInGraph(db, graph!, id, { includeInferred })]).toEqual([
        id,
        includeInferred,
        expected,
      ]);
      if (expected.inferredOnly.children > 0) withInferredOnly++;
    }
  return withInferredOnly;
}

describe("readLineageCountsInGraph", () => {
  let db: Db;
  afterEach(() => db.close());

  it("counts as SQL on random lineages, and after the change journal's updates", () => {
    const random = seededRandom("readLineageCountsInGraph", 31);
    for (let family = 0; family < 3; family++) {
      const lineage = createRandomLineage(random, 50);
      db = lineage.db;
      const graph = getLineageGraph(db);
      expect(expectAsSql(db, lineage.ids)).toBeGreaterThan(5);
      for (let batch = 0; batch < 10; batch++) {
        lineage.write();
        expect(peekLineageGraph(db)).toBe(graph);
        expectAsSql(db, lineage.ids);
      }
      if (family < 2) db.close();
    }
  });
});
