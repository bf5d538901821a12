// Descendant counts: rebuilt and refreshed both ways on chains, diamonds, merges and cycles, on random graphs, and at
// a walk's end (one refresh in the transaction that finishes the run).
import { recordAlias } from "../../../db/aliases";
import {
  getDescendantCounts,
  rebuildDescendantCounts,
  refreshDescendantCounts,
  type DescendantCounts,
} from "../../../db/counts/descendant-counts";
import { setParents } from "../../../db/edges";
import { getLineageGraph } from "../../../db/graph/get-lineage-graph";
import { readLineageGraph } from "../../../db/graph/lineage-graph";
import { upsertModels } from "../../../db/models";
import type { Db } from "../../../db/open-database";
import { EDGE_SOURCES, RELATIONS, type EdgeSource, type ParentLink, type Relation } from "../../../lineage/types";
import { createRandom } from "../../../replay/prng";
import { NOW, freshDb, link, modelRecord } from "../../helpers/db-fixtures";

const ZERO = { total: 0, finetune: 0, adapter: 0, quantized: 0, merge: 0, maxDepth: 0 };

function counts(partial: Partial<DescendantCounts>): DescendantCounts {
  return { ...ZERO, ...partial };
}

/** Writes edges child <- parent as `[child, parent, relation, source?]` tuples, one setParents per child and source. */
function writeEdges(db: Db, edges: [string, string, Relation | null, EdgeSource?][]): void {
  const sets = new Map<string, ParentLink[]>();
  for (const [child, parent, relation, source = "tag"] of edges) {
    const key = `${child}\0${source}`;
    sets.set(key, [...(sets.get(key) ?? []), link(parent, relation, source, source === "inferred" ? 0.8 : 1)]);
  }
  for (const [key, links] of sets) {
    const [child, source] = key.split("\0");
    setParents(db, child, source as EdgeSource, links, NOW);
  }
}

// Both ways of bringing counts up to date must agree; every example checks both.
const WAYS: [string, (db: Db) => void][] = [
  ["rebuild", (db) => rebuildDescendantCounts(db)],
  ["refresh", (db) => void refreshDescendantCounts(db)],
];

