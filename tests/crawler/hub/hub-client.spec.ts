// Hub client: the listing, record and README requests it sends and how it reads (or refuses) the answers.
import { createHubClient, PAGE_LIMIT, readTotalCount, SWEEP_PAGE_LIMIT } from "../../../crawler/hub/hub-client";
import { createHubFetch, HubRequestError } from "../../../crawler/hub/hub-fetch";
import { MAX_CARD_BYTES } from "../../../lineage/card/parse-card";
import {
  createFakeClock,
  createRouteFetch,
  HUB,
  json,
  status,
  type FakeClock,
  type FakeHandler,
} from "../../helpers/hub-fakes";

// What the record parsers read; with `expand` the Hub returns nothing else, so each must be asked for.
const NEEDED = [
  "author",
  "cardData",
  "createdAt",
  "downloads",
  "gated",
  "lastModified",
  "library_name",
  "likes",
  "pipeline_tag",
  "private",
  "sha",
  "tags",
];

function setup(routes: Record<string, FakeHandler | FakeHandler[]>, hubUrl = HUB) {
  const fake = createRouteFetch(routes);
  return { fake, client: createHubClient({ fetch: fake.fetch, hubUrl }) };
}

/** A client behind the real hub-fetch (rate limit, redirects, counters) on the fake clock. */
function setupThroughHubFetch(fake: ReturnType<typeof createRouteFetch>, clock: FakeClock) {
  const hub = createHubFetch({
    fetch: fake.fetch,
    hubUrl: HUB,
    rate: { limit: 100, windowMs: 1_000 },
    concurrency: 2,
    timeoutMs: 1_000,
    maxRetries: 1,
    now: clock.now,
    sleep: clock.sleep,
  });
  return { hub, client: createHubClient({ fetch: hub.fetch, hubUrl: HUB }) };
}

describe("listChildrenPage", () => {
  it("asks for one page of base_model:<id>, 500 at a time, expanding every field the parsers read", async () => {
    const next = `${HUB}/api/models?filter=base_model%3AQwen%2FQwen2.5-72B&cursor=eyJ9`;
    const { fake, client } = setup({
      [`${HUB}/api/models`]: () =>
        json(
          [
            { _id: "1", id: "a/ft" },
            { _id: "2", id: "b/q" },
          ],
          { headers: { link: `<${next}>; rel="next"` } },
        ),
    });
    const page = await client.listChildrenPage("Qwen/Qwen2.5-72B");
    const { url, headers } = fake.calls[0];
    expect(url.pathname).toBe("/api/models");
    expect(url.searchParams.getAll("filter")).toEqual(["base_model:Qwen/Qwen2.5-72B"]);
    expect(url.searchParams.get("limit")).toBe(String(PAGE_LIMIT));
    expect(url.searchParams.getAll("expand").sort()).toEqual([...NEEDED].sort());
    expect(headers.get("accept")).toBe("application/json");
    expect(page).toEqual({
      records: [
        { _id: "1", id: "a/ft" },
        { _id: "2", id: "b/q" },
      ],
      nextUrl: next,
      dropped: 0,
      total: null,
    });
  });

  it("resumes from a stored cursor URL as given, and ends with nextUrl null", async () => {
    const cursor = `${HUB}/api/models?filter=base_model%3Ax%2Fy&limit=500&cursor=abc`;
    const { fake, client } = setup({ [`${HUB}/api/models`]: () => json([{ id: "c/d" }]) });
    const page = await client.listChildrenPage("x/y", cursor);
    expect(fake.calls[0].url.href).toBe(cursor);
    expect(page.nextUrl).toBeNull();
  });

  it("resolves a relative Link and skips items that are not records", async () => {
    const { client } = setup({
      [`${HUB}/api/models`]: () =>
        json([{ id: "a/b" }, { name: "no id" }, "junk", null], {
          headers: { link: '</api/models?cursor=2>; rel="next"' },
        }),
    });
    const page = await client.listChildrenPage("x/y");
    expect(page.records).toEqual([{ id: "a/b" }]);
    expect(page.dropped).toBe(3);
    expect(page.nextUrl).toBe(`${HUB}/api/models?cursor=2`);
  });

  it("throws typed errors for a refused request and for a body that is not a listing", async () => {
    const refused = setup({ [`${HUB}/api/models`]: () => status(400) });
    await expect(refused.client.listChildrenPage("x/y")).rejects.toMatchObject({
      name: "HubRequestError",
      reason: "http-status",
      status: 400,
    });
    const odd = setup({ [`${HUB}/api/models`]: () => json({ error: "nope" }) });
    await expect(odd.client.listChildrenPage("x/y")).rejects.toMatchObject({
      name: "HubRequestError",
      reason: "invalid-body",
    });
  });

  it("builds URLs without a double slash from a hubUrl ending in one", async () => {
    const { fake, client } = setup({ [`${HUB}/api/models`]: () => json([]) }, `${HUB}/`);
    await client.listChildrenPage("x/y");
    expect(fake.calls[0].url.href.startsWith(`${HUB}/api/models?`)).toBe(true);
  });
});

