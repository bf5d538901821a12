// buildOpenApiDocument: the document validates with a third-party OpenAPI validator, describes every route's 2xx
// answer, and real answers of every route (over a seeded db) validate against its response schemas.
import { compileErrors, validate } from "@readme/openapi-parser";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { Express } from "express";
import request from "supertest";
import { recordAlias } from "../../../db/aliases";
import { insertForkEvent } from "../../../db/fork-events";
import type { Db } from "../../../db/open-database";
import { finishRun, startRun } from "../../../db/runs";
import { buildOpenApiDocument, type OpenApiDocument } from "../../../server/contract/openapi-document";
import { API_ROUTES } from "../../../server/contract/routes";
import { createApp } from "../../../server/create-app";
import { buildLineageDb, NOW } from "../../helpers/lineage-db";

/** Requests that reach each documented route, with the status each must answer; every path needs a 2xx one. */
const EXAMPLES: Record<string, [url: string, status: number][]> = {
  "/api/models/{id}": [
    ["/api/models/o/ft", 200],
    ["/api/models/old/root-name", 200],
    ["/api/models/o/guess?inferred=include", 200],
    ["/api/models/o/root", 200],
    ["/api/models/nobody/nothing", 404],
    ["/api/models/o/ft?bogus=1", 400],
  ],
  "/api/models/{id}/ancestors": [
    ["/api/models/o/lora/ancestors", 200],
    ["/api/models/old/root-name/ancestors?limit=1", 200],
    ["/api/models/nobody/nothing/ancestors", 404],
  ],
  "/api/models/{id}/descendants": [
    ["/api/models/o/root/descendants?limit=1", 200],
    ["/api/models/o/root/descendants?sort=created&inferred=include", 200],
    ["/api/models/o/root/descendants?limit=0", 400],
  ],
  "/api/models/{id}/growth": [
    ["/api/models/o/root/growth?interval=week", 200],
    ["/api/models/o/root/growth?relation=adapter", 200],
    ["/api/models/o/root/growth?interval=day", 400],
  ],
  "/api/graph": [
    ["/api/graph?root=o/ft&up=5&down=5", 200],
    ["/api/graph?root=o/root&limit=1&inferred=include", 200],
    ["/api/graph", 400],
    ["/api/graph?root=nobody/nothing", 404],
  ],
  "/api/graph/columnar": [
    ["/api/graph/columnar?root=o/root&up=2", 200],
    ["/api/graph/columnar?root=o/ft&limit=2&inferred=include", 200],
    ["/api/graph/columnar?root=o/root&format=binary", 200],
    ["/api/graph/columnar?root=o/root&format=xml", 400],
    ["/api/graph/columnar?root=nobody/nothing", 404],
    ["/api/graph/columnar?root=o/root&limit=0", 400],
  ],
  "/api/search": [
    ["/api/search?q=o/", 200],
    ["/api/search?q=zzzz", 200],
    ["/api/search?q=", 400],
  ],
  "/api/families/top": [
    ["/api/families/top", 200],
    ["/api/families/top?by=direct&relation=finetune&author=o", 200],
    ["/api/families/top?derivatives=include", 200],
    ["/api/families/top?by=size", 400],
  ],
  "/api/orgs/top": [
    ["/api/orgs/top", 200],
    ["/api/orgs/top?limit=1&inferred=include", 200],
    ["/api/orgs/top?cursor=bogus", 400],
    ["/api/orgs/top?by=models", 400],
  ],
  "/api/orgs/{author}": [
    ["/api/orgs/o", 200],
    ["/api/orgs/o?inferred=include&limit=1", 200],
    ["/api/orgs/nobody", 404],
  ],
  "/api/stats": [["/api/stats", 200]],
  "/api/export": [
    ["/api/export", 200],
    ["/api/export?root=o/root&format=graphml", 200],
    ["/api/export?format=xls", 400],
  ],
  "/api/forks": [
    ["/api/forks?limit=1", 200],
    ["/api/forks?root=o/root&since=2025-01-01", 200],
    ["/api/forks?since=yesterday", 400],
  ],
  "/api/forks.atom": [["/api/forks.atom?root=o/root", 200]],
  "/api/openapi.json": [["/api/openapi.json", 200]],
  "/api/docs": [["/api/docs", 200]],
};