describe.each(WAYS)("descendant counts (%s)", (_way, update) => {
  it("counts a chain with its depth", () => {
    const db = freshDb();
    writeEdges(db, [
      ["b", "a", "finetune"],
      ["c", "b", "quantized"],
    ]);
    update(db);
    expect(getDescendantCounts(db, "a")).toEqual(counts({ total: 2, finetune: 1, quantized: 1, maxDepth: 2 }));
    expect(getDescendantCounts(db, "B")).toEqual(counts({ total: 1, quantized: 1, maxDepth: 1 }));
    expect(getDescendantCounts(db, "c")).toEqual(ZERO);
  });

  it("counts a diamond's bottom once, at its shortest distance", () => {
    const db = freshDb();
    writeEdges(db, [
      ["b", "a", "finetune"],
      ["c", "a", "finetune"],
      ["d", "b", "merge"],
      ["d", "c", "merge"],
      ["e", "d", "adapter"],
      ["e", "a", "adapter"],
    ]);
    update(db);
    expect(getDescendantCounts(db, "a")).toEqual(counts({ total: 4, finetune: 2, merge: 1, adapter: 1, maxDepth: 2 }));
  });

  it("counts a merge child under merge when any of its edges is a merge", () => {
    const db = freshDb();
    writeEdges(db, [
      ["m", "x", "finetune"],
      ["m", "y", "merge"],
    ]);
    update(db);
    expect(getDescendantCounts(db, "x")).toEqual(counts({ total: 1, merge: 1, maxDepth: 1 }));
  });

  it("survives a cycle without counting a model as its own descendant", () => {
    const db = freshDb();
    writeEdges(db, [
      ["b", "a", "finetune"],
      ["c", "b", "finetune"],
      ["a", "c", "finetune"],
      ["d", "c", "adapter"],
    ]);
    update(db);
    expect(getDescendantCounts(db, "a")).toEqual(counts({ total: 3, finetune: 2, adapter: 1, maxDepth: 3 }));
    expect(getDescendantCounts(db, "c")).toEqual(counts({ total: 3, finetune: 2, adapter: 1, maxDepth: 2 }));
  });

  it("ignores self-loops", () => {
    const db = freshDb();
    writeEdges(db, [
      ["a", "a", "finetune"],
      ["b", "a", "adapter"],
      ["b", "b", "merge"],
    ]);
    update(db);
    expect(getDescendantCounts(db, "a")).toEqual(counts({ total: 1, adapter: 1, maxDepth: 1 }));
    expect(getDescendantCounts(db, "b")).toEqual(ZERO);
  });

  it("counts below a parent that is not a stored model, under the edges' spelling", () => {
    const db = freshDb();
    writeEdges(db, [["org/child", "Base/Dangling", "finetune"]]);
    update(db);
    expect(getDescendantCounts(db, "base/dangling").total).toBe(1);
    expect(db.prepare("SELECT id FROM descendant_counts").pluck().all()).toEqual(["Base/Dangling"]);
  });

  it("names rows with the stored model's spelling", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("Org/Base")], NOW);
    writeEdges(db, [["org/child", "org/base", "finetune"]]);
    update(db);
    expect(db.prepare("SELECT id FROM descendant_counts").pluck().all()).toEqual(["Org/Base"]);
  });

  it("leaves inferred-only pairs out of declared counts and lets declared sources win a pair", () => {
    const db = freshDb();
    writeEdges(db, [
      ["b", "a", "finetune", "inferred"],
      ["c", "a", null, "tag"],
      ["c", "a", "adapter", "inferred"],
      ["d", "a", "quantized", "card"],
      ["d", "a", "finetune", "tag"],
    ]);
    update(db);
    expect(getDescendantCounts(db, "a")).toEqual(counts({ total: 2, finetune: 1, maxDepth: 1 }));
    expect(getDescendantCounts(db, "a", { includeInferred: true })).toEqual(
      counts({ total: 3, finetune: 2, maxDepth: 1 }),
    );
  });

  it("takes the relation of the highest-priority edge among several parents", () => {
    const db = freshDb();
    writeEdges(db, [
      ["c", "p1", "adapter", "card"],
      ["c", "p2", "quantized", "tag"],
      ["c", "p3", "adapter", "tag"],
    ]);
    update(db);
    // Tag edges win over the card edge; among tag edges, adapter comes before quantized.
    expect(getDescendantCounts(db, "p1")).toEqual(counts({ total: 1, adapter: 1, maxDepth: 1 }));
  });
});

