// Org derivatives (org_counts, the per-org walk, the leaderboard) against an independent count over raw records.
import { isOrgCountsStale, rebuildOrgCounts, refreshOrgCounts } from "../../../db/counts/org-counts";
import { setParents } from "../../../db/edges";
import type { Db } from "../../../db/open-database";
import { getOrgDerivatives } from "../../../db/queries/org-derivatives";
import { getTopOrgs } from "../../../db/queries/top-orgs";
import { RELATIONS, type Relation } from "../../../lineage/types";
import { describeWithHubData } from "../../helpers/hub-data";
import { buildLineageDb, NOW } from "../../helpers/lineage-db";
import { buildReplayDb, loadReplayRecords, type RawRecord } from "../../helpers/replay-db";

const NOW_DATE = new Date("2026-01-01T00:00:00Z");
const declared = { includeInferred: false, topAuthors: 10, now: NOW_DATE };
const all = { includeInferred: true, topAuthors: 10, now: NOW_DATE };

function topOf(db: Db, includeInferred: boolean, limit = 10) {
  return getTopOrgs(db, { includeInferred, limit, after: null }).items;
}

describe("org derivatives", () => {
  let db: Db;
  afterEach(() => db.close());

  // qwen/base -> qwen/instruct (own) -> x/ft -> y/q ; qwen/instruct -> skt/ax (inferred) ; y/q -> qwen/back (own)
  // x/m merges qwen/base and z/other; z/other <- qwen/base is absent, so z is not a derivative.
  const models = ["qwen/base", "qwen/instruct", "qwen/back", "x/ft", "x/m", "y/q", "z/other", "skt/ax"];
  const edges = [
    "qwen/base qwen/instruct finetune",
    "qwen/instruct x/ft finetune",
    "x/ft y/q quantized",
    "y/q qwen/back finetune",
    "qwen/base x/m merge",
    "z/other x/m merge",
    "qwen/instruct skt/ax finetune inferred 0.8",
  ];

  it("counts distinct models by other authors below any of the org's models, per relation and author", () => {
    db = buildLineageDb(models, edges);
    const qwen = getOrgDerivatives(db, "Qwen", declared);
    expect([qwen.total, qwen.finetune, qwen.quantized, qwen.merge, qwen.authors]).toEqual([3, 1, 1, 1, 2]);
    expect(qwen.topAuthors).toEqual([
      { author: "x", models: 2 },
      { author: "y", models: 1 },
    ]);
    const withInferred = getOrgDerivatives(db, "qwen", all);
    expect([withInferred.total, withInferred.finetune, withInferred.authors]).toEqual([4, 2, 3]);
    // x's derivatives: y/q and, through it, qwen/back (another author's model counts for x).
    expect(getOrgDerivatives(db, "x", declared).total).toBe(2);
    expect(getOrgDerivatives(db, "z", declared).total).toBe(1);
    expect(getOrgDerivatives(db, "nobody", declared).total).toBe(0);
  });

  it("ranks orgs from org_counts, the same as the per-org walk, and pages with a cursor", () => {
    db = buildLineageDb(models, edges);
    expect(isOrgCountsStale(db)).toBe(true);
    rebuildOrgCounts(db);
    expect(isOrgCountsStale(db)).toBe(false);
    const top = topOf(db, false);
    expect(top.map((o) => [o.author, o.derivatives, o.authors, o.models])).toEqual([
      ["qwen", 3, 2, 3],
      ["x", 2, 2, 2],
      ["y", 1, 1, 1],
      ["z", 1, 1, 1],
    ]);
    expect(topOf(db, true)[0]).toEqual({ author: "qwen", derivatives: 4, models: 3, authors: 3 });
    const first = getTopOrgs(db, { includeInferred: false, limit: 2, after: null });
    expect(first.hasMore).toBe(true);
    const last = first.items[1];
    const second = getTopOrgs(db, { includeInferred: false, limit: 2, after: last });
    expect(second.items.map((o) => o.author)).toEqual(["y", "z"]);
    expect(second.hasMore).toBe(false);
  });

  it("is stale after a write and still exact, computed from the graph until refreshed", () => {
    db = buildLineageDb(models, edges);
    rebuildOrgCounts(db);
    setParents(db, "z/other", "tag", [{ id: "y/q", relation: "adapter", source: "tag", confidence: 1 }], NOW);
    expect(isOrgCountsStale(db)).toBe(true);
    const computed = topOf(db, false);
    // y gains z/other and x/m (through z/other), x gains z/other (x/m is its own), qwen gains z/other.
    expect(computed.map((o) => [o.author, o.derivatives])).toEqual([
      ["qwen", 4],
      ["x", 3],
      ["y", 3],
      ["z", 1],
    ]);
    expect(refreshOrgCounts(db)).toBe(true);
    expect(refreshOrgCounts(db)).toBe(false);
    expect(topOf(db, false)).toEqual(computed);
  });
});

