// GET /api/forks and /api/forks.atom over stored fork events: order, filters, keyset pages stable under inserts,
// 400s for bad parameters, and a feed that a real feed parser reads with valid ids and dates.
import request from "supertest";
import type { Express } from "express";
import { recordAlias } from "../../db/aliases";
import { insertForkEvent, type ForkEvent } from "../../db/fork-events";
import { upsertModels } from "../../db/models";
import { modelRecord } from "../helpers/db-fixtures";
import { openDatabase, type Db } from "../../db/open-database";
import type { Relation } from "../../lineage/types";
import type { ForksPage } from "../../server/contract/types";
import { createApp } from "../../server/create-app";
import { isRfc3339DateTime, parseWithFeedparser, readXmlTexts, UUID_URN } from "./feed-readers";

const RELATIONS: Relation[] = ["finetune", "adapter", "quantized", "merge"];
const NOW = new Date("2025-09-01T00:00:00.000Z");

/** Event i: family base/Root for even i, other/Base for odd; seen one hour apart, in the order recorded. */
function event(i: number): ForkEvent {
  return {
    model: `fork/M${String(i).padStart(2, "0")}`,
    root: i % 2 === 0 ? "base/Root" : "other/Base",
    kind: "new",
    relation: RELATIONS[i % 4],
    depth: 1 + (i % 3),
    createdAt: new Date(Date.UTC(2025, 7, 1, i)).toISOString(),
    seenAt: new Date(Date.UTC(2025, 7, 2, i)).toISOString(),
  };
}

async function getPage(app: Express, query: string): Promise<ForksPage> {
  const response = await request(app).get(`/api/forks${query}`).expect(200);
  return response.body as ForksPage;
}

/** Every page of a listing, following nextCursor. */
async function getAll(app: Express, query: string): Promise<string[]> {
  const models: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await getPage(app, `${query}${cursor === undefined ? "" : `&cursor=${cursor}`}`);
    models.push(...page.items.map((item) => item.model));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return models;
}