describe("refreshDescendantCounts", () => {
  it("does nothing when nothing changed", () => {
    const db = freshDb();
    expect(refreshDescendantCounts(db)).toEqual({ mode: "none", recounted: 0, leaves: 0 });
  });

  it("adds new leaves to their ancestors without recounting the family", () => {
    const db = freshDb();
    writeEdges(db, [
      ["b", "a", "finetune"],
      ["c", "b", "finetune"],
    ]);
    rebuildDescendantCounts(db);
    writeEdges(db, [
      ["leaf1", "c", "adapter"],
      ["leaf2", "b", "quantized"],
      ["leaf2", "c", "quantized"],
    ]);
    expect(refreshDescendantCounts(db)).toEqual({ mode: "incremental", recounted: 0, leaves: 2 });
    expect(getDescendantCounts(db, "a")).toEqual(
      counts({ total: 4, finetune: 2, adapter: 1, quantized: 1, maxDepth: 3 }),
    );
    expect(getDescendantCounts(db, "c")).toEqual(counts({ total: 2, adapter: 1, quantized: 1, maxDepth: 1 }));
  });

  it("recounts the families above an edge that was removed", () => {
    const db = freshDb();
    writeEdges(db, [
      ["b", "a", "finetune"],
      ["c", "b", "finetune"],
    ]);
    refreshDescendantCounts(db);
    setParents(db, "c", "tag", [], NOW);
    expect(refreshDescendantCounts(db).mode).toBe("incremental");
    expect(getDescendantCounts(db, "a")).toEqual(counts({ total: 1, finetune: 1, maxDepth: 1 }));
    expect(getDescendantCounts(db, "b")).toEqual(ZERO);
    expect(db.prepare("SELECT count(*) FROM descendant_counts").pluck().get()).toBe(1);
  });

  it("recounts when a renamed model's family moves to its new id", () => {
    const db = freshDb();
    writeEdges(db, [
      ["old", "root", "finetune"],
      ["kid", "old", "adapter"],
    ]);
    refreshDescendantCounts(db);
    recordAlias(db, "old", "new", NOW);
    refreshDescendantCounts(db);
    expect(getDescendantCounts(db, "new")).toEqual(counts({ total: 1, adapter: 1, maxDepth: 1 }));
    expect(getDescendantCounts(db, "old")).toEqual(ZERO);
    expect(getDescendantCounts(db, "root")).toEqual(counts({ total: 2, finetune: 1, adapter: 1, maxDepth: 2 }));
  });

  it("falls back to a full rebuild when the affected families are too large", () => {
    const db = freshDb();
    writeEdges(db, [
      ["b", "a", "finetune"],
      ["c", "b", "finetune"],
      ["y", "x", "adapter"],
    ]);
    refreshDescendantCounts(db);
    setParents(db, "c", "tag", [link("a", "quantized")], NOW);
    expect(refreshDescendantCounts(db, [], { maxFamily: 2 })).toEqual({ mode: "rebuild", recounted: 0, leaves: 0 });
    expect(getDescendantCounts(db, "a")).toEqual(counts({ total: 2, finetune: 1, quantized: 1, maxDepth: 1 }));
    expect(getDescendantCounts(db, "b")).toEqual(ZERO);
    expect(getDescendantCounts(db, "x")).toEqual(counts({ total: 1, adapter: 1, maxDepth: 1 }));
    expect(refreshDescendantCounts(db).mode).toBe("none");
  });

  it("also recounts the ids it is given", () => {
    const db = freshDb();
    writeEdges(db, [["b", "a", "finetune"]]);
    refreshDescendantCounts(db);
    // A write behind the store's back (no pending mark) is picked up when the caller names the child.
    db.prepare("UPDATE edges SET relation = 'adapter'").run();
    refreshDescendantCounts(db, ["b"]);
    expect(getDescendantCounts(db, "a")).toEqual(counts({ total: 1, adapter: 1, maxDepth: 1 }));
  });
});

// ---- Property test: random graphs and random batches of changes, against a naive independent computation ----

interface EdgeFact {
  parent: string;
  child: string;
  source: EdgeSource;
  relation: Relation | null;
}

const PRIORITY: Record<EdgeSource, number> = { tag: 3, card: 2, inferred: 1 };

type Counted = DescendantCounts;

/** Counts every model's descendants by a breadth-first walk down from it, straight from the definition. */
function naiveCounts(edges: EdgeFact[], includeInferred: boolean): Map<string, Counted> {
  const pairs = new Map<string, EdgeFact>();
  for (const edge of edges) {
    if (!includeInferred && edge.source === "inferred") continue;
    const parent = edge.parent.toLowerCase();
    const child = edge.child.toLowerCase();
    if (parent === child) continue;
    const key = `${parent}\0${child}`;
    const held = pairs.get(key);
    if (!held || PRIORITY[edge.source] > PRIORITY[held.source]) pairs.set(key, { ...edge, parent, child });
  }
  const children = new Map<string, string[]>();
  const parentEdges = new Map<string, EdgeFact[]>();
  for (const pair of pairs.values()) {
    children.set(pair.parent, [...(children.get(pair.parent) ?? []), pair.child]);
    parentEdges.set(pair.child, [...(parentEdges.get(pair.child) ?? []), pair]);
  }
  const relationOf = (node: string): Relation | null => {
    const own = parentEdges.get(node) ?? [];
    if (own.some((e) => e.relation === "merge")) return "merge";
    const top = Math.max(...own.map((e) => PRIORITY[e.source]));
    return RELATIONS.find((r) => own.some((e) => PRIORITY[e.source] === top && e.relation === r)) ?? null;
  };
  const result = new Map<string, Counted>();
  for (const start of children.keys()) {
    const distance = new Map([[start, 0]]);
    const queue = [start];
    const found: Counted = { ...counts({}) };
    while (queue.length) {
      const node = queue.shift()!;
      for (const child of children.get(node) ?? []) {
        if (distance.has(child)) continue;
        distance.set(child, distance.get(node)! + 1);
        queue.push(child);
        found.total++;
        const relation = relationOf(child);
        if (relation) found[relation]++;
        found.maxDepth = Math.max(found.maxDepth, distance.get(child)!);
      }
    }
    if (found.total > 0) result.set(start, found);
  }
  return result;
}

