// getGraphSlice: generations both ways, relation filters, trimming to a budget with honest omitted counts; the
// in-memory slice checked against the SQL walk kept as an oracle (tests/helpers/walk-graph-slice.ts).
import { getLineageGraph } from "../../../db/graph/get-lineage-graph";
import type { Db } from "../../../db/open-database";
import { getGraphSlice } from "../../../db/graph/get-graph-slice";
import type { GraphSliceResult, SliceOptions } from "../../../db/graph/graph-slice";
import { walkGraphSlice } from "../../helpers/walk-graph-slice";
import { sliceLineageGraph } from "../../../db/graph/slice-lineage-graph";
import { setParents } from "../../../db/edges";
import { buildLineageDb, NOW } from "../../helpers/lineage-db";
import { createRandom } from "../../../replay/prng";

const ALL = { includeInferred: false, up: 10, down: 10, relations: null, limit: 5000 };
const generations = (slice: GraphSliceResult) => Object.fromEntries(slice.nodes.map((n) => [n.id, n.generation]));

/** The in-memory path, which must not decline a focus that is in some edge. */
function inMemory(db: Db, focusId: string, options: SliceOptions): GraphSliceResult {
  const slice = sliceLineageGraph(db, getLineageGraph(db), focusId, options);
  if (!slice) throw new Error(`sliceLineageGraph declined ${focusId}`);
  return slice;
}

describe.each([
  ["getGraphSlice", getGraphSlice],
  ["walkGraphSlice (SQL)", walkGraphSlice],
  ["sliceLineageGraph (in memory)", inMemory],
])("%s", (_name, getGraphSlice) => {
  let db: Db;
  afterEach(() => db.close());

  it("numbers generations from the focus: ancestors negative, descendants positive", () => {
    db = buildLineageDb(
      ["o/r", "o/a", "o/f", "o/c", "o/g", "o/s"],
      ["o/r o/a finetune", "o/a o/f finetune", "o/f o/c adapter", "o/c o/g quantized", "o/a o/s finetune"],
    );
    const slice = getGraphSlice(db, "o/f", ALL);
    expect(generations(slice)).toEqual({ "o/f": 0, "o/a": -1, "o/r": -2, "o/c": 1, "o/g": 2 });
    expect(slice.edges.map((e) => `${e.parent}>${e.child}`).sort()).toEqual([
      "o/a>o/f",
      "o/c>o/g",
      "o/f>o/c",
      "o/r>o/a",
    ]);
    // o/a has a child (o/s) outside the slice; o/r's only child is in it.
    expect(Object.fromEntries(slice.nodes.map((n) => [n.id, n.hasHiddenChildren]))).toEqual({
      "o/f": false,
      "o/a": true,
      "o/r": false,
      "o/c": false,
      "o/g": false,
    });
    expect([slice.truncated, slice.total]).toEqual([false, 5]);
  });

  it("follows only the relations asked for and honours up and down", () => {
    db = buildLineageDb(
      ["o/r", "o/f", "o/ad", "o/q", "o/qq"],
      ["o/r o/f finetune", "o/f o/ad adapter", "o/f o/q quantized", "o/q o/qq quantized"],
    );
    expect(Object.keys(generations(getGraphSlice(db, "o/f", { ...ALL, relations: ["quantized"] }))).sort()).toEqual([
      "o/f",
      "o/q",
      "o/qq",
    ]);
    const shallow = getGraphSlice(db, "o/f", { ...ALL, up: 0, down: 1 });
    expect(Object.keys(generations(shallow)).sort()).toEqual(["o/ad", "o/f", "o/q"]);
    expect(shallow.nodes.find((n) => n.id === "o/q")?.hasHiddenChildren).toBe(true);
  });

  it("keeps the most significant descendants connected to the focus and counts what it left out", () => {
    // Focus with 6 children; child c0 has 5 children of its own (so the most descendants), the others none.
    const edges = [
      ...Array.from({ length: 6 }, (_, i) => `o/root o/c${i} finetune`),
      ...Array.from({ length: 5 }, (_, i) => `o/c0 o/g${i} adapter`),
    ];
    const models = [
      { id: "o/root" },
      ...Array.from({ length: 6 }, (_, i) => ({ id: `o/c${i}`, downloads: i * 10 })),
      ...Array.from({ length: 5 }, (_, i) => ({ id: `o/g${i}`, downloads: 100 + i })),
    ];
    db = buildLineageDb(models, edges);
    const slice = getGraphSlice(db, "o/root", { ...ALL, limit: 5 });
    // c0 (5 descendants) first, then the most downloaded among what is reachable: g4, g3, then c5 (50) vs g2 (102).
    expect(slice.nodes.map((n) => n.id)).toEqual(["o/root", "o/c0", "o/g2", "o/g3", "o/g4"]);
    expect(slice.omitted).toEqual([
      { generation: 1, count: 5 },
      { generation: 2, count: 2 },
    ]);
    expect([slice.truncated, slice.total]).toEqual([true, 12]);
    expect(
      slice.nodes
        .filter((n) => n.hasHiddenChildren)
        .map((n) => n.id)
        .sort(),
    ).toEqual(["o/c0", "o/root"]);
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
    db = buildLineageDb(
      ["o/a1", "o/a2", "o/f", "o/c1", "o/c2"],
      ["o/a2 o/a1 finetune", "o/a1 o/f finetune", "o/f o/c1 adapter", "o/f o/c2 adapter"],
    );
    const slice = getGraphSlice(db, "o/f", { ...ALL, limit: 4 });
    expect([slice.total, slice.nodes.length, slice.truncated]).toEqual([5, 4, true]);
    expect(slice.omitted.reduce((sum, o) => sum + o.count, 0)).toBe(1);
  });

  it("keeps merge edges between kept models and survives a cycle", () => {
    db = buildLineageDb(
      ["o/a", "o/b", "o/c", "o/m"],
      ["o/a o/b finetune", "o/a o/c finetune", "o/b o/m merge", "o/c o/m merge", "o/m o/a finetune"],
    );
    const slice = getGraphSlice(db, "o/a", ALL);
    expect(generations(slice)).toEqual({ "o/a": 0, "o/b": 1, "o/c": 1, "o/m": 2 });
    expect(slice.edges).toHaveLength(5);
  });
});