/** A JSON Schema validator over the document: `validatorFor(path, status)` checks a JSON answer. */
function createValidators(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // The document's own top-level fields are not schema keywords; declaring them keeps strict mode on for the rest.
  for (const keyword of ["openapi", "info", "paths", "components"]) ajv.addKeyword(keyword);
  ajv.addSchema(doc, "openapi.json");
  const pointer = (part: string) => part.replace(/~/g, "~0").replace(/\//g, "~1");
  return (path: string, status: number) => {
    const where = `openapi.json#/paths/${pointer(path)}/get/responses/${status}/content/${pointer("application/json")}/schema`;
    const check = ajv.getSchema(where);
    if (!check) throw new Error(`no JSON response schema at ${where}`);
    return (body: unknown): string[] =>
      check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
  };
}

describe("buildOpenApiDocument", () => {
  let db: Db;
  let app: Express;
  const doc = buildOpenApiDocument(API_ROUTES);
  const validatorFor = createValidators(doc);

  beforeAll(() => {
    db = buildLineageDb(
      [
        { id: "o/root", downloads: 10, likes: 2, createdAt: "2025-01-02T00:00:00.000Z" },
        { id: "o/ft", createdAt: "2025-02-03T00:00:00.000Z" },
        { id: "o/lora", createdAt: "2025-03-10T00:00:00.000Z" },
        "legacy",
        "o/guess",
      ],
      ["o/root o/ft finetune", "o/ft o/lora adapter", "legacy o/ft merge", "o/root o/guess quantized inferred 0.7"],
    );
    recordAlias(db, "old/root-name", "o/root", NOW);
    const run = startRun(db, { command: "crawl", key: "seed:o/root", args: { seeds: ["o/root"] }, now: NOW });
    finishRun(db, run, "done", NOW);
    for (const [i, model] of ["o/ft", "o/lora"].entries()) {
      insertForkEvent(db, {
        model,
        root: "o/root",
        kind: i === 0 ? "new" : "joined",
        relation: i === 0 ? "finetune" : null,
        depth: i + 1,
        createdAt: i === 0 ? "2025-02-03T00:00:00.000Z" : null,
        seenAt: `2025-06-0${i + 1}T00:00:00.000Z`,
      });
    }
    app = createApp({ db, now: () => new Date(NOW), logger: { error: () => undefined } });
  });
  afterAll(() => db.close());

  it("validates with a third-party OpenAPI validator", async () => {
    const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
    expect(result.valid ? "valid" : compileErrors(result)).toBe("valid");
  });

  it("describes a 2xx answer of every route, and the same routes the app serves", async () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(doc.paths).sort());
    for (const [path, { get }] of Object.entries(doc.paths)) {
      expect({ path, ok: get.responses["200"]?.description.length > 0 }).toEqual({ path, ok: true });
      expect({ path, content: Object.keys(get.responses["200"].content ?? {}).length }).not.toEqual({
        path,
        content: 0,
      });
    }
    // What the server sends is the document built here.
    expect((await request(app).get("/api/openapi.json").expect(200)).body).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it("lists every component schema a JSON answer refers to", () => {
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    const missing = [...new Set(refs)]
      .map((ref) => ref.split("/").pop() as string)
      .filter((id) => !doc.components.schemas[id]);
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(EXAMPLES))("real answers of %s match its documented responses", async (path, examples) => {
    expect(examples.some(([, status]) => status === 200)).toBe(true);
    for (const [url, status] of examples) {
      const res = await request(app).get(url);
      expect({ url, status: res.status }).toEqual({ url, status });
      const documented = doc.paths[path].get.responses[String(status)];
      expect({ url, documented: documented !== undefined }).toEqual({ url, documented: true });
      const mediaTypes = Object.keys(documented.content ?? {});
      const mediaType = String(res.headers["content-type"]).split(";")[0];
      expect({ url, mediaType: mediaTypes.includes(mediaType) }).toEqual({ url, mediaType: true });
      if (mediaType === "application/json") {
        expect({ url, errors: validatorFor(path, status)(res.body) }).toEqual({ url, errors: [] });
      }
    }
  });

  it.each(Object.entries(EXAMPLES))(
    "%s documents a 304 exactly when it answers If-None-Match with one",
    async (path, examples) => {
      const url = examples.find(([, status]) => status === 200)![0];
      const etag = (await request(app).get(url).expect(200)).headers.etag;
      const status = etag === undefined ? 200 : (await request(app).get(url).set("If-None-Match", etag)).status;
      expect({ path, status, documented: "304" in doc.paths[path].get.responses }).toEqual({
        path,
        status,
        documented: status === 304,
      });
    },
  );

  it("rejects answers that drift from the schemas (undocumented, missing or mistyped fields)", async () => {
    const check = validatorFor("/api/models/{id}", 200);
    const body = (await request(app).get("/api/models/o/ft").expect(200)).body as Record<string, unknown>;
    expect(check(body)).toEqual([]);
    expect(check({ ...body, surprise: 1 })).not.toEqual([]);
    const { roots: _roots, ...withoutRoots } = body;
    expect(check(withoutRoots)).not.toEqual([]);
    expect(check({ ...body, children: { ...(body.children as object), merge: "1" } })).not.toEqual([]);
  });
});