function storedCounts(db: Db, includeInferred: boolean): Map<string, Counted> {
  const result = new Map<string, Counted>();
  for (const id of db.prepare("SELECT id FROM descendant_counts").pluck().all() as string[]) {
    const found = getDescendantCounts(db, id, { includeInferred });
    if (found.total > 0) result.set(id.toLowerCase(), found);
  }
  return result;
}

function expectCountsMatch(db: Db): void {
  const edges = db.prepare("SELECT parent, child, source, relation FROM edges").all() as EdgeFact[];
  for (const includeInferred of [false, true]) {
    const expected = [...naiveCounts(edges, includeInferred)].sort(([a], [b]) => a.localeCompare(b));
    const stored = [...storedCounts(db, includeInferred)].sort(([a], [b]) => a.localeCompare(b));
    expect(stored).toEqual(expected);
  }
  // child_ranks: one row per pair, declared when a tag or card edge links it, with the child's counts and downloads.
  const ranks = db
    .prepare(
      "SELECT lower(parent) || ' ' || lower(child) AS pair, declared, declared_total, all_total, downloads FROM " +
        "child_ranks ORDER BY pair",
    )
    .all();
  const expectedRanks = db
    .prepare(
      `SELECT lower(e.parent) || ' ' || lower(e.child) AS pair, max(e.source <> 'inferred') AS declared,
              coalesce((SELECT declared_total FROM descendant_counts WHERE id = e.child), 0) AS declared_total,
              coalesce((SELECT all_total FROM descendant_counts WHERE id = e.child), 0) AS all_total,
              (SELECT downloads FROM models WHERE id = e.child) AS downloads
       FROM edges AS e GROUP BY lower(e.parent), lower(e.child) ORDER BY pair`,
    )
    .all();
  expect(ranks).toEqual(expectedRanks);
}

describe("refreshDescendantCounts on random graphs", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("equals a full rebuild and the definition after every batch (seed %i)", (seed) => {
    const random = createRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const db = freshDb();
    const size = 30 + Math.floor(random() * 40);
    // Mixed case on purpose: the same model may be written as "M7" or "m7".
    const id = (n: number) => (random() < 0.2 ? `M${n}` : `m${n}`);
    const modes = { incremental: 0, leaves: 0 };
    for (let batch = 0; batch < 12; batch++) {
      const writes = 1 + Math.floor(random() * 8);
      for (let w = 0; w < writes; w++) {
        // Mostly new models below older ones (a crawl going down), sometimes rewiring an old one, making
        // cycles, self-loops, merges and renames.
        const child = random() < 0.6 ? size * (batch + 1) + w : Math.floor(random() * size);
        const source = pick(EDGE_SOURCES);
        const links: ParentLink[] = [];
        const fanIn = random() < 0.15 ? 2 + Math.floor(random() * 3) : random() < 0.1 ? 0 : 1;
        for (let k = 0; k < fanIn; k++) {
          const parent = random() < 0.05 ? child : Math.floor(random() * (random() < 0.5 ? size : size * (batch + 1)));
          const relation = random() < 0.1 ? null : pick(RELATIONS);
          links.push(link(id(parent), relation, source, source === "inferred" ? 0.7 : 1));
        }
        setParents(db, id(child), source, links, NOW);
      }
      if (random() < 0.1) recordAlias(db, id(Math.floor(random() * size)), `renamed${batch}`, NOW);
      const result = refreshDescendantCounts(db);
      expect(result.mode).not.toBe("rebuild");
      if (result.recounted > 0) modes.incremental++;
      if (result.leaves > 0) modes.leaves++;
      expectCountsMatch(db);
      const refreshed = db.prepare("SELECT * FROM descendant_counts ORDER BY id").all();
      rebuildDescendantCounts(db);
      expect(db.prepare("SELECT * FROM descendant_counts ORDER BY id").all()).toEqual(refreshed);
    }
    // Both incremental paths were exercised by this seed.
    expect(modes.incremental).toBeGreaterThan(0);
    expect(modes.leaves).toBeGreaterThan(0);
  });
});

