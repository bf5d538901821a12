// applyGraphChanges (through getLineageGraph): after random writes through the store's own write functions, the
// cached graph brought up to date from the change journal answers as a graph read whole: same rows, counts, walks,
// slices, listed fields and whole-family payload bytes; a bulk rebuild or a trimmed journal makes it read whole.
import { rebuildDescendantCounts, refreshDescendantCounts } from "../../../db/counts/descendant-counts";
import { withDeferredIndexes } from "../../../db/deferred-indexes";
import { setParents } from "../../../db/edges";
import { getLineageGraph } from "../../../db/graph/get-lineage-graph";
import { type LineageGraph, readLineageGraph } from "../../../db/graph/lineage-graph";
import { sliceLineageGraph } from "../../../db/graph/slice-lineage-graph";
import { compareNocase } from "../../../db/graph/update-lineage-graph";
import { readMemberNodes, walkLineageGraph } from "../../../db/graph/walk-lineage-graph";
import { upsertModels } from "../../../db/models";
import type { Db } from "../../../db/open-database";
import { readNodesWithCounts } from "../../../db/queries/nodes";
import type { EdgeSource, ParentLink, Relation } from "../../../lineage/types";
import { toColumnarSlice } from "../../../server/columnar-slice";
import { buildLineageDb, modelInput, NOW } from "../../helpers/lineage-db";
import { seededRandom } from "../../helpers/test-seed";

const RELATIONS: (Relation | null)[] = ["finetune", "adapter", "quantized", "merge", null];
const SOURCES: EdgeSource[] = ["tag", "card", "inferred"];
const LICENSES = [null, "apache-2.0", "mit", "llama3", "other"];
const CREATED = [null, "2025-01-02T03:04:05.000Z", "2024-07-01T00:00:00.000Z", "2024-07-01", "not a date"];

/** The graph as what readers see of it: rows with their stored spellings, and counts by id. */
function canonical(graph: LineageGraph) {
  const { ids } = graph;
  const rows = Array.from(graph.rowParent, (p, r) => {
    const spelled = graph.rowSpellings.get(r);
    return [
      spelled?.[0] ?? ids.spelling(p),
      spelled?.[1] ?? ids.spelling(graph.rowChild[r]),
      graph.rowRank[r],
      graph.rowRelation[r],
      graph.rowConfidence[r],
    ];
  });
  const counts = new Map<string, [number, number]>();
  for (let v = 0; v < graph.size; v++) {
    const linked = graph.childStart[v] < graph.childStart[v + 1] || graph.parentStart[v] < graph.parentStart[v + 1];
    if (linked) counts.set(ids.spelling(v).toLowerCase(), [graph.declaredTotal[v], graph.allTotal[v]]);
  }
  return { rows, counts: [...counts].sort(([a], [b]) => compareNocase(a, b)) };
}

function payload(db: Db, graph: LineageGraph, focus: string, limit: number, includeInferred: boolean): string {
  const options = { up: 20, down: 20, relations: null, limit, includeInferred };
  const slice = sliceLineageGraph(db, graph, focus, options);
  return slice === null ? "none" : JSON.stringify(toColumnarSlice(slice, null).columns);
}

function expectAsReadWhole(db: Db, ids: string[]): void {
  const cached = getLineageGraph(db);
  const whole = readLineageGraph(db);
  expect(canonical(cached)).toEqual(canonical(whole));
  for (const focus of ids.slice(0, 6))
    for (const includeInferred of [false, true]) {
      const scope = { includeInferred };
      const members = walkLineageGraph(cached, [focus], scope);
      expect(members).toEqual(walkLineageGraph(whole, [focus], scope));
      const totals = members.map((m) => {
        const v = whole.ids.find(m.id);
        return includeInferred ? whole.allTotal[v] : whole.declaredTotal[v];
      });
      const fromSql = readNodesWithCounts(
        db,
        members.map((m) => m.id),
        totals,
      );
      expect(readMemberNodes(db, members, scope)).toEqual(fromSql);
      for (const limit of [1000, 5]) {
        const bytes = payload(db, getLineageGraph(db), focus, limit, includeInferred);
        expect(bytes).toEqual(payload(db, whole, focus, limit, includeInferred));
      }
    }
}

