import { createHubClient, PAGE_LIMIT } from "../../crawler/hub-client";
import { createHubFetch, HubRequestError } from "../../crawler/hub-fetch";
import { createFakeClock, createRouteFetch, HUB, json, status, type FakeHandler } from "./hub-fakes";

// What the record parsers read; with `expand` the Hub returns nothing else, so each must be asked for.
const NEEDED = ["author", "cardData", "createdAt", "downloads", "gated", "lastModified", "library_name", "likes", "pipeline_tag", "private", "sha", "tags"];

function setup(routes: Record<string, FakeHandler | FakeHandler[]>, hubUrl = HUB) {
  const fake = createRouteFetch(routes);
  return { fake, client: createHubClient({ fetch: fake.fetch, hubUrl }) };
}

describe("listChildrenPage", () => {
  it("asks for one page of base_model:<id>, 500 at a time, expanding every field the parsers read", async () => {
    const next = `${HUB}/api/models?filter=base_model%3AQwen%2FQwen2.5-72B&cursor=eyJ9`;
    const { fake, client } = setup({
      [`${HUB}/api/models`]: () => json([{ _id: "1", id: "a/ft" }, { _id: "2", id: "b/q" }], { headers: { link: `<${next}>; rel="next"` } }),
    });
    const page = await client.listChildrenPage("Qwen/Qwen2.5-72B");
    const { url, headers } = fake.calls[0];
    expect(url.pathname).toBe("/api/models");
    expect(url.searchParams.getAll("filter")).toEqual(["base_model:Qwen/Qwen2.5-72B"]);
    expect(url.searchParams.get("limit")).toBe(String(PAGE_LIMIT));
    expect(url.searchParams.getAll("expand").sort()).toEqual([...NEEDED].sort());
    expect(headers.get("accept")).toBe("application/json");
    expect(page).toEqual({ records: [{ _id: "1", id: "a/ft" }, { _id: "2", id: "b/q" }], nextUrl: next, dropped: 0 });
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
      [`${HUB}/api/models`]: () => json([{ id: "a/b" }, { name: "no id" }, "junk", null], { headers: { link: '</api/models?cursor=2>; rel="next"' } }),
    });
    const page = await client.listChildrenPage("x/y");
    expect(page.records).toEqual([{ id: "a/b" }]);
    expect(page.dropped).toBe(3);
    expect(page.nextUrl).toBe(`${HUB}/api/models?cursor=2`);
  });

  it("throws typed errors for a refused request and for a body that is not a listing", async () => {
    const refused = setup({ [`${HUB}/api/models`]: () => status(400) });
    await expect(refused.client.listChildrenPage("x/y")).rejects.toMatchObject({ name: "HubRequestError", reason: "http-status", status: 400 });
    const odd = setup({ [`${HUB}/api/models`]: () => json({ error: "nope" }) });
    await expect(odd.client.listChildrenPage("x/y")).rejects.toMatchObject({ name: "HubRequestError", reason: "invalid-body" });
  });

  it("builds URLs without a double slash from a hubUrl ending in one", async () => {
    const { fake, client } = setup({ [`${HUB}/api/models`]: () => json([]) }, `${HUB}/`);
    await client.listChildrenPage("x/y");
    expect(fake.calls[0].url.href.startsWith(`${HUB}/api/models?`)).toBe(true);
  });
});

describe("sweepPage and listNewestPage", () => {
  it("list every model newest first, 500 a page, with the same fields", async () => {
    const { fake, client } = setup({ [`${HUB}/api/models`]: () => json([{ id: "new/one" }]) });
    const page = await client.sweepPage();
    const { searchParams } = fake.calls[0].url;
    expect(searchParams.get("sort")).toBe("createdAt");
    expect(searchParams.get("direction")).toBe("-1");
    expect(searchParams.get("limit")).toBe("500");
    expect(searchParams.has("filter")).toBe(false);
    expect(searchParams.getAll("expand").sort()).toEqual([...NEEDED].sort());
    expect(page.records).toEqual([{ id: "new/one" }]);
  });

  it("let the watcher ask for a smaller page, never a larger one", async () => {
    const { fake, client } = setup({ [`${HUB}/api/models`]: () => json([]) });
    await client.listNewestPage({ limit: 50 });
    await client.listNewestPage({ limit: 10_000 });
    expect(fake.calls.map((call) => call.url.searchParams.get("limit"))).toEqual(["50", "500"]);
  });
});