describe("getGraphSlice without a relations filter (children read best first)", () => {
  // Naming every relation forces the walk of the whole family; with no null relations both must agree exactly.
  const RELATIONS = ["finetune", "adapter", "quantized", "merge"] as const;
  const shape = (slice: GraphSliceResult) => ({
    nodes: slice.nodes
      .map((n) => `${n.id} ${n.generation} ${n.relation} ${n.hasHiddenChildren} ${n.descendants}`)
      .sort(),
    edges: slice.edges.map((e) => `${e.parent}>${e.child} ${e.source}`).sort(),
    total: slice.total,
    truncated: slice.truncated,
    omitted: slice.omitted,
  });

  it.each([1, 2, 3, 4, 5, 6])("keeps the same models, links and omitted counts as the full walk (seed %i)", (seed) => {
    const random = createRandom(seed);
    const size = 60 + Math.floor(random() * 60);
    const models = Array.from({ length: size }, (_, i) => ({
      id: `o/m${i}`,
      downloads: Math.floor(random() * 1000) * size + i,
    }));
    const edges: string[] = [];
    for (let i = 1; i < size; i++) {
      const fanIn = random() < 0.2 ? 2 + Math.floor(random() * 2) : 1;
      for (let k = 0; k < fanIn; k++)
        edges.push(`o/m${Math.floor(random() * i)} o/m${i} ${RELATIONS[Math.floor(random() * 4)]}`);
    }
    if (random() < 0.5) edges.push(`o/m3 o/m3 finetune`);
    const db = buildLineageDb(models, [...new Set(edges)]);
    try {
      for (const focus of ["o/m0", "o/m1", "o/m5"]) {
        for (const options of [
          { ...ALL, limit: 5000 },
          { ...ALL, limit: 12 },
          { ...ALL, up: 1, down: 2, limit: 9 },
        ]) {
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

describe("sliceLineageGraph", () => {
  const RELATIONS = ["finetune", "adapter", "quantized", "merge", "null"] as const;

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    "answers exactly as the SQL walk, filters, inferred edges and cycles included (seed %i)",
    (seed) => {
      const random = createRandom(seed * 31);
      const size = 50 + Math.floor(random() * 50);
      // Mixed-case ids, some downloads tied or missing, parents not stored, null relations, inferred and card rows.
      const id = (i: number) => (i % 7 === 3 ? `Org/M${i}` : `org/m${i}`);
      const models = Array.from({ length: size }, (_, i) => i)
        .filter((i) => i % 11 !== 5)
        .map((i) => ({ id: id(i), downloads: random() < 0.2 ? null : Math.floor(random() * 5) }));
      const edges: string[] = [];
      for (let i = 1; i < size; i++) {
        const fanIn = random() < 0.25 ? 2 + Math.floor(random() * 2) : 1;
        for (let k = 0; k < fanIn; k++) {
          const source = random() < 0.15 ? "inferred 0.7" : random() < 0.2 ? "card" : "tag";
          const parent = Math.floor(random() * i);
          // A stored parent is sometimes named in another case, as cards do.
          const named = parent % 11 !== 5 && random() < 0.2 ? id(parent).toUpperCase() : id(parent);
          edges.push(`${named} ${id(i)} ${RELATIONS[Math.floor(random() * 5)]} ${source}`);
        }
      }
      edges.push(`${id(3)} ${id(3)} finetune`, `${id(9)} ${id(2)} merge card`);
      const db = buildLineageDb(models, [...new Set(edges)]);
      try {
        for (const focus of [id(0), id(1), id(2), "ORG/M3", id(9)]) {
          for (const options of [
            { ...ALL },
            { ...ALL, limit: 10 },
            { ...ALL, up: 1, down: 2, limit: 9 },
            { ...ALL, includeInferred: true, limit: 15 },
            { ...ALL, relations: ["finetune", "merge"] as SliceOptions["relations"], limit: 8 },
            { ...ALL, up: 0, down: 0, limit: 3 },
          ]) {
            expect(inMemory(db, focus, options)).toEqual(walkGraphSlice(db, focus, options));
          }
        }
      } finally {
        db.close();
      }
    },
  );

  it("reads downloads itself when child_ranks is out of step with edges", () => {
    const models = Array.from({ length: 30 }, (_, i) => ({ id: `o/m${i}`, downloads: (i * 7) % 10 }));
    const db = buildLineageDb(
      models,
      Array.from({ length: 29 }, (_, i) => `o/m${Math.floor(i / 3)} o/m${i + 1} finetune`),
    );
    try {
      db.prepare("DELETE FROM child_ranks WHERE child = 'o/m29'").run();
      const options = { ...ALL, limit: 12 };
      expect(inMemory(db, "o/m0", options)).toEqual(walkGraphSlice(db, "o/m0", options));
    } finally {
      db.close();
    }
  });

  it("declines a model in no edge, which getGraphSlice answers alone as the SQL walk does", () => {
    const db = buildLineageDb(["o/alone", "o/a", "o/b"], ["o/a o/b finetune"]);
    try {
      expect(sliceLineageGraph(db, getLineageGraph(db), "o/alone", ALL)).toBeNull();
      expect(getGraphSlice(db, "o/alone", ALL)).toMatchObject({
        focus: "o/alone",
        total: 1,
        truncated: false,
        edges: [],
      });
      for (const focus of ["O/ALONE", "o/unknown"]) {
        for (const options of [ALL, { ...ALL, down: 0, up: 0 }, { ...ALL, includeInferred: true }])
          expect(getGraphSlice(db, focus, options)).toEqual(walkGraphSlice(db, focus, options));
      }
    } finally {
      db.close();
    }
  });

  it("brings the cached graph up to date after a write (not read whole), so a new edge shows at once", () => {
    const db = buildLineageDb(["o/a", "o/b", "o/c"], ["o/a o/b finetune"]);
    try {
      const before = getLineageGraph(db);
      expect(inMemory(db, "o/a", ALL).total).toBe(2);
      setParents(db, "o/c", "tag", [{ id: "o/b", relation: "adapter", source: "tag", confidence: 1 }], NOW);
      expect(getLineageGraph(db)).toBe(before);
      expect(inMemory(db, "o/a", ALL).nodes.map((n) => [n.id, n.generation, n.relation])).toEqual([
        ["o/a", 0, null],
        ["o/b", 1, "finetune"],
        ["o/c", 2, "adapter"],
      ]);
    } finally {
      db.close();
    }
  });
});