describe("sweepPage and listNewestPage", () => {
  it("list every model newest first, the sweep 1,000 a page (the Hub's most), with the same fields", async () => {
    const { fake, client } = setup({ [`${HUB}/api/models`]: () => json([{ id: "new/one" }]) });
    const page = await client.sweepPage();
    const { searchParams } = fake.calls[0].url;
    expect(searchParams.get("sort")).toBe("createdAt");
    expect(searchParams.get("direction")).toBe("-1");
    expect(searchParams.get("limit")).toBe(String(SWEEP_PAGE_LIMIT));
    expect(SWEEP_PAGE_LIMIT).toBe(1000);
    expect(searchParams.has("filter")).toBe(false);
    expect(searchParams.getAll("expand").sort()).toEqual([...NEEDED].sort());
    expect(page.records).toEqual([{ id: "new/one" }]);
  });

  it("keep the JSON bytes hub-fetch parsed when every item is a record, for the sweep to stage as served", async () => {
    const served = '[{"id":"new/one","likes":1e400},{"id":"new/two"}]';
    const fake = createRouteFetch({
      [`${HUB}/api/models`]: [
        () => new Response(served, { headers: { "content-type": "application/json" } }),
        () => json([{ id: "new/one" }, "junk"]),
      ],
    });
    const { client } = setupThroughHubFetch(fake, createFakeClock());
    const page = await client.sweepPage();
    expect(new TextDecoder().decode(page.json)).toBe(served);
    expect(page.records.map((record) => record.id)).toEqual(["new/one", "new/two"]);
    const withJunk = await client.sweepPage();
    expect(withJunk.dropped).toBe(1);
    expect(withJunk.json).toBeUndefined();
    // Through a plain fetch nothing kept the bytes: the sweep writes the records out instead.
    expect(
      (await setup({ [`${HUB}/api/models`]: () => json([{ id: "a/b" }]) }).client.sweepPage()).json,
    ).toBeUndefined();
  });

  it("let the watcher ask for a smaller page, never a larger one", async () => {
    const { fake, client } = setup({ [`${HUB}/api/models`]: () => json([]) });
    await client.listNewestPage({ limit: 50 });
    await client.listNewestPage({ limit: 10_000 });
    await client.listNewestPage();
    expect(fake.calls.map((call) => call.url.searchParams.get("limit"))).toEqual(["50", "1000", "500"]);
  });

  it("list the most recently modified first, with the same fields, for the watcher's changes listing", async () => {
    const { fake, client } = setup({ [`${HUB}/api/models`]: () => json([{ id: "edited/one" }]) });
    const page = await client.listRecentlyModifiedPage({ limit: 20 });
    const { searchParams } = fake.calls[0].url;
    expect(searchParams.get("sort")).toBe("lastModified");
    expect(searchParams.get("direction")).toBe("-1");
    expect(searchParams.get("limit")).toBe("20");
    expect(searchParams.getAll("expand").sort()).toEqual([...NEEDED].sort());
    expect(page.records).toEqual([{ id: "edited/one" }]);
  });
});