describe("rebuildDescendantCounts over rows already stored", () => {
  it.each([1, 2, 3])(
    "ends with the table a rebuild from nothing writes, writing only what differs (seed %i)",
    (seed) => {
      const random = createRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      const db = freshDb();
      const id = (n: number) => (random() < 0.2 ? `M${n}` : `m${n}`);
      const size = 40;
      const write = (count: number) => {
        for (let w = 0; w < count; w++) {
          const source = pick(EDGE_SOURCES);
          const links: ParentLink[] = [];
          for (let k = random() < 0.2 ? 2 : 1; k > 0; k--)
            links.push(link(id(Math.floor(random() * size)), pick(RELATIONS), source, source === "inferred" ? 0.7 : 1));
          setParents(db, id(Math.floor(random() * size)), source, links, NOW);
        }
      };
      write(60);
      upsertModels(db, [modelRecord("M3"), modelRecord("m5")], NOW);
      rebuildDescendantCounts(db);
      const table = () => db.prepare("SELECT * FROM descendant_counts ORDER BY id COLLATE BINARY").all();
      const journal = () => db.prepare("SELECT count(*) FROM graph_changes WHERE kind = 2").pluck().get() as number;
      // Nothing changed: nothing written.
      const before = journal();
      rebuildDescendantCounts(db);
      expect(journal()).toBe(before);
      const fromNothing = () => {
        const rebuilt = table();
        db.exec("DELETE FROM descendant_counts");
        rebuildDescendantCounts(db);
        return [rebuilt, table()];
      };
      // Stale rows: edges written since, figures garbled, a row for a model with no descendants.
      write(15);
      db.exec("UPDATE descendant_counts SET all_max_depth = all_max_depth + 1 WHERE id LIKE '%2%'");
      db.exec("INSERT OR IGNORE INTO descendant_counts (id, declared_total, all_total) VALUES ('nobody', 3, 3)");
      rebuildDescendantCounts(db);
      const [rebuilt, expected] = fromNothing();
      expect(rebuilt).toEqual(expected);
      // Right figures under wrong spellings: of stored models (renamed in case since) and of models only linked.
      upsertModels(db, [modelRecord("m7"), modelRecord("M9")], NOW);
      db.exec(`UPDATE descendant_counts SET id = CASE WHEN substr(id, -1) IN ('1', '3', '5', '7', '9') THEN upper(id)
             ELSE lower(id) END`);
      rebuildDescendantCounts(db);
      const [respelled, expectedSpellings] = fromNothing();
      expect(respelled).toEqual(expectedSpellings);
      expectCountsMatch(db);
    },
  );
});

// ---- A walk's end: pages only mark what changed, one refresh in the transaction that finishes the run ----

/** What readers see of the counts: the rows, child ranks and journal-patched graph totals. */
function readerView(db: Db) {
  const graph = getLineageGraph(db);
  const totals = Array.from({ length: graph.size }, (_, v) => [
    graph.ids.spelling(v).toLowerCase(),
    graph.declaredTotal[v],
    graph.allTotal[v],
  ]).sort(([a], [b]) => String(a).localeCompare(String(b)));
  return {
    counts: db.prepare("SELECT * FROM descendant_counts ORDER BY id COLLATE BINARY").all(),
    ranks: db.prepare("SELECT * FROM child_ranks ORDER BY parent COLLATE BINARY, child COLLATE BINARY").all(),
    totals,
  };
}