describe("getModelRecord", () => {
  it("asks the single-model route for the parsers' fields and childrenModelCount", async () => {
    const { fake, client } = setup({
      [`${HUB}/api/models/Qwen/Qwen2.5-72B`]: () => json({ id: "Qwen/Qwen2.5-72B", tags: ["base_model:x/y"], childrenModelCount: 1234 }),
    });
    const result = await client.getModelRecord("Qwen/Qwen2.5-72B");
    expect(fake.calls[0].url.searchParams.getAll("expand").sort()).toEqual([...NEEDED, "childrenModelCount"].sort());
    expect(result).toEqual({ record: { id: "Qwen/Qwen2.5-72B", tags: ["base_model:x/y"], childrenModelCount: 1234 }, childrenCount: 1234 });
  });

  it("sums childrenModelCount given per relation, and says null when it is missing", async () => {
    const { client } = setup({
      [`${HUB}/api/models/a/b`]: () => json({ id: "a/b", childrenModelCount: { finetune: 10, adapter: 5, quantized: 2 } }),
      [`${HUB}/api/models/c/d`]: () => json({ id: "c/d" }),
    });
    expect((await client.getModelRecord("a/b"))?.childrenCount).toBe(17);
    expect((await client.getModelRecord("c/d"))?.childrenCount).toBeNull();
  });

  it("gives null for an id the Hub does not know (404, or 401 RepoNotFound to anonymous callers)", async () => {
    const { client } = setup({
      [`${HUB}/api/models/gone/one`]: () => status(404),
      [`${HUB}/api/models/never/was`]: () => status(401, { "x-error-code": "RepoNotFound" }),
    });
    expect(await client.getModelRecord("gone/one")).toBeNull();
    expect(await client.getModelRecord("never/was")).toBeNull();
  });

  it("throws a typed error for a refusal that is not absence", async () => {
    const { client } = setup({ [`${HUB}/api/models/a/b`]: () => status(401) });
    const error = await client.getModelRecord("a/b").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRequestError);
    expect(error).toMatchObject({ reason: "http-status", status: 401 });
  });

  it("reports a 307 rename through hub-fetch, and not a mere difference of case", async () => {
    const clock = createFakeClock();
    const fake = createRouteFetch({
      [`${HUB}/api/models/bert-base-uncased`]: (call) =>
        status(307, { location: `/api/models/google-bert/bert-base-uncased${call.url.search}` }),
      [`${HUB}/api/models/google-bert/bert-base-uncased`]: () => json({ id: "google-bert/bert-base-uncased" }),
      [`${HUB}/api/models/Google-Bert/BERT-base-uncased`]: () => json({ id: "google-bert/bert-base-uncased" }),
    });
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
    const client = createHubClient({ fetch: hub.fetch, hubUrl: HUB });
    const renamed = await clock.run(client.getModelRecord("bert-base-uncased"));
    expect(renamed).toMatchObject({ record: { id: "google-bert/bert-base-uncased" }, renamedFrom: "bert-base-uncased" });
    expect(fake.calls[1].url.searchParams.getAll("expand")).toContain("childrenModelCount");

    const sameName = await clock.run(client.getModelRecord("Google-Bert/BERT-base-uncased"));
    expect(sameName).not.toHaveProperty("renamedFrom");
  });
});

describe("fetchCard", () => {
  it("reads README.md with one /resolve/ request", async () => {
    const clock = createFakeClock();
    const fake = createRouteFetch({ [`${HUB}/a/b/resolve/main/README.md`]: () => new Response("---\nbase_model: x/y\n---\n# A") });
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
    const client = createHubClient({ fetch: hub.fetch, hubUrl: HUB });
    expect(await clock.run(client.fetchCard("a/b"))).toBe("---\nbase_model: x/y\n---\n# A");
    expect(hub.counters()).toMatchObject({ requests: 1, resolveRequests: 1, apiRequests: 0 });
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
    const { client } = setup({ [`${HUB}/a/b/resolve/main/README.md`]: () => status(403, { "x-error-code": "GatedRepo" }) });
    await expect(client.fetchCard("a/b")).rejects.toMatchObject({ name: "HubRequestError", reason: "http-status", status: 403 });
  });
});