describe("countModels", () => {
  it("reads the Hub's size from X-Total-Count of a one-record newest-first listing", async () => {
    const { fake, client } = setup({
      [`${HUB}/api/models`]: () => json([{ id: "new/one" }], { headers: { "x-total-count": "2512345" } }),
    });
    expect(await client.countModels()).toBe(2_512_345);
    const { searchParams } = fake.calls[0].url;
    expect(searchParams.get("limit")).toBe("1");
    expect(searchParams.get("sort")).toBe("createdAt");
  });

  it("is null when the Hub does not say", async () => {
    const { client } = setup({ [`${HUB}/api/models`]: () => json([{ id: "new/one" }]) });
    expect(await client.countModels()).toBeNull();
  });

  it("reads pages' X-Total-Count too, and only whole numbers", async () => {
    const { client } = setup({
      [`${HUB}/api/models`]: () => json([], { headers: { "x-total-count": "1000" } }),
    });
    expect((await client.sweepPage()).total).toBe(1000);
    expect(["12", " 7 ", "", "-1", "1.5", "1e6", "abc"].map(readTotalCount)).toEqual([
      12,
      7,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(readTotalCount(null)).toBeNull();
  });
});

describe("getModelRecord", () => {
  // The single-model route modelInfo sends to (revision HEAD).
  const recordUrl = (id: string) => `${HUB}/api/models/${id}/revision/HEAD`;
  const QWEN = {
    _id: "66e9b7a5c2d4b8f1a0e3d2c1",
    id: "Qwen/Qwen2.5-72B",
    author: "Qwen",
    cardData: { base_model: ["x/y"], license: "other" },
    createdAt: "2024-09-15T12:00:00.000Z",
    downloads: 12345,
    gated: false,
    lastModified: "2024-09-25T14:32:57.000Z",
    library_name: "transformers",
    likes: 678,
    pipeline_tag: "text-generation",
    private: false,
    sha: "abc123",
    tags: ["base_model:x/y", "base_model:finetune:x/y", "license:other"],
    childrenModelCount: 1234,
  };

  it("asks modelInfo's route, in one request, for the parsers' fields and childrenModelCount, each once", async () => {
    const { fake, client } = setup({ [recordUrl("Qwen/Qwen2.5-72B")]: () => json(QWEN) });
    const result = await client.getModelRecord("Qwen/Qwen2.5-72B");
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0].url.searchParams.getAll("expand").sort()).toEqual([...NEEDED, "childrenModelCount"].sort());
    expect(result).toEqual({ record: QWEN, childrenCount: 1234 });
  });

  it("gives the wire record back as sent: repo id as `id`, Mongo id as `_id`, lastModified and pipeline_tag as strings", async () => {
    const { client } = setup({ [recordUrl("Qwen/Qwen2.5-72B")]: () => json(QWEN) });
    const { record } = (await client.getModelRecord("Qwen/Qwen2.5-72B"))!;
    expect(Object.keys(record).sort()).toEqual(Object.keys(QWEN).sort());
    expect(record).toMatchObject({
      _id: QWEN._id,
      id: QWEN.id,
      lastModified: QWEN.lastModified,
      pipeline_tag: QWEN.pipeline_tag,
    });
  });

  it("keeps only the properties asked for when the server sends more", async () => {
    const { client } = setup({
      [recordUrl("Qwen/Qwen2.5-72B")]: () => json({ ...QWEN, siblings: [{ rfilename: "README.md" }], spaces: ["s/x"] }),
    });
    expect((await client.getModelRecord("Qwen/Qwen2.5-72B"))?.record).toEqual(QWEN);
  });

  it("leaves lastModified out when the server sends none, null or an unreadable one", async () => {
    const { lastModified: _, ...withoutDate } = QWEN;
    const { client } = setup({
      [recordUrl("a/none")]: () => json({ ...withoutDate, id: "a/none" }),
      [recordUrl("a/null")]: () => json({ ...withoutDate, id: "a/null", lastModified: null }),
      [recordUrl("a/junk")]: () => json({ ...withoutDate, id: "a/junk", lastModified: "yesterday-ish" }),
    });
    for (const id of ["a/none", "a/null", "a/junk"]) {
      const result = await client.getModelRecord(id);
      expect(result?.record).toEqual({ ...withoutDate, id });
      expect(result?.record).not.toHaveProperty("lastModified");
    }
  });

  it("sums childrenModelCount given per relation, and says null when it is missing", async () => {
    const { client } = setup({
      [recordUrl("a/b")]: () => json({ id: "a/b", childrenModelCount: { finetune: 10, adapter: 5, quantized: 2 } }),
      [recordUrl("c/d")]: () => json({ id: "c/d" }),
    });
    expect((await client.getModelRecord("a/b"))?.childrenCount).toBe(17);
    expect((await client.getModelRecord("c/d"))?.childrenCount).toBeNull();
  });

  it("gives null for an id the Hub does not know (404, or 401 RepoNotFound to anonymous callers)", async () => {
    const { client } = setup({
      [recordUrl("gone/one")]: () => status(404),
      [recordUrl("never/was")]: () =>
        json({ error: "Repository not found" }, { status: 401, headers: { "x-error-code": "RepoNotFound" } }),
    });
    expect(await client.getModelRecord("gone/one")).toBeNull();
    expect(await client.getModelRecord("never/was")).toBeNull();
  });

  it("throws a typed error for a refusal that is not absence, even when its JSON body does not parse", async () => {
    const { client } = setup({
      [recordUrl("a/b")]: () => status(401),
      [recordUrl("c/d")]: () =>
        new Response("{trunc", { status: 403, headers: { "content-type": "application/json" } }),
    });
    const error = await client.getModelRecord("a/b").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRequestError);
    expect(error).toMatchObject({
      reason: "http-status",
      status: 401,
      url: expect.stringContaining("/api/models/a/b/revision/HEAD?"),
    });
    await expect(client.getModelRecord("c/d")).rejects.toMatchObject({
      name: "HubRequestError",
      reason: "http-status",
      status: 403,
    });
  });

  it("throws a typed error for a record without a string id", async () => {
    const { client } = setup({ [recordUrl("a/b")]: () => json({ _id: "1", tags: [] }) });
    await expect(client.getModelRecord("a/b")).rejects.toMatchObject({
      name: "HubRequestError",
      reason: "invalid-body",
    });
  });

  it("reports a 307 rename through hub-fetch, and not a mere difference of case", async () => {
    const clock = createFakeClock();
    const fake = createRouteFetch({
      [recordUrl("bert-base-uncased")]: (call) =>
        status(307, { location: `/api/models/google-bert/bert-base-uncased/revision/HEAD${call.url.search}` }),
      [recordUrl("google-bert/bert-base-uncased")]: () => json({ id: "google-bert/bert-base-uncased" }),
      [recordUrl("Google-Bert/BERT-base-uncased")]: () => json({ id: "google-bert/bert-base-uncased" }),
    });
    const { hub, client } = setupThroughHubFetch(fake, clock);
    const renamed = await clock.run(client.getModelRecord("bert-base-uncased"));
    expect(renamed).toMatchObject({
      record: { id: "google-bert/bert-base-uncased" },
      renamedFrom: "bert-base-uncased",
    });
    expect(fake.calls[1].url.searchParams.getAll("expand")).toContain("childrenModelCount");
    expect(hub.counters()).toMatchObject({ apiRequests: 2, redirects: 1 });

    const sameName = await clock.run(client.getModelRecord("Google-Bert/BERT-base-uncased"));
    expect(sameName).not.toHaveProperty("renamedFrom");
  });
});