describe("GET /api/forks", () => {
  let db: Db;
  let app: Express;
  beforeEach(() => {
    db = openDatabase(":memory:");
    for (let i = 0; i < 12; i++) insertForkEvent(db, event(i));
    app = createApp({ db, now: () => NOW, logger: { error: () => undefined } });
  });
  afterEach(() => db.close());

  it("answers the fixed fields, newest first, with nextCursor absent on the last page", async () => {
    const page = await getPage(app, "?limit=20");
    expect(page.nextCursor).toBeUndefined();
    expect(page.items.map((item) => item.model)).toEqual(Array.from({ length: 12 }, (_, i) => event(11 - i).model));
    const { model, root, relation, depth, createdAt, seenAt, kind } = event(11);
    expect(page.items[0]).toEqual({ model, root, relation, depth, createdAt, seenAt, kind });
  });

  it("pages completely by keyset, without repeats, and stays stable while events are added", async () => {
    expect(await getAll(app, "?limit=5")).toEqual(Array.from({ length: 12 }, (_, i) => event(11 - i).model));
    const first = await getPage(app, "?limit=5");
    for (let i = 12; i < 15; i++) insertForkEvent(db, event(i));
    const second = await getPage(app, `?limit=5&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.model)).toEqual([6, 5, 4, 3, 2].map((i) => event(i).model));
    expect((await getPage(app, "?limit=3")).items.map((item) => item.model)).toEqual(
      [14, 13, 12].map((i) => event(i).model),
    );
  });

  it("filters by family (any case, an old name too), relation and since", async () => {
    const ofRoot = (await getPage(app, "?root=BASE/root")).items;
    expect(ofRoot.map((item) => item.model)).toEqual([10, 8, 6, 4, 2, 0].map((i) => event(i).model));
    expect((await getPage(app, "?relation=adapter")).items.map((item) => item.model)).toEqual(
      [9, 5, 1].map((i) => event(i).model),
    );
    expect((await getPage(app, "?root=other/Base&relation=adapter&limit=1")).nextCursor).toBeDefined();
    expect(await getAll(app, "?root=other/Base&relation=adapter&limit=1")).toEqual(
      [9, 5, 1].map((i) => event(i).model),
    );
    expect((await getPage(app, "?since=2025-08-02T09:00:00Z")).items).toHaveLength(3);
    expect((await getPage(app, "?since=2025-08-02T09:30:00Z")).items).toHaveLength(2);
    expect((await getPage(app, "?since=2025-08-02T09:30:00%2B01:00")).items).toHaveLength(3);
    expect((await getPage(app, "?since=2025-08-03")).items).toEqual([]);
    // A family renamed after its events were recorded answers under both names.
    recordAlias(db, "other/Base", "other/Base-v2", NOW.toISOString());
    expect(await getAll(app, "?root=other/Base-v2&limit=4")).toEqual([11, 9, 7, 5, 3, 1].map((i) => event(i).model));
    expect((await getPage(app, "?root=OTHER/base")).items).toHaveLength(6);
  });

  it("answers 404 model_not_found to a root nothing is known of, and an empty page to a known model", async () => {
    const response = await request(app).get("/api/forks?root=unknown/Family").expect(404);
    expect(response.body.error.code).toBe("model_not_found");
    upsertModels(db, [modelRecord("unknown/Family")], NOW.toISOString());
    expect((await getPage(app, "?root=unknown/Family")).items).toEqual([]);
  });

  it.each([
    ["relation=sibling", "relation"],
    ["limit=0", "limit"],
    ["limit=-1", "limit"],
    ["limit=1e3", "limit"],
    ["limit=99999999999999999999", "limit"],
    ["since=yesterday", "since"],
    ["since=2025-02-30", "since"],
    ["cursor=abc", "cursor"],
    [`cursor=${Buffer.from(JSON.stringify(["created", 3, "x"])).toString("base64url")}`, "cursor"],
    [`cursor=${"a".repeat(300)}`, "cursor"],
    ["root=a/b/c", "root"],
    ["root=..", "root"],
    ["root=%3Cscript%3E", "root"],
    ["relation=adapter&relation=merge", "relation"],
    ["sort=created", "sort"],
  ])("answers 400 invalid_parameter to %s", async (query, param) => {
    const response = await request(app).get(`/api/forks?${query}`).expect(400);
    expect(response.body.error.code).toBe("invalid_parameter");
    expect(response.body.error.message).toContain(param);
  });

  it("caps limit at 1,000 like the other lists", async () => {
    for (let i = 12; i < 1020; i++) insertForkEvent(db, event(i));
    const page = await getPage(app, "?limit=100000");
    expect(page.items).toHaveLength(1000);
    expect(page.nextCursor).toBeDefined();
  });
});

describe("GET /api/forks.atom", () => {
  let db: Db;
  let app: Express;
  beforeEach(() => {
    db = openDatabase(":memory:");
    app = createApp({ db, now: () => NOW, logger: { error: () => undefined } });
  });
  afterEach(() => db.close());

  it("is an Atom feed a feed parser reads, with unique urn:uuid ids and RFC 3339 dates", async () => {
    for (let i = 0; i < 6; i++) insertForkEvent(db, event(i));
    insertForkEvent(db, { ...event(6), createdAt: null, relation: null, kind: "joined" });
    const response = await request(app).get("/api/forks.atom").expect(200);
    expect(response.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const xml = response.text;

    const { meta, items } = await parseWithFeedparser(xml);
    expect(meta["#type"]).toBe("atom");
    expect(items.map((item) => item.title)).toEqual([
      "fork/M06: derivative of base/Root",
      ...[5, 4, 3, 2, 1, 0].map((i) => `${event(i).model}: ${event(i).relation} of ${event(i).root}`),
    ]);
    expect(items[1].link).toBe("https://huggingface.co/fork/M05");
    expect(items[1].date?.toISOString()).toBe(event(5).seenAt);
    expect(items[1].pubdate?.toISOString()).toBe(event(5).createdAt);

    const { root, texts } = readXmlTexts(xml);
    expect(root).toEqual({ name: "feed", uri: "http://www.w3.org/2005/Atom" });
    const ids = [...texts.get("feed/id")!, ...texts.get("feed/entry/id")!];
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    for (const id of ids) expect(id).toMatch(UUID_URN);
    const dates = [
      ...texts.get("feed/updated")!,
      ...texts.get("feed/entry/updated")!,
      ...texts.get("feed/entry/published")!,
    ];
    expect(dates).toHaveLength(1 + 7 + 6);
    for (const date of dates) expect(isRfc3339DateTime(date)).toBe(true);
    expect(texts.get("feed/updated")).toEqual([event(6).seenAt]);
    // Ids are permanent: the same event has the same id on the next request.
    const again = readXmlTexts((await request(app).get("/api/forks.atom").expect(200)).text).texts;
    expect(again.get("feed/entry/id")).toEqual(texts.get("feed/entry/id"));
  });

  it("gives each family its own feed, and a valid empty feed when nothing was seen", async () => {
    for (let i = 0; i < 6; i++) insertForkEvent(db, event(i));
    const family = await parseWithFeedparser(
      (await request(app).get("/api/forks.atom?root=other/base").expect(200)).text,
    );
    expect(family.meta.title).toBe("New forks of other/base");
    expect(family.items.map((item) => item.guid)).toHaveLength(3);
    const all = readXmlTexts((await request(app).get("/api/forks.atom").expect(200)).text).texts;
    const one = readXmlTexts((await request(app).get("/api/forks.atom?root=other/Base").expect(200)).text).texts;
    expect(one.get("feed/id")).not.toEqual(all.get("feed/id"));

    const unknown = await request(app).get("/api/forks.atom?root=nobody/Yet").expect(404);
    expect(unknown.body.error.code).toBe("model_not_found");
    upsertModels(db, [modelRecord("nobody/Yet")], NOW.toISOString());
    const empty = (await request(app).get("/api/forks.atom?root=nobody/Yet").expect(200)).text;
    expect((await parseWithFeedparser(empty)).items).toEqual([]);
    expect(readXmlTexts(empty).texts.get("feed/updated")).toEqual([NOW.toISOString()]);
  });

  it("answers a feed reader's If-None-Match with 304 while nothing is seen, the clock moving", async () => {
    let tick = NOW.getTime();
    const clocked = createApp({ db, now: () => new Date(tick++), logger: { error: () => undefined } });
    const first = await request(clocked).get("/api/forks.atom").expect(200);
    await request(clocked).get("/api/forks.atom").set("If-None-Match", first.headers.etag).expect(304);
    insertForkEvent(db, event(0));
    const changed = await request(clocked).get("/api/forks.atom").set("If-None-Match", first.headers.etag);
    expect(changed.status).toBe(200);
    expect(readXmlTexts(changed.text).texts.get("feed/updated")).toEqual([event(0).seenAt]);
  });

  it("says the relation and the depth in words in each summary", async () => {
    // Events 1, 3, 5 (other/Base): an adapter at depth 2, a merge at depth 1, an adapter at depth 3.
    for (const i of [1, 3, 5]) insertForkEvent(db, event(i));
    insertForkEvent(db, { ...event(7), kind: "joined", depth: 4 });
    const summaries = readXmlTexts((await request(app).get("/api/forks.atom").expect(200)).text).texts.get(
      "feed/entry/summary",
    );
    expect(summaries?.map((summary) => summary.slice(0, summary.indexOf(";")))).toEqual([
      "fork/M07 now derives from other/Base: it is a merge of other/Base's family, 4 generations below",
      "fork/M05 is an adapter of other/Base's family, 3 generations below",
      "fork/M03 is a direct merge of other/Base",
      "fork/M01 is an adapter of other/Base's family, 2 generations below",
    ]);
  });

  it.each(["root=a/b/c", "limit=5", "root="])("answers 400 to %s", async (query) => {
    const response = await request(app).get(`/api/forks.atom?${query}`).expect(400);
    expect(response.body.error.code).toBe("invalid_parameter");
  });
});
