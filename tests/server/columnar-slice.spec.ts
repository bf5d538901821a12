// GET /api/graph/columnar: the same slice as GET /api/graph, in columns, with positions and sub-families.
import request from "supertest";
import { setParents } from "../../db/edges";
import type { Db } from "../../db/open-database";
import type { ColumnarGraphSlice, GraphSlice } from "../../server/contract/types";
import { createApp } from "../../server/create-app";
import { buildLineageDb } from "../helpers/lineage-db";

describe("GET /api/graph/columnar", () => {
  let db: Db;
  beforeAll(() => {
    db = buildLineageDb(
      [{ id: "o/root", downloads: 10 }, "o/a", "o/b", { id: "o/a1", downloads: 5 }, "o/a2", "o/a11", "up/base"],
      [
        "up/base o/root finetune",
        "o/root o/a finetune",
        "o/root o/b quantized",
        "o/a o/a1 adapter",
        "o/a o/a2 finetune",
        "o/a1 o/a11 quantized card",
        "o/b o/a2 merge inferred 0.6",
      ],
    );
  });
  afterAll(() => db.close());

  it("holds the models and links of the graphology answer, the focus first, links by model number", async () => {
    const app = createApp({ db });
    const columns = (await request(app).get("/api/graph/columnar?root=o/root&up=1").expect(200))
      .body as ColumnarGraphSlice;
    const slice = (await request(app).get("/api/graph?root=o/root&up=1").expect(200)).body as GraphSlice;
    const { nodes, edges } = columns;
    expect(nodes.id[0]).toBe("o/root");
    expect([...nodes.id].sort()).toEqual(slice.nodes.map((node) => node.key).sort());
    for (const node of slice.nodes) {
      const k = nodes.id.indexOf(node.key);
      expect(nodes.generation[k]).toBe(node.attributes.generation);
      expect(columns.relationCodes[nodes.relation[k]]).toBe(node.attributes.relation);
      expect(nodes.descendants[k]).toBe(node.attributes.descendants);
      expect(nodes.hasHiddenChildren[k]).toBe(node.attributes.hasHiddenChildren ? 1 : 0);
    }
    const links = edges.parent.map(
      (p, l) =>
        `${nodes.id[p]}->${nodes.id[edges.child[l]]} ${columns.relationCodes[edges.relation[l]]} ` +
        `${columns.sourceCodes[edges.source[l]]}`,
    );
    expect(links.sort()).toEqual(
      slice.edges.map((e) => `${e.source}->${e.target} ${e.attributes.relation} ${e.attributes.source}`).sort(),
    );
    expect(columns.attributes).toEqual(slice.attributes);
  });

  it("lays the family out around the focus (ancestors above) and names each model's sub-family", async () => {
    const columns = (await request(createApp({ db })).get("/api/graph/columnar?root=o/root&up=1").expect(200))
      .body as ColumnarGraphSlice;
    const { id, x, y, subfamily } = columns.nodes;
    const at = (model: string) => id.indexOf(model);
    expect([x[0], y[0]]).toEqual([0, 0]);
    expect(y[at("up/base")]).toBeGreaterThan(0);
    const positions = new Set(id.map((_, k) => `${x[k]},${y[k]}`));
    expect(positions.size).toBe(id.length);
    expect(subfamily[at("o/a11")]).toBe(at("o/a"));
    expect(subfamily[at("o/a1")]).toBe(at("o/a"));
    expect(subfamily[at("o/b")]).toBe(at("o/b"));
    expect(subfamily[0]).toBe(-1);
    expect(subfamily[at("up/base")]).toBe(-1);
    // Most descendants first: the base above the focus, then the focus.
    expect(columns.labelled.slice(0, 3)).toEqual([at("up/base"), 0, at("o/a")]);
  });

  it("trims to the node budget and says so", async () => {
    const app = createApp({ db });
    const trimmed = (await request(app).get("/api/graph/columnar?root=o/root&limit=3").expect(200))
      .body as ColumnarGraphSlice;
    expect(trimmed.nodes.id).toHaveLength(3);
    expect(trimmed.attributes.truncated).toBe(true);
    expect(trimmed.nodes.hasHiddenChildren.some((flag) => flag === 1)).toBe(true);
  });

  it("answers 404 for a model the database does not know", async () => {
    const res = await request(createApp({ db })).get("/api/graph/columnar?root=o/nope").expect(404);
    expect(res.body.error.code).toBe("model_not_found");
  });

  it("answers a repeated request from the stored bytes (same ETag, 304 on If-None-Match)", async () => {
    const app = createApp({ db });
    const first = await request(app).get("/api/graph/columnar?root=o/root").expect(200);
    const second = await request(app).get("/api/graph/columnar?root=o/root").expect(200);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
    await request(app).get("/api/graph/columnar?root=o/root").set("If-None-Match", first.headers.etag).expect(304);
  });

  it("after a write, keeps the models already shown in place and adds the new one on its ring", async () => {
    const own = buildLineageDb(
      ["o/root", "o/a", "o/b", "o/a1"],
      ["o/root o/a finetune", "o/root o/b quantized", "o/a o/a1 adapter"],
    );
    try {
      const app = createApp({ db: own });
      const before = (await request(app).get("/api/graph/columnar?root=o/root").expect(200)).body as ColumnarGraphSlice;
      setParents(own, "o/a2", "tag", [{ id: "o/a", relation: "finetune", source: "tag", confidence: 1 }], NOW);
      const after = (await request(app).get("/api/graph/columnar?root=o/root").expect(200)).body as ColumnarGraphSlice;
      expect(after.nodes.id).toContain("o/a2");
      const at = (columns: ColumnarGraphSlice, id: string) => {
        const k = columns.nodes.id.indexOf(id);
        return [columns.nodes.x[k], columns.nodes.y[k]];
      };
      for (const id of before.nodes.id) expect(at(after, id)).toEqual(at(before, id));
      const radius = ([x, y]: number[]) => Math.hypot(x, y);
      // On its sibling's ring, or on a lane just outside it (2 units a lane) when the spot by its parent is taken.
      const outwards = radius(at(after, "o/a2")) - radius(at(after, "o/a1"));
      expect(outwards).toBeGreaterThanOrEqual(-0.1);
      expect(outwards).toBeLessThanOrEqual(6.1);
    } finally {
      own.close();
    }
  });
});

const NOW = "2026-12-01T00:00:00.000Z";
