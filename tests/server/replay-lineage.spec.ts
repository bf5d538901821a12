// Acceptance: the API over a database filled from the recorded Hub data answers what the raw records say.
// Every expected figure is computed here from the records' tags, never read back from the database.
import Graph from "graphology";
import request from "supertest";
import type { Express } from "express";
import type { Db } from "../../db/open-database";
import type {
  AncestorsResponse,
  DescendantsPage,
  GraphSlice,
  GrowthResponse,
  ModelDetail,
  OrgResponse,
  Relation,
  TopOrgsResponse,
} from "../../server/contract/types";
import { createApp } from "../../server/create-app";
import { describeWithHubData } from "../helpers/hub-data";
import { buildReplayDb, loadReplayRecords, SMOLLM2_ROOT, type RawRecord } from "../helpers/replay-db";

const RELATION_ORDER: Relation[] = ["finetune", "adapter", "quantized"];
const PLACEHOLDER = "2022-03-02T23:29:04.000Z";

/** The lineage the raw records declare through their `base_model:` tags, keyed by lower-cased id. */
class TagLineage {
  readonly spelling = new Map<string, string>();
  readonly record = new Map<string, RawRecord>();
  readonly parents = new Map<string, { parent: string; relation: Relation | null }[]>();
  readonly children = new Map<string, string[]>();

  constructor(records: RawRecord[]) {
    for (const record of records) {
      const key = record.id.toLowerCase();
      this.spelling.set(key, record.id);
      this.record.set(key, record);
      const typed = new Map<string, Relation>();
      const bare = new Set<string>();
      for (const tag of record.tags ?? []) {
        const parts = tag.split(":");
        if (parts[0] !== "base_model") continue;
        if (parts.length === 3) typed.set(parts[2].toLowerCase(), parts[1] as Relation);
        else bare.add(parts[1].toLowerCase());
      }
      const links = [...typed].map(([parent, relation]) => ({ parent, relation: relation as Relation | null }));
      for (const parent of bare) if (!typed.has(parent)) links.push({ parent, relation: null });
      this.parents.set(key, links);
      for (const { parent } of links) this.children.set(parent, [...(this.children.get(parent) ?? []), key]);
    }
  }

  /** Merge if any parent link is one, else the first relation in finetune, adapter, quantized order. */
  relationOf(key: string): Relation | null {
    const relations = (this.parents.get(key) ?? []).map((l) => l.relation);
    if (relations.includes("merge")) return "merge";
    return RELATION_ORDER.find((r) => relations.includes(r)) ?? null;
  }

  /** Breadth-first: each descendant once, at its fewest hops. */
  descendants(id: string): Map<string, number> {
    const depth = new Map<string, number>();
    const start = id.toLowerCase();
    let frontier = [start];
    for (let d = 1; frontier.length; d++) {
      const next: string[] = [];
      for (const key of frontier) {
        for (const child of this.children.get(key) ?? []) {
          if (child === start || depth.has(child)) continue;
          depth.set(child, d);
          next.push(child);
        }
      }
      frontier = next;
    }
    return depth;
  }

  expectedCounts(id: string) {
    const below = this.descendants(id);
    const counts = { total: below.size, finetune: 0, adapter: 0, quantized: 0, merge: 0, maxDepth: 0 };
    for (const [key, d] of below) {
      const relation = this.relationOf(key);
      if (relation) counts[relation] += 1;
      counts.maxDepth = Math.max(counts.maxDepth, d);
    }
    const children = { total: 0, finetune: 0, adapter: 0, quantized: 0, merge: 0 };
    for (const child of new Set(this.children.get(id.toLowerCase()) ?? [])) {
      children.total += 1;
      const link = (this.parents.get(child) ?? []).find((l) => l.parent === id.toLowerCase());
      if (link?.relation) children[link.relation] += 1;
    }
    return { counts, children };
  }
}

