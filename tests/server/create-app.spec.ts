// createApp: routing of ids with slashes, caching headers, docs, export streaming and the web client's files.
import Graph from "graphology";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import type { Express } from "express";
import { recordAlias } from "../../db/aliases";
import { openDatabase, type Db } from "../../db/open-database";
import type { GraphSlice, ModelDetail } from "../../server/contract/types";
import { createApp } from "../../server/create-app";
import type { OpenApiDocument } from "../../server/contract/openapi-document";
import { API_ROUTES } from "../../server/contract/routes";
import { MODEL_SUB_ROUTES } from "../../server/routes/models";
import { buildLineageDb, NOW } from "../helpers/lineage-db";
import { parseRoute } from "../../client/src/route";
import { familyQueryOf, familyRequestPath } from "../../common/model-page";

describe("createApp", () => {
  let db: Db;
  let app: Express;
  let clientDir: string;
  const logged: string[] = [];

  beforeAll(() => {
    db = buildLineageDb(
      [{ id: "o/root", downloads: 10 }, "o/ft", "o/lora", "o/ancestors", "legacy", "o/guess"],
      ["o/root o/ft finetune", "o/ft o/lora adapter", "legacy o/ft merge", "o/root o/guess quantized inferred 0.7"],
    );
    recordAlias(db, "old/root-name", "o/root", NOW);
    clientDir = mkdtempSync(join(tmpdir(), "hf-lineage-client-"));
    mkdirSync(join(clientDir, "assets"));
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>hf-lineage app</title>");
    writeFileSync(join(clientDir, "assets", "app-1234.js"), "console.log(1)");
    app = createApp({ db, clientDir, logger: { error: (m) => logged.push(m) } });
  });
  afterAll(() => {
    db.close();
    rmSync(clientDir, { recursive: true, force: true });
  });
  afterEach(() => expect(logged).toEqual([]));

  describe("model routes", () => {
    it("routes ids with a raw or encoded slash, and sub-routes after them", async () => {
      const raw = await request(app).get("/api/models/o/ft").expect(200);
      const encoded = await request(app).get("/api/models/o%2Fft").expect(200);
      expect(encoded.body).toEqual(raw.body);
      const ancestors = await request(app).get("/api/models/o%2Fft/ancestors").expect(200);
      expect(ancestors.body.roots.sort()).toEqual(["legacy", "o/root"]);
    });

    it("serves a model whose name is a sub-route's, and the sub-route of a legacy id", async () => {
      expect((await request(app).get("/api/models/o/ancestors").expect(200)).body.id).toBe("o/ancestors");
      expect((await request(app).get("/api/models/legacy/descendants").expect(200)).body.total).toBe(2);
    });

    it("answers an old id with the canonical model and says so", async () => {
      const body = (await request(app).get("/api/models/old/root-name").expect(200)).body as ModelDetail;
      expect([body.id, body.renamedFrom]).toEqual(["o/root", "old/root-name"]);
      const page = await request(app).get("/api/models/old/root-name/descendants").expect(200);
      expect([page.body.id, page.body.renamedFrom]).toEqual(["o/root", "old/root-name"]);
    });

    it("keeps inferred edges out of counts unless asked, and reports them apart", async () => {
      const declared = (await request(app).get("/api/models/o/root").expect(200)).body as ModelDetail;
      const all = (await request(app).get("/api/models/o/root?inferred=include").expect(200)).body as ModelDetail;
      expect([declared.descendants.total, declared.inferred]).toEqual([
        2,
        { included: false, children: 1, descendants: 1 },
      ]);
      expect([all.descendants.total, all.descendants.quantized, all.inferred.included]).toEqual([3, 1, true]);
      const guess = (await request(app).get("/api/models/o/guess?inferred=include").expect(200)).body as ModelDetail;
      expect(guess.parents).toEqual([
        expect.objectContaining({ id: "o/root", source: "inferred", confidence: 0.7, evidence: [expect.any(Object)] }),
      ]);
    });

    it("answers 404 with a stable code for an unknown model", async () => {
      const res = await request(app).get("/api/models/nobody/nothing").expect(404);
      expect(res.body.error.code).toBe("model_not_found");
    });
  });

  describe("caching", () => {
    it("sends an ETag and no-cache, and 304 when the ETag still matches", async () => {
      const first = await request(app).get("/api/models/o/root").expect(200);
      expect(first.headers["cache-control"]).toBe("no-cache");
      expect(first.headers.etag).toBeTruthy();
      await request(app).get("/api/models/o/root").set("If-None-Match", first.headers.etag).expect(304);
      await request(app).get("/api/models/o/ft").set("If-None-Match", first.headers.etag).expect(200);
    });

    it("does not let clients store errors", async () => {
      const res = await request(app).get("/api/models/nobody/nothing").expect(404);
      expect(res.headers["cache-control"]).toBe("no-store");
    });

    it("sees new data once it is written", async () => {
      const scratch = buildLineageDb(["o/a"], []);
      const scratchApp = createApp({ db: scratch });
      expect((await request(scratchApp).get("/api/stats").expect(200)).body.models.total).toBe(1);
      scratch.prepare("INSERT INTO models (id) VALUES ('o/b')").run();
      expect((await request(scratchApp).get("/api/stats").expect(200)).body.models.total).toBe(2);
      scratch.close();
    });
  });

  describe("graph slices", () => {
    it("load into graphology as they are", async () => {
      const slice = (await request(app).get("/api/graph?root=o/ft&up=5&down=5").expect(200)).body as GraphSlice;
      const graph = new Graph();
      graph.import(slice);
      expect(graph.order).toBe(4);
      expect(graph.getNodeAttribute("o/root", "generation")).toBe(-1);
      expect(graph.hasEdge("o/ft->o/lora")).toBe(true);
    });
  });

  describe("docs", () => {
    it("describe every API route the app serves", async () => {
      const doc = (await request(app).get("/api/openapi.json").expect(200)).body as OpenApiDocument;
      expect(doc.openapi).toBe("3.1.0");
      // The routes Express has registered, read from its router: a new route without docs fails here.
      const registered: string[] = [];
      const walk = (stack: { route?: { path: string }; handle?: { stack?: unknown[] } }[]) => {
        for (const layer of stack) {
          if (layer.route) registered.push(layer.route.path);
          else if (layer.handle?.stack) walk(layer.handle.stack as typeof stack);
        }
      };
      walk((app as unknown as { router: { stack: Parameters<typeof walk>[0] } }).router.stack);
      const api = registered.filter((path) => path.startsWith("/api/")).map((path) => path.replace(/:(\w+)/g, "{$1}"));
      // One wildcard route serves a model and its sub-routes: the docs list each.
      const expanded = api.flatMap((path) =>
        path === "/api/models/*path"
          ? ["/api/models/{id}", ...MODEL_SUB_ROUTES.map((sub) => `/api/models/{id}/${sub}`)]
          : [path],
      );
      expect(Object.keys(doc.paths).sort()).toEqual(expanded.sort());
    });

    it("render as a readable HTML page", async () => {
      const res = await request(app).get("/api/docs").expect(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      for (const { path } of API_ROUTES) expect(res.text).toContain(path);
    });
  });

  describe("GET /api/export", () => {
    it.each([
      ["jsonl", /^application\/x-ndjson/],
      ["csv", /^text\/csv/],
      ["graphml", /^application\/graphml\+xml/],
      ["gexf", /^application\/gexf\+xml/],
    ])("streams %s with its content type", async (format, type) => {
      const res = await request(app)
        .get(`/api/export?format=${format}&root=o/ft`)
        .buffer(true)
        .parse((r, done) => {
          let text = "";
          r.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
          r.on("end", () => done(null, text));
        })
        .expect(200);
      expect(res.headers["content-type"]).toMatch(type);
      expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="hf-lineage-o_ft\./);
      expect(res.body as string).toContain("o/lora");
    });

    it("exports the whole graph as JSON lines without a root, inferred edges only when asked", async () => {
      const edgesOf = (text: string) =>
        text
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as { type: string })
          .filter((l) => l.type === "edge");
      expect(edgesOf((await request(app).get("/api/export").expect(200)).text)).toHaveLength(3);
      expect(edgesOf((await request(app).get("/api/export?inferred=include").expect(200)).text)).toHaveLength(4);
    });

    it("answers 404 for an unknown root before streaming", async () => {
      const res = await request(app).get("/api/export?root=nobody/nothing").expect(404);
      expect(res.body.error.code).toBe("model_not_found");
    });

    it("exports from a file database over a connection of its own, while writes go on", async () => {
      const dir = mkdtempSync(join(tmpdir(), "hf-lineage-export-"));
      const fileDb = openDatabase(join(dir, "lineage.db"));
      const insert = fileDb.prepare("INSERT INTO models (id) VALUES (?)");
      for (let i = 0; i < 3000; i++) insert.run(`o/m${i}`);
      const fileApp = createApp({ db: fileDb });
      const pending = request(fileApp).get("/api/export?format=jsonl");
      insert.run("o/written-meanwhile");
      const res = await pending.expect(200);
      expect(res.text.split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(3000);
      fileDb.close();
      rmSync(dir, { recursive: true, force: true });
    });
  });

  describe("the web client", () => {
    it("answers index.html for /, the forks view and deep links to models and orgs", async () => {
      for (const url of [
        "/",
        "/forks",
        "/org/skt",
        "/org/skt?inferred=include",
        "/forks?root=o%2Fbase&relation=adapter",
        "/model/o/ft",
        "/model/o%2Fft",
        "/model/anything/at/all",
      ]) {
        const res = await request(app).get(url).expect(200);
        expect(res.text).toContain("hf-lineage app");
        expect(res.headers["cache-control"]).toBe("no-cache");
      }
    });

    it("names a model page's family request as a preload, the URL the client's route asks for", async () => {
      const dir = mkdtempSync(join(tmpdir(), "hf-lineage-client-"));
      writeFileSync(
        join(dir, "index.html"),
        "<!doctype html><html><head><title>app</title></head><body></body></html>",
      );
      try {
        const withHead = createApp({ db, clientDir: dir });
        for (const page of ["/model/o/ft", "/model/o%2Fft?up=1&down=25&relations=merge,adapter&inferred=include"]) {
          const res = await request(withHead).get(page).expect(200);
          const link = /<head>\s*<link rel="preload" as="fetch" crossorigin href="([^"]+)">/.exec(res.text);
          expect(link).not.toBeNull();
          // The client's route for the page, and the request its api-client sends for it (familyRequestPath).
          const url = new URL(page, "http://localhost");
          const route = parseRoute(url.pathname, url.search);
          if (route.kind !== "model") throw new Error(`${page} is no model route`);
          expect(link?.[1].replace(/&amp;/g, "&")).toBe(familyRequestPath(familyQueryOf(route)));
        }
        const other = await request(withHead).get("/forks").expect(200);
        expect(other.text).not.toContain("preload");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("serves a favicon", async () => {
      const res = await request(app).get("/favicon.ico").expect(200);
      expect(res.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    });

    it("serves built assets as long-lived files", async () => {
      const res = await request(app).get("/assets/app-1234.js").expect(200);
      expect(res.headers["cache-control"]).toMatch(/immutable/);
    });

    it("keeps unknown API paths a JSON 404, not the app", async () => {
      const res = await request(app).get("/api/models").expect(404);
      expect(res.body.error.code).toBe("not_found");
    });

    it("says how to build the client when it is not built", async () => {
      const bare = createApp({ db, clientDir: join(clientDir, "missing") });
      const res = await request(bare).get("/model/o/ft").expect(200);
      expect(res.text).toContain("npm run build");
    });
  });
});
