// The graph walk (walkDescendants) against the level-at-a-time SQL walk as oracle: same members, same order, on
// hand-made edge cases, a synthetic family, the recorded Hub data, and after a write (the graph is read again).
import { createSyntheticFamily, writeSyntheticFamily } from "../../../bench/synthetic-family";
import { setParents } from "../../../db/edges";
import { openDatabase, type Db } from "../../../db/open-database";
import {
  sortDescendants,
  walkDescendants,
  walkDescendantsSql,
  type WalkOptions,
} from "../../../db/queries/descendants";
import { countGrowth, getGrowth } from "../../../db/queries/growth";
import { createNodeReader } from "../../../db/queries/nodes";
import { idKey } from "../../../lineage/id-key";
import { describeWithHubData } from "../../helpers/hub-data";
import { buildLineageDb, NOW } from "../../helpers/lineage-db";
import { buildReplayDb, loadReplayRecords } from "../../helpers/replay-db";

const SCOPES: WalkOptions[] = [
  { includeInferred: false },
  { includeInferred: true },
  { includeInferred: true, maxDepth: 1 },
  { includeInferred: false, maxDepth: 2 },
];

function expectSameWalks(db: Db, starts: (string | string[])[]): number {
  let compared = 0;
  for (const start of starts)
    for (const scope of SCOPES) {
      const oracle = walkDescendantsSql(db, start, scope);
      expect(walkDescendants(db, start, scope)).toEqual(oracle);
      compared += oracle.length;
    }
  return compared;
}

describe("walkDescendants on the lineage graph", () => {
  let db: Db;
  afterEach(() => db.close());

  it("answers as the SQL walk on diamonds, cycles, merges, self-loops, inferred links and mixed case", () => {
    db = buildLineageDb(
      ["o/a", "o/b", "o/c", "o/d", "o/e", "o/f", "p/z", "p/y"],
      [
        "o/a o/b finetune",
        "o/a o/c adapter card",
        "o/b o/d merge",
        "o/c o/d merge card",
        "p/z o/d finetune inferred 0.6",
        "o/d o/e quantized",
        "o/e o/a finetune",
        "o/e o/e finetune",
        "o/c o/f adapter inferred 0.8",
        "o/b o/f adapter card",
        "O/A p/y finetune",
        "p/y p/z finetune inferred 0.5",
      ],
    );
    const compared = expectSameWalks(db, ["o/a", "O/B", "o/e", "p/y", "o/f", "none/here", ["o/b", "o/c"], []]);
    expect(compared).toBeGreaterThan(20);
  });

  it("answers as the SQL walk on a synthetic family of 3,000, and again after a write", () => {
    db = openDatabase(":memory:");
    const family = createSyntheticFamily("Qwen/Synthetic-Base", 3000);
    writeSyntheticFamily(db, family, NOW);
    const starts = [family.ids[0], family.ids[1], family.ids[7], family.ids.slice(10, 14)];
    expect(expectSameWalks(db, starts)).toBeGreaterThan(3000);
    const before = walkDescendants(db, family.ids[1], { includeInferred: true }).length;
    setParents(
      db,
      "writer/new",
      "tag",
      [{ id: family.ids[1], relation: "quantized", source: "tag", confidence: 1 }],
      NOW,
    );
    expect(walkDescendants(db, family.ids[1], { includeInferred: true })).toHaveLength(before + 1);
    expectSameWalks(db, starts);
  });
});

/** The children list's items and the growth as the SQL walk and the per-call node reader gave them (the oracle). */
function expectSameListAndGrowth(db: Db, id: string, includeInferred: boolean): void {
  const members = walkDescendantsSql(db, id, { includeInferred });
  const info = createNodeReader(db, { includeInferred })(members.map((m) => m.id));
  const items = sortDescendants(db, id, { includeInferred, sort: "downloads" }).keyed.map((k) => k.item);
  expect(items).toHaveLength(members.length);
  for (const item of items) {
    const node = info.get(idKey(item.id));
    const member = members.find((m) => idKey(m.id) === idKey(item.id));
    expect(item).toEqual({
      ...member,
      id: node?.id,
      author: node?.author,
      createdAt: node?.createdAt,
      downloads: node?.downloads,
      likes: node?.likes,
      descendants: node?.descendants,
    });
  }
  const now = new Date("2026-12-01T00:00:00Z");
  const oracle = countGrowth(
    members.map((m) => ({ relation: m.relation, createdAt: info.get(idKey(m.id))?.createdAt ?? null })),
    { interval: "week", now },
  );
  expect(getGrowth(db, id, { includeInferred, interval: "week", relation: null, now })).toEqual(oracle);
}

describe("children list and growth on the lineage graph", () => {
  it("give the SQL walk's items and periods on a synthetic family of 2,000", () => {
    const db = openDatabase(":memory:");
    try {
      const family = createSyntheticFamily("Qwen/Synthetic-Base", 2000);
      writeSyntheticFamily(db, family, NOW);
      for (const id of [family.ids[0], family.ids[3]]) {
        expectSameListAndGrowth(db, id, true);
        expectSameListAndGrowth(db, id, false);
      }
    } finally {
      db.close();
    }
  });
});

describeWithHubData("walkDescendants on the lineage graph, recorded Hub data", () => {
  it("answers as the SQL walk from every root of the replayed models", () => {
    const db = buildReplayDb(loadReplayRecords());
    try {
      const roots = (
        db
          .prepare("SELECT DISTINCT parent FROM links WHERE parent NOT IN (SELECT child FROM links)")
          .pluck()
          .all() as string[]
      ).slice(0, 200);
      expect(roots.length).toBeGreaterThan(0);
      expect(expectSameWalks(db, [...roots, roots.slice(0, 20)])).toBeGreaterThan(100);
    } finally {
      db.close();
    }
  });
});