describe("applyGraphChanges", () => {
  let db: Db;
  afterEach(() => db.close());

  it("brings the cached graph up to date after random writes, as a graph read whole answers", () => {
    const random = seededRandom("applyGraphChanges random writes", 11);
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
    const ids = Array.from({ length: 40 }, (_, i) => `org-${i % 4}/model-${i}`);
    db = buildLineageDb(ids.slice(0, 20), [
      "org-0/model-0 org-1/model-1 finetune",
      "org-1/model-1 org-2/model-2 merge",
    ]);
    const first = getLineageGraph(db);
    let nodesAdded = 0;
    let linksRemoved = 0;
    for (let batch = 0; batch < 60; batch++) {
      const before = getLineageGraph(db);
      const size = before.size;
      const rows = before.rowParent.length;
      const touched: string[] = [];
      for (let write = 1 + Math.floor(random() * 4); write > 0; write--) {
        const child = pick(ids);
        const r = random();
        if (r < 0.6) {
          const links: ParentLink[] = [];
          for (let n = Math.floor(random() * 3); n > 0; n--) {
            const source = pick(SOURCES);
            links.push({
              id: pick(ids),
              relation: pick(RELATIONS),
              source,
              confidence: source === "inferred" ? 0.7 : 1,
            });
          }
          setParents(
            db,
            child,
            links[0]?.source ?? pick(SOURCES),
            links.filter((l) => l.source === (links[0]?.source ?? l.source)),
            NOW,
          );
          touched.push(child);
        } else {
          const model = modelInput({ id: child, downloads: Math.floor(random() * 1000), likes: pick([null, 3, 40]) });
          upsertModels(db, [{ ...model, license: pick(LICENSES), createdAt: pick(CREATED) }], NOW);
        }
      }
      if (random() < 0.7) refreshDescendantCounts(db, touched);
      const after = getLineageGraph(db);
      expect(after).toBe(first);
      nodesAdded += after.size - size;
      if (after.rowParent.length < rows) linksRemoved++;
      expectAsReadWhole(db, [pick(ids), ...ids.slice(0, 3), pick(ids), pick(ids)]);
    }
    expect(nodesAdded).toBeGreaterThan(5);
    expect(linksRemoved).toBeGreaterThan(0);
  });

  it("brings the graph up to date from the journal after a full rebuild of the descendant counts", () => {
    const ids = Array.from({ length: 30 }, (_, i) => `org-${i % 3}/model-${i}`);
    db = buildLineageDb(
      ids.slice(0, 25),
      ids.slice(1).map((id, i) => `${ids[Math.floor(i / 2)]} ${id} ${i % 5 === 0 ? "adapter" : "finetune"}`),
    );
    const first = getLineageGraph(db);
    // Links written without their counts, then every count rebuilt: only the changed rows are journalled.
    setParents(db, ids[29], "tag", [{ id: ids[3], relation: "merge", source: "tag", confidence: 1 }], NOW);
    setParents(db, ids[20], "card", [{ id: ids[28], relation: "quantized", source: "card", confidence: 1 }], NOW);
    expect(getLineageGraph(db)).toBe(first);
    const journalled = () => db.prepare("SELECT count(*) FROM graph_changes").pluck().get() as number;
    const before = journalled();
    rebuildDescendantCounts(db);
    expect(journalled() - before).toBeLessThan(ids.length);
    expect(getLineageGraph(db)).toBe(first);
    expectAsReadWhole(db, [ids[0], ids[3], ids[28], ids[1], ids[2], ids[14]]);
  });

  it("reads the graph whole after a bulk write, whose triggers the journal does not see", () => {
    db = buildLineageDb(["a/x", "a/y"], ["a/x a/y finetune"]);
    const first = getLineageGraph(db);
    withDeferredIndexes(db, () => {
      setParents(db, "a/z", "tag", [{ id: "a/y", relation: "adapter", source: "tag", confidence: 1 }], NOW);
    });
    const after = getLineageGraph(db);
    expect(after).not.toBe(first);
    expect(canonical(after)).toEqual(canonical(readLineageGraph(db)));
    expect(after.ids.find("a/z")).toBeGreaterThanOrEqual(0);
  });

  it("reads the graph whole when the journal was trimmed past it", () => {
    db = buildLineageDb(["a/x", "a/y"], ["a/x a/y finetune"]);
    const first = getLineageGraph(db);
    setParents(db, "a/z", "tag", [{ id: "a/y", relation: "adapter", source: "tag", confidence: 1 }], NOW);
    setParents(db, "a/v", "tag", [{ id: "a/x", relation: "merge", source: "tag", confidence: 1 }], NOW);
    // As the trim does: the oldest rows go, the newest stays.
    db.exec("DELETE FROM graph_changes WHERE seq < (SELECT max(seq) FROM graph_changes)");
    setParents(db, "a/w", "tag", [{ id: "a/z", relation: "quantized", source: "tag", confidence: 1 }], NOW);
    const after = getLineageGraph(db);
    expect(after).not.toBe(first);
    expect(canonical(after)).toEqual(canonical(readLineageGraph(db)));
  });

  it("keeps the journal bounded", () => {
    db = buildLineageDb(["a/x"], []);
    const models = Array.from({ length: 70_000 }, (_, i) => modelInput(`a/m${i}`));
    upsertModels(db, models, NOW);
    const kept = db.prepare("SELECT count(*) AS n FROM graph_changes").get() as { n: number };
    expect(kept.n).toBeLessThanOrEqual(65_536 + 4096);
    expect(kept.n).toBeGreaterThan(60_000);
  });
});

describe("compareNocase", () => {
  it("orders as SQLite's NOCASE does", () => {
    db = buildLineageDb([], []);
    const sample = ["B/x", "a/Y", "a/y2", "A/", "a/É", "a/e", "a/[", "a/Z", "a/\u{1F600}", "a/\uFF21", "a/_"];
    const sqlite = db
      .prepare(`SELECT value FROM json_each(?) ORDER BY value COLLATE NOCASE`)
      .pluck()
      .all(JSON.stringify(sample)) as string[];
    expect([...sample].sort(compareNocase)).toEqual(sqlite);
  });
  let db: Db;
  afterAll(() => db.close());
});