describeWithHubData("the API over the recorded Hub data", () => {
  let db: Db;
  let app: Express;
  let lineage: TagLineage;
  const errors: string[] = [];

  beforeAll(() => {
    const records = loadReplayRecords();
    lineage = new TagLineage(records);
    db = buildReplayDb(records);
    app = createApp({ db, now: () => new Date("2025-08-01T00:00:00Z"), logger: { error: (m) => errors.push(m) } });
  });
  afterAll(() => db.close());
  afterEach(() => expect(errors).toEqual([]));

  /** Real models picked by their shape in the records, so the picks follow the data. */
  function pick() {
    const keys = [...lineage.record.keys()];
    const withParents = keys.filter((k) => (lineage.parents.get(k) ?? []).length > 0);
    const size = (k: string) => lineage.descendants(k).size;
    const treeRoot = keys
      .filter((k) => !withParents.includes(k) && k !== SMOLLM2_ROOT.toLowerCase())
      .sort((a, b) => size(b) - size(a))[0];
    const mid = withParents.filter((k) => size(k) > 0).sort((a, b) => size(b) - size(a) || (a < b ? -1 : 1))[0];
    const leaf = withParents.filter((k) => size(k) === 0).sort()[0];
    const spell = (k: string) => lineage.spelling.get(k) as string;
    return { treeRoot: spell(treeRoot), mid: spell(mid), leaf: spell(leaf) };
  }

  describe("GET /api/models/<id>", () => {
    it("reports, for a tree root, a mid-tree model, a leaf and the SmolLM2 root, the counts the records imply", async () => {
      const { treeRoot, mid, leaf } = pick();
      for (const id of [treeRoot, mid, leaf, SMOLLM2_ROOT]) {
        const res = await request(app).get(`/api/models/${id}`).expect(200);
        const body = res.body as ModelDetail;
        const expected = lineage.expectedCounts(id);
        // Licence changes below are checked against the raw records in tests/crawler/links-licences-replay.spec.ts.
        const { licenseChanges, ...descendants } = body.descendants;
        expect(licenseChanges).toBeLessThanOrEqual(descendants.total);
        expect({ id: body.id, descendants, children: body.children }).toEqual({
          id,
          descendants: expected.counts,
          children: expected.children,
        });
        expect(body.parents.map((p) => p.id.toLowerCase())).toEqual(
          (lineage.parents.get(id.toLowerCase()) ?? []).map((l) => l.parent),
        );
      }
    });

    it("shows the SmolLM2 root with adapters and quantizations among its descendants", async () => {
      const body = (await request(app).get(`/api/models/${SMOLLM2_ROOT}`).expect(200)).body as ModelDetail;
      expect(body.descendants.adapter).toBeGreaterThan(0);
      expect(body.descendants.quantized).toBeGreaterThan(0);
      expect(body.descendants.total).toBe(
        body.descendants.finetune + body.descendants.adapter + body.descendants.quantized + body.descendants.merge,
      );
      expect(body.roots).toEqual([SMOLLM2_ROOT]);
      expect(body.url).toBe(`https://huggingface.co/${SMOLLM2_ROOT}`);
    });

    it("answers the same model for an id in another case or with an encoded slash", async () => {
      const plain = (await request(app).get(`/api/models/${SMOLLM2_ROOT}`).expect(200)).body as ModelDetail;
      const encoded = (
        await request(app)
          .get(`/api/models/${encodeURIComponent(SMOLLM2_ROOT)}`)
          .expect(200)
      ).body as ModelDetail;
      const lower = (await request(app).get(`/api/models/${SMOLLM2_ROOT.toLowerCase()}`).expect(200))
        .body as ModelDetail;
      expect(encoded).toEqual(plain);
      expect(lower.id).toBe(SMOLLM2_ROOT);
    });
  });

  describe("GET /api/models/<id>/ancestors", () => {
    it("takes the deepest model of the SmolLM2 family up to the root along the records' parent chain", async () => {
      const below = lineage.descendants(SMOLLM2_ROOT);
      const deepest = Math.max(...below.values());
      const deep = lineage.spelling.get(
        [...below]
          .filter(([, d]) => d === deepest)
          .map(([k]) => k)
          .sort()[0],
      ) as string;
      const body = (await request(app).get(`/api/models/${deep}/ancestors`).expect(200)).body as AncestorsResponse;
      expect(body.roots).toEqual([SMOLLM2_ROOT]);
      expect(body.truncated).toBe(false);
      // The chain the records give, walked up here from the tags.
      const chain = [deep.toLowerCase()];
      while ((lineage.parents.get(chain[chain.length - 1]) ?? []).length)
        chain.push((lineage.parents.get(chain[chain.length - 1]) ?? [])[0].parent);
      expect(body.paths.map((p) => p.ids.map((id) => id.toLowerCase()))).toEqual([chain]);
      expect(chain).toHaveLength(deepest + 1);
    });
  });

  describe("GET /api/models/<id>/descendants", () => {
    async function pageAll(query: string, pageSize: number): Promise<DescendantsPage[]> {
      const pages: DescendantsPage[] = [];
      let cursor: string | undefined;
      do {
        const url = `/api/models/${SMOLLM2_ROOT}/descendants?limit=${pageSize}${query}${cursor ? `&cursor=${cursor}` : ""}`;
        const page = (await request(app).get(url).expect(200)).body as DescendantsPage;
        pages.push(page);
        cursor = page.nextCursor;
      } while (cursor && pages.length < 1000);
      return pages;
    }

    it.each(["downloads", "likes", "created", "depth"])(
      "pages through every descendant exactly once, sorted by %s",
      async (sort) => {
        const expected = lineage.descendants(SMOLLM2_ROOT);
        const pages = await pageAll(`&sort=${sort}`, 97);
        const items = pages.flatMap((p) => p.items);
        expect(items.map((i) => i.id.toLowerCase()).sort()).toEqual([...expected.keys()].sort());
        expect(pages[pages.length - 1].nextCursor).toBeUndefined();
        for (const item of items) {
          expect(item.depth).toBe(expected.get(item.id.toLowerCase()));
          expect(item.relation).toBe(lineage.relationOf(item.id.toLowerCase()));
        }
      },
    );

    it("gives the same page again for the same cursor", async () => {
      const first = (await request(app).get(`/api/models/${SMOLLM2_ROOT}/descendants?limit=50&sort=likes`).expect(200))
        .body as DescendantsPage;
      const url = `/api/models/${SMOLLM2_ROOT}/descendants?limit=50&sort=likes&cursor=${first.nextCursor}`;
      const again = [(await request(app).get(url).expect(200)).body, (await request(app).get(url).expect(200)).body];
      expect(again[1]).toEqual(again[0]);
      expect(new Set([...first.items, ...(again[0] as DescendantsPage).items].map((i) => i.id)).size).toBe(100);
    });

    it("filters by relation to the same number the model's counts give", async () => {
      const detail = (await request(app).get(`/api/models/${SMOLLM2_ROOT}`).expect(200)).body as ModelDetail;
      const page = (
        await request(app).get(`/api/models/${SMOLLM2_ROOT}/descendants?relation=adapter&limit=1000`).expect(200)
      ).body as DescendantsPage;
      expect(page.total).toBe(detail.descendants.adapter);
      expect(page.items.every((i) => i.relation === "adapter")).toBe(true);
    });
  });

  describe("GET /api/models/<id>/growth", () => {
    it("counts descendants per month of their creation date, the Hub's placeholder date as unknown", async () => {
      const body = (await request(app).get(`/api/models/${SMOLLM2_ROOT}/growth?interval=month`).expect(200))
        .body as GrowthResponse;
      const perMonth = new Map<string, number>();
      let unknown = 0;
      for (const key of lineage.descendants(SMOLLM2_ROOT).keys()) {
        const record = lineage.record.get(key) as RawRecord;
        const created = record.createdAt ?? record.created_at;
        if (!created || new Date(created).toISOString() === PLACEHOLDER) unknown += 1;
        else
          perMonth.set(
            `${new Date(created).toISOString().slice(0, 7)}-01`,
            (perMonth.get(`${new Date(created).toISOString().slice(0, 7)}-01`) ?? 0) + 1,
          );
      }
      expect(body.unknown.total).toBe(unknown);
      expect(Object.fromEntries(body.periods.filter((p) => p.total > 0).map((p) => [p.start, p.total]))).toEqual(
        Object.fromEntries([...perMonth].sort()),
      );
      expect(body.total).toBe(lineage.descendants(SMOLLM2_ROOT).size);
    });
  });

  describe("GET /api/graph", () => {
    it("imports into graphology with every model of the family when it fits", async () => {
      const slice = (await request(app).get(`/api/graph?root=${SMOLLM2_ROOT}&limit=5000`).expect(200))
        .body as GraphSlice;
      const graph = new Graph();
      graph.import(slice);
      const expected = lineage.descendants(SMOLLM2_ROOT);
      expect(graph.order).toBe(expected.size + 1);
      expect(slice.attributes.truncated).toBe(false);
      graph.forEachNode((key, attributes) => {
        if (key !== SMOLLM2_ROOT) expect(attributes.generation).toBe(expected.get(key.toLowerCase()));
      });
    });

    it("trims to the limit, keeps the slice connected to the root and reports honestly what it left out", async () => {
      const limit = 120;
      const slice = (await request(app).get(`/api/graph?root=${SMOLLM2_ROOT}&limit=${limit}`).expect(200))
        .body as GraphSlice;
      const graph = new Graph();
      graph.import(slice);
      const expected = lineage.descendants(SMOLLM2_ROOT);
      expect(graph.order).toBe(limit);
      expect(slice.attributes.truncated).toBe(true);
      expect(slice.attributes.total).toBe(expected.size + 1);

      // Omitted per generation = found in the records at that depth minus kept at that depth.
      const foundPerGeneration = new Map<number, number>();
      for (const d of expected.values()) foundPerGeneration.set(d, (foundPerGeneration.get(d) ?? 0) + 1);
      const keptPerGeneration = new Map<number, number>();
      graph.forEachNode((_k, a) => keptPerGeneration.set(a.generation, (keptPerGeneration.get(a.generation) ?? 0) + 1));
      const omitted = [...foundPerGeneration]
        .map(([generation, found]) => ({ generation, count: found - (keptPerGeneration.get(generation) ?? 0) }))
        .filter((o) => o.count > 0)
        .sort((a, b) => a.generation - b.generation);
      expect(slice.attributes.omitted).toEqual(omitted);

      // Connected: every kept model reaches the root through kept parents.
      graph.forEachNode((key) => {
        let current = key;
        for (let hops = 0; current !== SMOLLM2_ROOT; hops++) {
          const parents = graph.inNeighbors(current);
          expect(parents.length).toBeGreaterThan(0);
          current = parents[0];
          expect(hops).toBeLessThan(10);
        }
      });

      // Significance: no left-out child of a kept model outranks a kept descendant.
      const score = (key: string) => [
        lineage.descendants(key).size,
        Number((lineage.record.get(key.toLowerCase()) as RawRecord).downloads ?? -1),
      ];
      const keptScores = graph.filterNodes((k) => k !== SMOLLM2_ROOT).map(score);
      const weakestKept = keptScores.reduce((a, b) => (b[0] < a[0] || (b[0] === a[0] && b[1] < a[1]) ? b : a));
      graph.forEachNode((key, attributes) => {
        const leftOut = (lineage.children.get(key.toLowerCase()) ?? []).filter(
          (c) => !graph.hasNode(lineage.spelling.get(c) as string),
        );
        expect(attributes.hasHiddenChildren).toBe(leftOut.length > 0);
        for (const child of leftOut) {
          const [d, w] = score(lineage.spelling.get(child) as string);
          expect(d < weakestKept[0] || (d === weakestKept[0] && w <= weakestKept[1])).toBe(true);
        }
      });
    });
  });

  describe("GET /api/search", () => {
    it("finds a real model from part of its name, prefix matches first, then by descendants", async () => {
      const hits = (await request(app).get("/api/search?q=SmolLM2-1.7&limit=10").expect(200)).body.items as {
        id: string;
        isPrefix: boolean;
        descendants: number;
      }[];
      expect(hits.map((h) => h.id)).toContain(SMOLLM2_ROOT);
      const firstNonPrefix = hits.findIndex((h) => !h.isPrefix);
      if (firstNonPrefix >= 0) expect(hits.slice(firstNonPrefix).every((h) => !h.isPrefix)).toBe(true);
      const prefixHits = hits.filter((h) => h.isPrefix).map((h) => h.descendants);
      expect(prefixHits).toEqual([...prefixHits].sort((a, b) => b - a));
      expect(hits[0].descendants).toBe(lineage.descendants(hits[0].id).size);
    });
  });

  describe("GET /api/families/top", () => {
    it.each([
      ["bases (the default)", "", false],
      ["every model with derivatives=include", "&derivatives=include", true],
    ])("ranks %s by descendants as the records imply", async (_what, param, withDerivatives) => {
      const body = (await request(app).get(`/api/families/top?limit=5${param}`).expect(200)).body as {
        items: { id: string; score: number }[];
      };
      const expected = [...lineage.record.keys()]
        .filter((k) => withDerivatives || !(lineage.parents.get(k) ?? []).some((l) => l.parent !== k))
        .map((k) => ({ id: k, score: lineage.descendants(k).size }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .slice(0, 5);
      expect(body.items.map((i) => ({ id: i.id.toLowerCase(), score: i.score }))).toEqual(expected);
    });

    it("ranks by direct children of one relation", async () => {
      const body = (
        await request(app).get("/api/families/top?by=direct&relation=quantized&limit=3&derivatives=include").expect(200)
      ).body as { items: { id: string; score: number }[] };
      const expected = [...lineage.record.keys()]
        .map((k) => ({ id: k, score: lineage.expectedCounts(k).children.quantized }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .slice(0, 3);
      expect(body.items.map((i) => ({ id: i.id.toLowerCase(), score: i.score }))).toEqual(expected);
    });
  });

  describe("GET /api/orgs/<author>", () => {
    it("lists an org's models and the outside bases they derive from", async () => {
      const author = "mlx-community";
      const own = [...lineage.record.values()].filter((r) => r.id.split("/")[0] === author);
      const body = (await request(app).get(`/api/orgs/${author}?limit=1000`).expect(200)).body as {
        total: number;
        bases: { id: string; models: number }[];
      };
      expect(body.total).toBe(own.length);
      const outside = new Map<string, number>();
      for (const record of own) {
        for (const { parent } of lineage.parents.get(record.id.toLowerCase()) ?? []) {
          if (!parent.startsWith(`${author}/`)) outside.set(parent, (outside.get(parent) ?? 0) + 1);
        }
      }
      expect(Object.fromEntries(body.bases.map((b) => [b.id.toLowerCase(), b.models]))).toEqual(
        Object.fromEntries(outside),
      );
    });
  });

  describe("org derivatives", () => {
    /** Distinct stored models by other authors below any of the org's models, and their distinct authors. */
    const expectedDerivatives = (org: string) => {
      const below = new Set<string>();
      for (const key of lineage.record.keys()) {
        if (key.split("/")[0] !== org) continue;
        for (const child of lineage.descendants(key).keys()) below.add(child);
      }
      const made = [...below].filter((key) => lineage.record.has(key) && key.split("/")[0] !== org);
      const counts = { total: made.length, finetune: 0, adapter: 0, quantized: 0, merge: 0 };
      for (const key of made) {
        const relation = lineage.relationOf(key);
        if (relation) counts[relation] += 1;
      }
      return { ...counts, authors: new Set(made.map((key) => key.split("/")[0])).size };
    };
    const orgs = () => [...new Set([...lineage.record.keys()].map((key) => key.split("/")[0]))];

    it("GET /api/orgs/top ranks orgs by derivatives as the records give them, page after page", async () => {
      const expected = orgs()
        .map((org) => ({ org, ...expectedDerivatives(org) }))
        .filter((e) => e.total > 0)
        .sort((a, b) => b.total - a.total || (a.org < b.org ? -1 : 1))
        .slice(0, 6);
      const first = (await request(app).get("/api/orgs/top?limit=3").expect(200)).body as TopOrgsResponse;
      expect(first.nextCursor).toBeDefined();
      const second = (await request(app).get(`/api/orgs/top?limit=3&cursor=${first.nextCursor}`).expect(200))
        .body as TopOrgsResponse;
      expect([...first.items, ...second.items].map((o) => [o.author.toLowerCase(), o.derivatives, o.authors])).toEqual(
        expected.map((e) => [e.org, e.total, e.authors]),
      );
    });

    it("GET /api/orgs/<author> counts derivatives per relation, for orgs whose models derive from each other too", async () => {
      for (const org of ["huggingfacetb", "meta-llama", "google", "deepseek-ai"]) {
        const body = (await request(app).get(`/api/orgs/${org}`).expect(200)).body as OrgResponse;
        const { topAuthors, growth, undated, ...figures } = body.derivatives;
        expect({ org, ...figures }).toEqual({ org, ...expectedDerivatives(org) });
        expect(topAuthors.reduce((sum, a) => sum + a.models, 0)).toBeLessThanOrEqual(figures.total);
        expect(growth.reduce((sum, p) => sum + p.total, 0) + undated).toBe(figures.total);
      }
    });
  });

  describe("GET /api/stats", () => {
    it("totals models and edges per relation as the records give them", async () => {
      const body = (await request(app).get("/api/stats").expect(200)).body as {
        models: { total: number };
        edges: { total: number; byRelation: Record<string, number> };
      };
      const links = [...lineage.parents.values()].flat();
      expect(body.models.total).toBe(lineage.record.size);
      expect(body.edges.total).toBe(links.length);
      for (const relation of RELATION_ORDER)
        expect(body.edges.byRelation[relation]).toBe(links.filter((l) => l.relation === relation).length);
    });
  });
});
