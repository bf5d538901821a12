// Migration 4 on a database written by the previous schema: one links row per pair, and gated as the Hub sends it.
import Database from "better-sqlite3";
import { MIGRATIONS } from "../../db/migrations";
import { getModel } from "../../db/models";
import { migrate, type Db } from "../../db/open-database";
import { getLineageStats } from "../../db/queries/stats";

const LINKS_VERSION = MIGRATIONS.find((m) => m.name.startsWith("one link per"))!.version;

/** A database at the schema before the links table, filled with raw SQL as the old code wrote it. */
function oldDatabase(): Db {
  const db = new Database(":memory:") as Db;
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < LINKS_VERSION),
  );
  const edge = db.prepare(
    "INSERT INTO edges (parent, child, source, relation, confidence, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, " +
      "'x', 'x')",
  );
  edge.run("o/base", "o/a", "tag", "finetune", 1);
  edge.run("O/Base", "o/a", "card", "merge", 1);
  edge.run("o/base", "o/a", "inferred", "adapter", 0.6);
  edge.run("o/base", "o/b", "card", null, 1);
  edge.run("o/base", "o/b", "inferred", "quantized", 0.7);
  edge.run("o/a", "o/c", "tag", "adapter", 1);
  const model = db.prepare("INSERT INTO models (id, gated) VALUES (?, ?)");
  for (const [id, gated] of [
    ["o/open", "false"],
    ["o/auto", "auto"],
    ["o/manual", "manual"],
    ["o/old-true", "true"],
    ["o/odd", "sometimes"],
    ["o/unknown", null],
  ])
    model.run(id, gated);
  return db;
}

describe("migration 4 (links, gated)", () => {
  it("makes one link per pair from the stored edges, from the strongest source, marking disagreements", () => {
    const db = oldDatabase();
    expect(db.prepare("SELECT count(*) FROM edges").pluck().get()).toBe(6);
    migrate(db);
    const links = db
      .prepare("SELECT parent, child, relation, source, confidence, disagrees FROM links ORDER BY child")
      .all();
    expect(links).toEqual([
      { parent: "o/base", child: "o/a", relation: "finetune", source: "tag", confidence: 1, disagrees: 1 },
      { parent: "o/base", child: "o/b", relation: null, source: "card", confidence: 1, disagrees: 0 },
      { parent: "o/a", child: "o/c", relation: "adapter", source: "tag", confidence: 1, disagrees: 0 },
    ]);
    expect(getLineageStats(db).edges).toMatchObject({ total: 3, disagreements: 1 });
    // The triggers keep links in step with later writes to edges.
    db.prepare("DELETE FROM edges WHERE child = 'o/a' AND source = 'tag'").run();
    expect(db.prepare("SELECT relation, source, disagrees FROM links WHERE child = 'o/a'").get()).toEqual({
      relation: "merge",
      source: "card",
      disagrees: 1,
    });
    db.prepare("UPDATE edges SET relation = 'merge' WHERE child = 'o/a' AND source = 'inferred'").run();
    expect(db.prepare("SELECT disagrees FROM links WHERE child = 'o/a'").pluck().get()).toBe(0);
    db.close();
  });

  it("keeps gated as the Hub sends it: false, 'auto' or 'manual', null when unknown", () => {
    const db = oldDatabase();
    migrate(db);
    const gated = (id: string) => getModel(db, id)?.gated;
    expect(gated("o/open")).toBe(false);
    expect(gated("o/auto")).toBe("auto");
    expect(gated("o/manual")).toBe("manual");
    expect(gated("o/old-true")).toBe("auto");
    expect(gated("o/odd")).toBeNull();
    expect(gated("o/unknown")).toBeNull();
    db.close();
  });
});
