// getLineageStats and getDataVersion: whole-database totals and the marker that changes with the data.
import { setParents } from "../../../db/edges";
import type { Db } from "../../../db/open-database";
import { getDataVersion, getLineageStats } from "../../../db/queries/stats";
import { buildLineageDb, NOW } from "../../helpers/lineage-db";

describe("getLineageStats", () => {
  let db: Db;
  afterEach(() => db.close());

  it("totals models, families and edges per relation and source", () => {
    db = buildLineageDb(
      ["o/a", "o/b", "o/c"],
      ["o/a o/b finetune", "o/a o/c null card", "o/b o/c adapter inferred 0.5", "x/parent-only o/a quantized"],
    );
    const stats = getLineageStats(db);
    expect(stats.models).toEqual({ total: 3, fetched: 3, gone: 0 });
    expect(stats.families).toBe(2);
    expect(stats.edges).toEqual({
      total: 4,
      byRelation: { finetune: 1, adapter: 1, quantized: 1, merge: 0, unknown: 1 },
      bySource: { tag: 2, card: 1, inferred: 1 },
      disagreements: 0,
    });
    expect(stats.dbBytes).toBeGreaterThan(0);
  });

  it("counts a pair once whatever its sources, under the strongest one, and counts disagreements", () => {
    db = buildLineageDb(
      ["o/a", "o/b", "o/c"],
      [
        "o/a o/b finetune",
        "o/a o/b merge card",
        "o/a o/b adapter inferred 0.5",
        "o/a o/c null card",
        "o/a o/c quantized inferred 0.5",
        "O/A o/c quantized tag",
      ],
    );
    expect(getLineageStats(db).edges).toEqual({
      total: 2,
      byRelation: { finetune: 1, adapter: 0, quantized: 1, merge: 0, unknown: 0 },
      bySource: { tag: 2, card: 0, inferred: 0 },
      // o/a -> o/b: finetune, merge and adapter; o/a -> o/c: a null relation names none, the two others agree.
      disagreements: 1,
    });
    setParents(db, "o/b", "card", [], NOW);
    setParents(db, "o/b", "inferred", [], NOW);
    expect(getLineageStats(db).edges.disagreements).toBe(0);
    setParents(db, "o/b", "tag", [], NOW);
    expect(getLineageStats(db).edges.total).toBe(1);
  });
});

describe("getDataVersion", () => {
  it("changes when the data changes, and only then", () => {
    const db = buildLineageDb(["o/a"], []);
    const before = getDataVersion(db);
    expect(getDataVersion(db)).toBe(before);
    setParents(db, "o/b", "tag", [{ id: "o/a", relation: "finetune", source: "tag", confidence: 1 }], NOW);
    expect(getDataVersion(db)).not.toBe(before);
    db.close();
  });
});
