// Hostile input: whatever the path or query, the API answers a 4xx JSON error (or a capped 200), never a 5xx.
import request from "supertest";
import type { Express } from "express";
import type { Db } from "../../db/open-database";
import { createApp } from "../../server/create-app";
import { buildLineageDb } from "../helpers/lineage-db";

const LONG = "a".repeat(10 * 1024);

/** Requests that must be refused with a 4xx JSON error. */
const REFUSED: string[] = [
  // ids: traversal, encoded slashes, too many parts, bad characters, unicode, huge
  "/api/models/..",
  "/api/models/a/../b",
  "/api/models/%2e%2e/%2e%2e/etc/passwd",
  "/api/models/..%2F..%2Fetc%2Fpasswd",
  "/api/models/a%2Fb%2Fc%2Fd",
  "/api/models/a//b",
  "/api/models/o/a%00b",
  "/api/models/o/<script>alert(1)</script>",
  "/api/models/o/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
  "/api/models/o/'%20OR%201=1%20--",
  "/api/models/o/a%22%3B%20DROP%20TABLE%20models%3B%20--",
  "/api/models/%E2%80%AEo/mod%C3%A9l",
  "/api/models/o/%F0%9F%A4%97",
  "/api/models/%E0%A4%A",
  `/api/models/o/${LONG}`,
  `/api/models/${LONG}/ancestors`,
  "/api/models/unknown/model",
  "/api/models/unknown/model/descendants",
  // numbers: negative, huge, fractional, exponent, empty, repeated
  "/api/models/o/root/descendants?limit=-1",
  "/api/models/o/root/descendants?limit=0",
  "/api/models/o/root/descendants?limit=1e3",
  "/api/models/o/root/descendants?limit=2.5",
  "/api/models/o/root/descendants?limit=99999999999999999999999999",
  "/api/models/o/root/descendants?limit=",
  "/api/models/o/root/descendants?limit=1&limit=2",
  "/api/models/o/root/descendants?maxDepth=-3",
  "/api/models/o/root/descendants?limit=NaN",
  "/api/models/o/root/descendants?limit=Infinity",
  "/api/models/o/root/descendants?limit=0x10",
  "/api/graph?root=o/root&limit=-5",
  "/api/graph?root=o/root&up=1e309",
  "/api/graph?root=o/root&down=-1",
  "/api/models/o/root/ancestors?limit=0",
  "/api/search?q=abc&limit=-1",
  // enums and lists: unknown relations, sorts, formats, intervals
  "/api/models/o/root/descendants?relation=fork",
  "/api/models/o/root/descendants?relation=FINETUNE",
  "/api/models/o/root/descendants?sort=name",
  "/api/models/o/root/descendants?sort=downloads;DROP",
  "/api/graph?root=o/root&relations=finetune,fork",
  "/api/graph?root=o/root&relations=",
  "/api/graph?root=o/root&relations=finetune,,adapter",
  "/api/models/o/root/growth?interval=year",
  "/api/families/top?by=stars",
  "/api/families/top?relation=%3Cb%3E",
  "/api/families/top?author=../x",
  "/api/export?format=exe",
  "/api/export?root=../../etc/passwd",
  "/api/models/o/root?inferred=yes",
  // cursors: forged, from another sort, not base64, huge
  "/api/models/o/root/descendants?cursor=not-a-cursor",
  `/api/models/o/root/descendants?cursor=${Buffer.from('["likes",1,"o/a"]').toString("base64url")}`,
  `/api/models/o/root/descendants?cursor=${Buffer.from('["downloads","x","o/a"]').toString("base64url")}`,
  `/api/models/o/root/descendants?cursor=${Buffer.from('{"__proto__":{"polluted":1}}').toString("base64url")}`,
  `/api/models/o/root/descendants?cursor=${"A".repeat(5000)}`,
  // missing, unknown and nested parameters
  "/api/graph",
  "/api/graph?root=",
  "/api/graph?root[$ne]=x",
  "/api/search",
  "/api/search?q=",
  "/api/search?q=%20%20",
  `/api/search?q=${LONG}`,
  "/api/search?q=abc&q=def",
  "/api/models/o/root?unknown=1",
  "/api/stats?x=1",
  "/api/orgs/..",
  "/api/orgs/nobody-here",
  `/api/orgs/${LONG}`,
  // unknown routes
  "/api/models",
  "/api/models/",
  "/api/nothing",
  "/api/../api/stats/x",
];

/** Requests that are odd but fine: capped limits, metacharacters searched literally. */
const ACCEPTED: string[] = [
  "/api/models/o/root/descendants?limit=9007199254740991",
  "/api/graph?root=o/root&limit=100000000&up=100000&down=100000",
  "/api/search?q=%27%20OR%201%3D1%20--",
  "/api/search?q=%22%3B%20DROP%20TABLE%20models%3B%20--",
  "/api/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "/api/search?q=%25%25%25",
  "/api/search?q=%F0%9F%A4%97",
  "/api/search?q=NEAR(a%20b)%20OR%20*",
  "/api/search?q=a",
  // a NUL ends FTS5's query text: it once answered 500 "unterminated string"
  "/api/search?q=abc%00",
  "/api/search?q=%00%00%00",
  "/api/search?q=o%00/root",
  "/api/models/o%2Froot",
  "/api/models/O/ROOT/descendants?relation=adapter&sort=created",
];

describe("hostile input", () => {
  let db: Db;
  let app: Express;
  const logged: string[] = [];
  beforeAll(() => {
    db = buildLineageDb(["o/root", "o/a", "o/b"], ["o/root o/a finetune", "o/a o/b adapter"]);
    app = createApp({ db, logger: { error: (m) => logged.push(m) } });
  });
  afterAll(() => db.close());

  it.each(REFUSED)("refuses %s with a 4xx JSON error", async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(typeof res.body.error.code).toBe("string");
    expect(typeof res.body.error.message).toBe("string");
    expect(logged).toEqual([]);
  });

  it.each(ACCEPTED)("answers %s without an error", async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(200);
    expect(logged).toEqual([]);
  });

  it("caps limits instead of honouring them", async () => {
    const res = await request(app).get("/api/graph?root=o/root&limit=100000000").expect(200);
    expect(res.body.attributes.total).toBe(3);
  });

  it("names the offending parameter", async () => {
    const res = await request(app).get("/api/models/o/root/descendants?limit=-1&sort=name").expect(400);
    expect(res.body.error.code).toBe("invalid_parameter");
    expect(res.body.error.message).toMatch(/limit/);
    expect(res.body.error.message).toMatch(/sort/);
  });

  it.each(["post", "put", "delete", "patch"] as const)("refuses %s: the API is read-only", async (method) => {
    const res = await request(app)[method]("/api/models/o/root").send({ id: "x" });
    expect([res.status, res.body.error.code, res.headers.allow]).toEqual([405, "method_not_allowed", "GET, HEAD"]);
  });
});