describe("fetchCard", () => {
  // The cap is the card parser's: a text of MAX_CARD_BYTES + 1 bytes is refused there as too large.
  it("reads README.md with one /resolve/ request", async () => {
    const clock = createFakeClock();
    const fake = createRouteFetch({
      [`${HUB}/a/b/resolve/main/README.md`]: () => new Response("---\nbase_model: x/y\n---\n# A"),
    });
    const { hub, client } = setupThroughHubFetch(fake, clock);
    expect(await clock.run(client.fetchCard("a/b"))).toBe("---\nbase_model: x/y\n---\n# A");
    expect(hub.counters()).toMatchObject({ requests: 1, resolveRequests: 1, apiRequests: 0 });
  });

  it("reads at most the card-size cap plus one byte of a huge README, and stops the download there", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const { client } = setup({ [`${HUB}/big/card/resolve/main/README.md`]: () => new Response(endless) });
    const text = await client.fetchCard("big/card");
    expect(text).toHaveLength(MAX_CARD_BYTES + 1);
    expect(pulled).toBeLessThan(MAX_CARD_BYTES + 4 * chunk.byteLength);
  });

  it("gives null when the repo or the file does not exist", async () => {
    const { client } = setup({
      [`${HUB}/no/readme/resolve/main/README.md`]: () => status(404, { "x-error-code": "EntryNotFound" }),
      [`${HUB}/no/repo/resolve/main/README.md`]: () => status(401, { "x-error-code": "RepoNotFound" }),
    });
    expect(await client.fetchCard("no/readme")).toBeNull();
    expect(await client.fetchCard("no/repo")).toBeNull();
  });

  it("throws a typed error for any other refusal", async () => {
    const { client } = setup({
      [`${HUB}/a/b/resolve/main/README.md`]: () => status(403, { "x-error-code": "GatedRepo" }),
    });
    await expect(client.fetchCard("a/b")).rejects.toMatchObject({
      name: "HubRequestError",
      reason: "http-status",
      status: 403,
    });
  });
});
