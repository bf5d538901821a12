// getAncestry and getRoots: every path up through merges, cycles ending paths, and the caps saying so.
import type { Db } from "../../../db/open-database";
import { getAncestry, getRoots } from "../../../db/queries/ancestors";
import { buildLineageDb } from "../../helpers/lineage-db";

describe("getAncestry", () => {
  let db: Db;
  afterEach(() => db.close());

  it("lists one path per way up through a merge, each ending at a root", () => {
    // r1 -> a -> m, r2 -> m (m merges a and r2), m -> q
    db = buildLineageDb(
      ["o/r1", "o/r2", "o/a", "o/m", "o/q"],
      ["o/r1 o/a finetune", "o/a o/m merge", "o/r2 o/m merge", "o/m o/q quantized"],
    );
    const ancestry = getAncestry(db, "o/q", { includeInferred: false });
    expect(ancestry.paths.map((p) => p.ids)).toEqual([
      ["o/q", "o/m", "o/a", "o/r1"],
      ["o/q", "o/m", "o/r2"],
    ]);
    expect(ancestry.roots.sort()).toEqual(["o/r1", "o/r2"]);
    expect(ancestry.nodes.map((n) => [n.id, n.depth])).toEqual([
      ["o/q", 0],
      ["o/m", 1],
      ["o/a", 2],
      ["o/r2", 2],
      ["o/r1", 3],
    ]);
    expect(ancestry.capped).toEqual({ nodes: false, paths: false });
  });

  it("ends a path where bad data loops back onto it, and says so", () => {
    db = buildLineageDb(["o/a", "o/b", "o/c"], ["o/a o/b finetune", "o/b o/c finetune", "o/c o/a finetune"]);
    const ancestry = getAncestry(db, "o/c", { includeInferred: false });
    expect(ancestry.paths).toEqual([{ ids: ["o/c", "o/b", "o/a"], endsInCycle: true }]);
    expect(ancestry.roots).toEqual([]);
  });

  it("caps the number of paths, and says it did", () => {
    // A ladder of merges: 2^5 paths from the bottom.
    const edges: string[] = [];
    for (let i = 0; i < 5; i++)
      edges.push(
        `o/l${i} o/n${i + 1} merge`,
        `o/r${i} o/n${i + 1} merge`,
        `o/n${i} o/l${i} finetune`,
        `o/n${i} o/r${i} finetune`,
      );
    db = buildLineageDb([], edges);
    expect(getAncestry(db, "o/n5", { includeInferred: false }, { maxNodes: 1000, maxPaths: 1000 }).paths).toHaveLength(
      32,
    );
    const capped = getAncestry(db, "o/n5", { includeInferred: false }, { maxNodes: 1000, maxPaths: 7 });
    expect([capped.paths.length, capped.capped.paths]).toEqual([7, true]);
    const exact = getAncestry(db, "o/n5", { includeInferred: false }, { maxNodes: 1000, maxPaths: 32 });
    expect(exact.capped.paths).toBe(false);
  });

  it("caps the ancestors read on pathological data", () => {
    const edges = Array.from({ length: 50 }, (_, i) => `o/m${i + 1} o/m${i} finetune`);
    db = buildLineageDb([], edges);
    const ancestry = getAncestry(db, "o/m0", { includeInferred: false }, { maxNodes: 10, maxPaths: 10 });
    expect([ancestry.nodes.length, ancestry.capped.nodes]).toEqual([10, true]);
  });

  it("walks a chain far deeper than the call stack allows", () => {
    const edges = Array.from({ length: 20000 }, (_, i) => `o/m${i + 1} o/m${i} finetune`);
    db = buildLineageDb([], edges);
    const ancestry = getAncestry(db, "o/m0", { includeInferred: false }, { maxNodes: 30000, maxPaths: 1 });
    expect(ancestry.paths[0].ids).toHaveLength(20001);
    expect(ancestry.roots).toEqual(["o/m20000"]);
  });

  it("goes up inferred edges only when asked", () => {
    db = buildLineageDb(["o/a", "o/b"], ["o/a o/b finetune inferred 0.9"]);
    expect(getRoots(db, "o/b", { includeInferred: false })).toEqual(["o/b"]);
    expect(getRoots(db, "o/b", { includeInferred: true })).toEqual(["o/a"]);
  });
});
