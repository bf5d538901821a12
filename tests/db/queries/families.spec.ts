// getTopFamilies: the bounded top-k scan gives exactly the brute-force ranking, for every ranking and relation.
import type { Db } from "../../../db/open-database";
import { getTopFamilies } from "../../../db/queries/families";
import { RELATIONS, type Relation } from "../../../lineage/types";
import { buildLineageDb } from "../../helpers/lineage-db";
import { seededRandom } from "../../helpers/test-seed";

/** A seeded random forest with fan-out skew, a few merges and mixed relations. */
function randomLineage(seed: number, size: number) {
  const random = seededRandom("families random lineage", seed);
  const ids = Array.from({ length: size }, (_, i) => `${i % 7 === 0 ? "big" : `u${i % 13}`}/m${i}`);
  const edges: { parent: string; child: string; relation: Relation }[] = [];
  for (let i = 1; i < size; i++) {
    if (random() < 0.15) continue;
    const parent = ids[Math.floor(random() ** 3 * i)];
    const relation = RELATIONS[Math.floor(random() * 3)];
    edges.push({ parent, child: ids[i], relation });
    if (random() < 0.05) edges.push({ parent: ids[Math.floor(random() * i)], child: ids[i], relation: "merge" });
  }
  // A child with a merge edge has every parent edge typed merge, as the Hub tags merges.
  const merged = new Set(edges.filter((e) => e.relation === "merge").map((e) => e.child));
  for (const edge of edges) if (merged.has(edge.child)) edge.relation = "merge";
  const unique = new Map(edges.map((e) => [`${e.parent}>${e.child}`, e]));
  return { ids, edges: [...unique.values()] };
}

describe("getTopFamilies", () => {
  let db: Db;
  let lineage: ReturnType<typeof randomLineage>;
  beforeAll(() => {
    lineage = randomLineage(7, 400);
    db = buildLineageDb(
      lineage.ids,
      lineage.edges.map((e) => `${e.parent} ${e.child} ${e.relation}`),
    );
  });
  afterAll(() => db.close());

  function bruteForce(by: "descendants" | "direct", relation: Relation | null, author: string | null, limit: number) {
    const children = new Map<string, string[]>();
    const relationOf = new Map<string, Relation>();
    for (const e of lineage.edges) {
      children.set(e.parent, [...(children.get(e.parent) ?? []), e.child]);
      relationOf.set(e.child, e.relation);
    }
    const score = (id: string) => {
      if (by === "direct") {
        return lineage.edges.filter((e) => e.parent === id && (!relation || e.relation === relation)).length;
      }
      const seen = new Set<string>([id]);
      const queue = [id];
      let count = 0;
      while (queue.length) {
        for (const child of children.get(queue.shift() as string) ?? []) {
          if (seen.has(child)) continue;
          seen.add(child);
          queue.push(child);
          if (!relation || relationOf.get(child) === relation) count++;
        }
      }
      return count;
    };
    return lineage.ids
      .filter((id) => !author || id.startsWith(`${author}/`))
      .map((id) => ({ id, score: score(id) }))
      .filter((e) => e.score > 0)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  it.each([
    ["descendants", null, null],
    ["descendants", "adapter", null],
    ["descendants", "merge", null],
    ["direct", null, null],
    ["direct", "quantized", null],
    ["descendants", null, "big"],
    ["direct", "finetune", "u3"],
  ] as const)("ranks by %s (relation %s, author %s) exactly as a full scan would", (by, relation, author) => {
    const top = getTopFamilies(db, { by, relation, author, limit: 12, includeInferred: false });
    expect(top.map((e) => ({ id: e.id, score: e.score }))).toEqual(bruteForce(by, relation, author, 12));
  });
});