/** An independent reading of the raw records: tag and card parents, relation by the documented rule. */
function independentDerivatives(records: RawRecord[]) {
  const key = (id: string) => id.toLowerCase();
  const authorOf = new Map<string, string>();
  for (const r of records) authorOf.set(key(r.id), key((r.author as string | undefined) ?? r.id.split("/")[0]));
  const children = new Map<string, Set<string>>();
  const relationOf = new Map<string, Relation | null>();
  for (const r of records) {
    const tagged = new Map<string, Relation | null>();
    for (const tag of r.tags) {
      const parts = tag.split(":");
      if (parts[0] !== "base_model") continue;
      if (parts.length === 3) tagged.set(key(parts[2]), parts[1] as Relation);
      else if (parts.length === 2 && !tagged.has(key(parts[1]))) tagged.set(key(parts[1]), null);
    }
    const card = (r.cardData as { base_model?: unknown; base_model_relation?: unknown } | undefined) ?? {};
    const carded = new Map<string, Relation | null>();
    const cardRelation = RELATIONS.includes(card.base_model_relation as Relation)
      ? (card.base_model_relation as Relation)
      : null;
    for (const id of [card.base_model].flat()) {
      if (typeof id === "string" && /^[\w.-]+(\/[\w.-]+)?$/.test(id)) carded.set(key(id), cardRelation);
    }
    const child = key(r.id);
    const effective = tagged.size ? tagged : carded;
    const parents = new Set([...tagged.keys(), ...carded.keys()]);
    parents.delete(child);
    for (const p of parents) children.set(p, (children.get(p) ?? new Set()).add(child));
    const relations = new Set([...effective.entries()].filter(([p]) => p !== child).map(([, rel]) => rel));
    const merge = [...tagged.values(), ...carded.values()].includes("merge");
    relationOf.set(
      child,
      merge ? "merge" : ((["finetune", "adapter", "quantized"] as const).find((rel) => relations.has(rel)) ?? null),
    );
  }
  return (org: string) => {
    const seen = new Set<string>();
    const stack = [...authorOf.keys()].filter((id) => authorOf.get(id) === org);
    const own = new Set(stack);
    while (stack.length) {
      for (const child of children.get(stack.pop() as string) ?? []) {
        if (seen.has(child) || own.has(child)) continue;
        seen.add(child);
        stack.push(child);
      }
    }
    const derivatives = [...seen].filter((id) => authorOf.has(id) && authorOf.get(id) !== org);
    const tally = { total: derivatives.length, finetune: 0, adapter: 0, quantized: 0, merge: 0 };
    for (const id of derivatives) {
      const rel = relationOf.get(id);
      if (rel) tally[rel]++;
    }
    return { ...tally, authors: new Set(derivatives.map((id) => authorOf.get(id))).size };
  };
}

describeWithHubData("org derivatives over the recorded Hub data", () => {
  const records = loadReplayRecords();
  const count = independentDerivatives(records);
  const db = buildReplayDb(records);
  afterAll(() => db.close());
  const orgs = [...new Set(records.map((r) => ((r.author as string | undefined) ?? r.id.split("/")[0]).toLowerCase()))];
  const expected = orgs
    .map((org) => ({ org, ...count(org) }))
    .filter((e) => e.total > 0)
    .sort((a, b) => b.total - a.total || (a.org < b.org ? -1 : 1));

  it("has orgs whose own models derive from each other among the ranked ones", () => {
    const internal = records.some(
      (r) =>
        r.id.toLowerCase().startsWith("huggingfacetb/") &&
        r.tags.some((t) => t.toLowerCase().startsWith("base_model:") && t.toLowerCase().includes(":huggingfacetb/")),
    );
    expect(internal).toBe(true);
    expect(expected.map((e) => e.org)).toContain("huggingfacetb");
  });

  it("per-org derivatives equal the independent count for the top orgs and one whose models derive from each other", () => {
    const checked = [...expected.slice(0, 8).map((e) => e.org), "huggingfacetb"];
    for (const org of checked) {
      const { topAuthors: _top, growth, ...figures } = getOrgDerivatives(db, org, declared);
      expect({ org, ...figures }).toEqual({ org, ...count(org) });
      expect(growth.total).toBe(figures.total);
    }
  });

  it("the leaderboard's top entries match the independent count", () => {
    rebuildOrgCounts(db);
    const top = topOf(db, false, 10);
    expect(top.map((o) => [o.author.toLowerCase(), o.derivatives, o.authors])).toEqual(
      expected.slice(0, 10).map((e) => [e.org, e.total, e.authors]),
    );
  });
});