describe("refreshDescendantCounts at a crawl's end", () => {
  it.each([1, 2, 3, 4, 5, 6])(
    "leaves what a refresh after every page leaves, the cached graph patched from the journal (seed %i)",
    (seed) => {
      const random = createRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      const perPage = freshDb();
      const atEnd = freshDb();
      const both = (write: (db: Db) => void) => {
        write(perPage);
        write(atEnd);
      };
      // A store a previous crawl left: counted, its graph cached by a reader (below).
      const id = (n: number) => (n % 5 === 0 ? `Org/M${n}` : `org/m${n}`);
      const old = 25;
      const oldEdges: [number, ParentLink[]][] = [];
      for (let n = 1; n < old; n++) oldEdges.push([n, [link(id(Math.floor(random() * n)), pick(RELATIONS))]]);
      both((db) => {
        upsertModels(
          db,
          Array.from({ length: old }, (_, n) => modelRecord(id(n))),
          NOW,
        );
        for (const [n, links] of oldEdges) setParents(db, id(n), "tag", links, NOW);
        refreshDescendantCounts(db);
      });
      const cached = getLineageGraph(atEnd);
      // The walk: pages of new models below stored ones, with merges, parents outside the store, inferred links,
      // a rewired old model now and then (cycles included) and self-loops.
      let next = old;
      for (let page = 0; page < 10; page++) {
        const writes: [string, EdgeSource, ParentLink[]][] = [];
        for (let w = 3 + Math.floor(random() * 6); w > 0; w--) {
          const child = random() < 0.85 ? next++ : Math.floor(random() * next);
          const source = random() < 0.2 ? "inferred" : pick(["tag", "card"] as const);
          const links: ParentLink[] = [];
          for (let k = random() < 0.2 ? 2 + Math.floor(random() * 2) : 1; k > 0; k--) {
            const parent =
              random() < 0.05 ? id(child) : random() < 0.1 ? `outside/p${page}` : id(Math.floor(random() * next));
            links.push(link(parent, pick([...RELATIONS, null]), source, source === "inferred" ? 0.7 : 1));
          }
          writes.push([id(child), source, links]);
        }
        both((db) =>
          db.transaction(() => {
            upsertModels(
              db,
              writes.map(([child]) => modelRecord(child)),
              NOW,
            );
            for (const [child, source, links] of writes) setParents(db, child, source, links, NOW);
            if (db === perPage) refreshDescendantCounts(db);
          })(),
        );
      }
      expect(atEnd.prepare("SELECT count(*) FROM counts_dirty").pluck().get()).toBeGreaterThan(20);
      // As crawl's finish runs it: inside the transaction that records the run's end.
      atEnd.transaction(() => {
        expect(refreshDescendantCounts(atEnd).mode).toBe("incremental");
        atEnd.prepare("INSERT INTO crawl_state (key, value, updated_at) VALUES ('run', 'done', ?)").run(NOW);
      })();
      expectCountsMatch(atEnd);
      expect(readerView(atEnd)).toEqual(readerView(perPage));
      // The journal patched the graph cached before the walk (not read whole), and it answers as one read now.
      expect(getLineageGraph(atEnd)).toBe(cached);
      const whole = readLineageGraph(atEnd);
      expect(readerView(atEnd).totals).toEqual(
        Array.from({ length: whole.size }, (_, v) => [
          whole.ids.spelling(v).toLowerCase(),
          whole.declaredTotal[v],
          whole.allTotal[v],
        ]).sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
      perPage.close();
      atEnd.close();
    },
  );

  it("writes in the caller's transaction, not a savepoint nested in it, and rolls back with it", () => {
    const db = freshDb();
    writeEdges(db, [
      ["b", "a", "finetune"],
      ["c", "b", "adapter"],
    ]);
    refreshDescendantCounts(db);
    writeEdges(db, [["d", "c", "quantized"]]);
    const nested = jest.spyOn(db, "transaction");
    db.exec("BEGIN");
    try {
      refreshDescendantCounts(db);
      expect(getDescendantCounts(db, "a")).toEqual(
        counts({ total: 3, finetune: 1, adapter: 1, quantized: 1, maxDepth: 3 }),
      );
    } finally {
      // As a crawl killed before its run is recorded: the caller's transaction never commits.
      db.exec("ROLLBACK");
    }
    expect(nested).not.toHaveBeenCalled();
    nested.mockRestore();
    // Nothing of it stayed: the mark is still pending and the counts are as before.
    expect(getDescendantCounts(db, "a")).toEqual(counts({ total: 2, finetune: 1, adapter: 1, maxDepth: 2 }));
    expect(refreshDescendantCounts(db).leaves).toBe(1);
    expect(getDescendantCounts(db, "a")).toEqual(
      counts({ total: 3, finetune: 1, adapter: 1, quantized: 1, maxDepth: 3 }),
    );
    db.close();
  });
});
