// getGraphSlice: generations both ways, relation filters, trimming to a budget with honest omitted counts.
import type { Db } from "../../db/open-database";
import { getGraphSlice, type GraphSliceResult } from "../../db/queries-graph-slice";
import { buildLineageDb } from "../helpers/lineage-db";

const ALL = { includeInferred: false, up: 10, down: 10, relations: null, limit: 5000 };
const generations = (slice: GraphSliceResult) => Object.fromEntries(slice.nodes.map((n) => [n.id, n.generation]));

describe("getGraphSlice", () => {
  let db: Db;
  afterEach(() => db.close());

  it("numbers generations from the focus: ancestors negative, descendants positive", () => {
    db = buildLineageDb(["o/r", "o/a", "o/f", "o/c", "o/g", "o/s"], ["o/r o/a finetune", "o/a o/f finetune", "o/f o/c adapter", "o/c o/g quantized", "o/a o/s finetune"]);
    const slice = getGraphSlice(db, "o/f", ALL);
    expect(generations(slice)).toEqual({ "o/f": 0, "o/a": -1, "o/r": -2, "o/c": 1, "o/g": 2 });
    expect(slice.edges.map((e) => `${e.parent}>${e.child}`).sort()).toEqual(["o/a>o/f", "o/c>o/g", "o/f>o/c", "o/r>o/a"]);
    // o/a has a child (o/s) outside the slice; o/r's only child is in it.
    expect(Object.fromEntries(slice.nodes.map((n) => [n.id, n.hasHiddenChildren]))).toEqual({ "o/f": false, "o/a": true, "o/r": false, "o/c": false, "o/g": false });
    expect([slice.truncated, slice.total]).toEqual([false, 5]);
  });

  it("follows only the relations asked for and honours up and down", () => {
    db = buildLineageDb(["o/r", "o/f", "o/ad", "o/q", "o/qq"], ["o/r o/f finetune", "o/f o/ad adapter", "o/f o/q quantized", "o/q o/qq quantized"]);
    expect(Object.keys(generations(getGraphSlice(db, "o/f", { ...ALL, relations: ["quantized"] }))).sort()).toEqual(["o/f", "o/q", "o/qq"]);
    const shallow = getGraphSlice(db, "o/f", { ...ALL, up: 0, down: 1 });
    expect(Object.keys(generations(shallow)).sort()).toEqual(["o/ad", "o/f", "o/q"]);
    expect(shallow.nodes.find((n) => n.id === "o/q")?.hasHiddenChildren).toBe(true);
  });

  it("keeps the most significant descendants connected to the focus and counts what it left out", () => {
    // Focus with 6 children; child c0 has 5 children of its own (so the most descendants), the others none.
    const edges = [...Array.from({ length: 6 }, (_, i) => `o/root o/c${i} finetune`), ...Array.from({ length: 5 }, (_, i) => `o/c0 o/g${i} adapter`)];
    const models = [{ id: "o/root" }, ...Array.from({ length: 6 }, (_, i) => ({ id: `o/c${i}`, downloads: i * 10 })), ...Array.from({ length: 5 }, (_, i) => ({ id: `o/g${i}`, downloads: 100 + i }))];
    db = buildLineageDb(models, edges);
    const slice = getGraphSlice(db, "o/root", { ...ALL, limit: 5 });
    // c0 (5 descendants) first, then the most downloaded among what is reachable: g4, g3, then c5 (50) vs g2 (102).
    expect(slice.nodes.map((n) => n.id)).toEqual(["o/root", "o/c0", "o/g2", "o/g3", "o/g4"]);
    expect(slice.omitted).toEqual([
      { generation: 1, count: 5 },
      { generation: 2, count: 2 },
    ]);
    expect([slice.truncated, slice.total]).toEqual([true, 12]);
    expect(slice.nodes.filter((n) => n.hasHiddenChildren).map((n) => n.id).sort()).toEqual(["o/c0", "o/root"]);
    expect(slice.edges).toHaveLength(4);
  });

  it("shows every parent of a merge above it", () => {
    db = buildLineageDb(["o/p1", "o/p2", "o/m", "o/g"], ["o/p1 o/m merge", "o/p2 o/m merge", "o/g o/p2 finetune"]);
    const slice = getGraphSlice(db, "o/m", ALL);
    expect(generations(slice)).toEqual({ "o/m": 0, "o/p1": -1, "o/p2": -1, "o/g": -2 });
    expect(slice.nodes.map((n) => [n.id, n.relation])).toEqual([
      ["o/m", "merge"],
      ["o/p1", null],
      ["o/p2", "finetune"],
      ["o/g", null],
    ]);
  });

  it("trims the same way when the family's counts say it fits but ancestors push it over", () => {
    db = buildLineageDb(["o/a1", "o/a2", "o/f", "o/c1", "o/c2"], ["o/a2 o/a1 finetune", "o/a1 o/f finetune", "o/f o/c1 adapter", "o/f o/c2 adapter"]);
    const slice = getGraphSlice(db, "o/f", { ...ALL, limit: 4 });
    expect([slice.total, slice.nodes.length, slice.truncated]).toEqual([5, 4, true]);
    expect(slice.omitted.reduce((sum, o) => sum + o.count, 0)).toBe(1);
  });

  it("keeps merge edges between kept models and survives a cycle", () => {
    db = buildLineageDb(["o/a", "o/b", "o/c", "o/m"], ["o/a o/b finetune", "o/a o/c finetune", "o/b o/m merge", "o/c o/m merge", "o/m o/a finetune"]);
    const slice = getGraphSlice(db, "o/a", ALL);
    expect(generations(slice)).toEqual({ "o/a": 0, "o/b": 1, "o/c": 1, "o/m": 2 });
    expect(slice.edges).toHaveLength(5);
  });
});

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("getGraphSlice without a relations filter (children read best first)", () => {
  // Naming every relation forces the walk of the whole family; with no null relations both must agree exactly.
  const RELATIONS = ["finetune", "adapter", "quantized", "merge"] as const;
  const shape = (slice: GraphSliceResult) => ({
    nodes: slice.nodes.map((n) => `${n.id} ${n.generation} ${n.relation} ${n.hasHiddenChildren} ${n.descendants}`).sort(),
    edges: slice.edges.map((e) => `${e.parent}>${e.child} ${e.source}`).sort(),
    total: slice.total,
    truncated: slice.truncated,
    omitted: slice.omitted,
  });

  it.each([1, 2, 3, 4, 5, 6])("keeps the same models, links and omitted counts as the full walk (seed %i)", (seed) => {
    const random = prng(seed);
    const size = 60 + Math.floor(random() * 60);
    const models = Array.from({ length: size }, (_, i) => ({ id: `o/m${i}`, downloads: Math.floor(random() * 1000) * size + i }));
    const edges: string[] = [];
    for (let i = 1; i < size; i++) {
      const fanIn = random() < 0.2 ? 2 + Math.floor(random() * 2) : 1;
      for (let k = 0; k < fanIn; k++) edges.push(`o/m${Math.floor(random() * i)} o/m${i} ${RELATIONS[Math.floor(random() * 4)]}`);
    }
    if (random() < 0.5) edges.push(`o/m3 o/m3 finetune`);
    const db = buildLineageDb(models, [...new Set(edges)]);
    try {
      for (const focus of ["o/m0", "o/m1", "o/m5"]) {
        for (const options of [{ ...ALL, limit: 5000 }, { ...ALL, limit: 12 }, { ...ALL, up: 1, down: 2, limit: 9 }]) {
          const ranked = getGraphSlice(db, focus, options);
          const walked = getGraphSlice(db, focus, { ...options, relations: [...RELATIONS] });
          expect(shape(ranked)).toEqual(shape(walked));
        }
      }
    } finally {
      db.close();
    }
  });
});
