// getTopFamilies: the bounded top-k scan gives exactly the brute-force ranking, for every ranking and relation; and
// counted on the cached lineage graph it answers exactly as in SQL (random lineages with licences, writes between).
import * as graphCache from "../../../db/graph/get-lineage-graph";
import type { Db } from "../../../db/open-database";
import { FAMILY_RANKINGS, getTopFamilies, type TopFamiliesOptions } from "../../../db/queries/families";
import { RELATIONS, type Relation } from "../../../lineage/types";
import { buildLineageDb } from "../../helpers/lineage-db";
import { createRandomLineage } from "../../helpers/random-licensed-lineage";
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

/** The ids of the first 10 bases by descendants. */
function basesByDescendants(db: Db, includeInferred: boolean): string[] {
  const options = { by: "descendants", relation: null, author: null, limit: 10, includeDerivatives: false } as const;
  return getTopFamilies(db, { ...options, includeInferred }).map((e) => e.id);
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

  function bruteForce(
    by: "descendants" | "direct",
    relation: Relation | null,
    author: string | null,
    limit: number,
    includeDerivatives = true,
  ) {
    const hasParent = new Set(lineage.edges.map((e) => e.child));
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
      .filter((id) => includeDerivatives || !hasParent.has(id))
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
    const options = { by, relation, author, limit: 12, includeInferred: false };
    const top = getTopFamilies(db, { ...options, includeDerivatives: true });
    expect(top.map((e) => ({ id: e.id, score: e.score }))).toEqual(bruteForce(by, relation, author, 12));
    const bases = getTopFamilies(db, { ...options, includeDerivatives: false });
    expect(bases.map((e) => ({ id: e.id, score: e.score }))).toEqual(bruteForce(by, relation, author, 12, false));
  });

  it("ranks bases only by default: a derivative with an inferred parent is a base unless inferred links count", () => {
    const small = buildLineageDb(
      ["q/base", "q/instruct", "s/ax", "x/ft", "x/ft2"],
      [
        "q/base q/instruct finetune",
        "q/instruct x/ft finetune",
        "q/base s/ax finetune inferred 0.8",
        "s/ax x/ft2 finetune",
      ],
    );
    expect(basesByDescendants(small, false)).toEqual(["q/base", "s/ax"]);
    expect(basesByDescendants(small, true)).toEqual(["q/base"]);
    small.close();
  });
});

describe("getTopFamilies on the lineage graph", () => {
  /** Every ranking, relation, scope, author, bases or all, and limit; the answers on the graph, then in SQL. */
  function answerBothWays(db: Db): { onGraph: unknown[]; inSql: unknown[]; licenseItems: number } {
    const all: TopFamiliesOptions[] = [];
    for (const by of FAMILY_RANKINGS)
      for (const relation of [null, "merge", "finetune"] as const)
        for (const includeInferred of [false, true])
          for (const includeDerivatives of [false, true])
            for (const [author, limit] of [
              [null, 1],
              [null, 7],
              [null, 1000],
              ["org-2", 5],
            ] as const)
              all.push({ by, relation, author, includeInferred, includeDerivatives, limit });
    expect(graphCache.peekLineageGraph(db)).not.toBeNull();
    const onGraph = all.map((options) => ({ options, top: getTopFamilies(db, options) }));
    const noGraph = jest.spyOn(graphCache, "peekLineageGraph").mockReturnValue(null);
    try {
      const inSql = all.map((options) => ({ options, top: getTopFamilies(db, options) }));
      expect(noGraph).toHaveBeenCalledTimes(all.length);
      const licenseItems = onGraph
        .filter((answer) => answer.options.by === "licenseChanges")
        .reduce((sum, answer) => sum + answer.top.length, 0);
      return { onGraph, inSql, licenseItems };
    } finally {
      noGraph.mockRestore();
    }
  }

  it("takes a model whose only parent link is a self-loop, or inferred, for a base, as SQL does", () => {
    const db = buildLineageDb(
      ["s/loop", "s/kid", "q/base", "s/ax", "x/ft"],
      ["s/loop s/loop finetune", "s/loop s/kid finetune", "q/base s/ax finetune inferred 0.8", "s/ax x/ft finetune"],
    );
    try {
      graphCache.getLineageGraph(db);
      expect(basesByDescendants(db, false)).toEqual(["s/ax", "s/loop"]);
      expect(basesByDescendants(db, true)).toEqual(["q/base", "s/loop"]);
      expect(answerBothWays(db).onGraph).toEqual(answerBothWays(db).inSql);
    } finally {
      db.close();
    }
  });

  it("ranks, ties and counts as in SQL on random lineages, read whole and after the change journal's updates", () => {
    const random = seededRandom("getTopFamilies on the lineage graph", 31);
    for (let family = 0; family < 3; family++) {
      const lineage = createRandomLineage(random, 80);
      try {
        graphCache.getLineageGraph(lineage.db);
        const first = answerBothWays(lineage.db);
        expect(first.onGraph).toEqual(first.inSql);
        expect(first.licenseItems).toBeGreaterThan(50);
        for (let batch = 0; batch < 6; batch++) {
          lineage.write();
          const after = answerBothWays(lineage.db);
          expect(after.onGraph).toEqual(after.inSql);
        }
      } finally {
        lineage.db.close();
      }
    }
  });
});
