// createHubFetch: 429 waits, retries, timeouts, the token, redirects, budget and concurrency; parseRateLimit.
import { listModels } from "@huggingface/hub";
import {
  createHubFetch,
  HubRequestError,
  parseRateLimit,
  parseRetryAfter,
  type HubFetchEvent,
  type HubFetchOptions,
} from "../../../crawler/hub/hub-fetch";
import {
  createFakeClock,
  createRouteFetch,
  hang,
  HUB,
  json,
  status,
  type FakeClock,
  type FakeHandler,
} from "../../helpers/hub-fakes";
import { seededRandom } from "../../helpers/test-seed";

const TOKEN = "hf_secretTestToken123";
const OK: FakeHandler = () => json([]);

type Routes = Record<string, FakeHandler | FakeHandler[]>;

function setup(routes: Routes | ((clock: FakeClock) => Routes), overrides: Partial<HubFetchOptions> = {}) {
  const clock = createFakeClock();
  const fake = createRouteFetch(typeof routes === "function" ? routes(clock) : routes, clock.now);
  const events: HubFetchEvent[] = [];
  const hub = createHubFetch({
    fetch: fake.fetch,
    hubUrl: HUB,
    token: TOKEN,
    rate: { limit: 1000, windowMs: 300_000 },
    concurrency: 4,
    timeoutMs: 10_000,
    maxRetries: 3,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  const get = (url: string, init?: RequestInit) => clock.run(hub.fetch(url, init));
  const gap = (i: number) => fake.calls[i + 1].at - fake.calls[i].at;
  return { clock, fake, hub, events, get, gap };
}

describe("createHubFetch", () => {
  it("answers like fetch, asks for manual redirects and counts the request", async () => {
    const { get, fake, hub } = setup({ [`${HUB}/api/models`]: () => json([{ id: "a/b" }]) });
    const res = await get(`${HUB}/api/models?limit=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ id: "a/b" }]);
    expect(res.url).toBe(`${HUB}/api/models?limit=1`);
    expect(fake.calls[0].redirect).toBe("manual");
    expect(hub.counters()).toMatchObject({ requests: 1, apiRequests: 1, resolveRequests: 0, retries: 0 });
  });

  it("returns a 404 as a response, without retrying", async () => {
    const { get, fake } = setup({ [`${HUB}/api/models/x/y`]: () => status(404, { "x-error-code": "RepoNotFound" }) });
    expect((await get(`${HUB}/api/models/x/y`)).status).toBe(404);
    expect(fake.calls).toHaveLength(1);
  });

  describe("on 429", () => {
    const route = `${HUB}/api/models`;

    it("waits the reset time of a RateLimit header, then retries", async () => {
      const { get, gap, hub, events } = setup({ [route]: [() => status(429, { ratelimit: '"api";r=0;t=42' }), OK] });
      expect((await get(route)).status).toBe(200);
      expect(gap(0)).toBeGreaterThanOrEqual(42_000);
      expect(gap(0)).toBeLessThan(43_000);
      expect(hub.counters()).toMatchObject({ requests: 2, rateLimited: 1, retries: 1 });
      expect(events).toContainEqual(
        expect.objectContaining({ type: "rate-limited", source: "ratelimit", waitMs: 42_000 }),
      );
    });

    it("waits Retry-After given in seconds", async () => {
      const { get, gap, events } = setup({ [route]: [() => status(429, { "retry-after": "7" }), OK] });
      expect((await get(route)).status).toBe(200);
      expect(gap(0)).toBeGreaterThanOrEqual(7_000);
      expect(gap(0)).toBeLessThan(8_000);
      expect(events).toContainEqual(expect.objectContaining({ type: "rate-limited", source: "retry-after" }));
    });

    it("waits Retry-After given as an HTTP-date", async () => {
      const clockStart = createFakeClock().now();
      const date = new Date(clockStart + 30_000).toUTCString();
      const { get, gap } = setup({ [route]: [() => status(429, { "retry-after": date }), OK] });
      expect((await get(route)).status).toBe(200);
      expect(gap(0)).toBeGreaterThanOrEqual(29_000);
      expect(gap(0)).toBeLessThanOrEqual(31_000);
    });

    it("backs off when the 429 carries neither header", async () => {
      const { get, gap, events } = setup({ [route]: [() => status(429), () => status(429), OK] });
      expect((await get(route)).status).toBe(200);
      expect(gap(0)).toBeGreaterThan(0);
      expect(gap(1)).toBeGreaterThan(gap(0));
      expect(gap(1)).toBeLessThanOrEqual(300_000);
      expect(events.filter((e) => e.type === "rate-limited" && e.source === "backoff")).toHaveLength(2);
    });

    it("holds back every request of the bucket, not only the refused one", async () => {
      const { clock, fake, hub } = setup({
        [route]: [() => status(429, { "retry-after": "60" }), OK],
        [`${HUB}/api/other`]: OK,
      });
      const start = clock.now();
      const later = clock.sleep(1).then(() => hub.fetch(`${HUB}/api/other`));
      await clock.run(Promise.all([hub.fetch(route), later]));
      const other = fake.calls.find((call) => call.url.pathname === "/api/other")!;
      expect(other.at - start).toBeGreaterThanOrEqual(60_000);
    });

    it("does not spend maxRetries, but gives up on a server that answers 429 forever", async () => {
      const ok = setup({ [route]: [() => status(429, { "retry-after": "1" }), OK] }, { maxRetries: 0 });
      expect((await ok.get(route)).status).toBe(200);

      const stuck = setup({ [route]: () => status(429, { "retry-after": "1" }) });
      const error = await stuck.get(route).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubRequestError);
      expect(error).toMatchObject({ reason: "rate-limited", status: 429 });
      expect(stuck.fake.calls.length).toBeGreaterThan(2);
    });
  });

  describe("on 5xx and network errors", () => {
    const route = `${HUB}/api/models`;

    it("retries a 5xx with growing waits, then returns the success", async () => {
      const { get, gap, hub, events } = setup({ [route]: [() => status(503), () => status(502), OK] });
      expect((await get(route)).status).toBe(200);
      expect(gap(1)).toBeGreaterThan(gap(0));
      expect(hub.counters()).toMatchObject({ requests: 3, serverErrors: 2, retries: 2 });
      expect(events.filter((e) => e.type === "retry").map((e) => e.type === "retry" && e.status)).toEqual([503, 502]);
    });

    it("caps the backoff", async () => {
      const { get, events } = setup(
        { [route]: [...Array<FakeHandler>(12).fill(() => status(500)), OK] },
        { maxRetries: 12 },
      );
      expect((await get(route)).status).toBe(200);
      const waits = events.flatMap((e) => (e.type === "retry" ? [e.waitMs] : []));
      expect(waits).toHaveLength(12);
      for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]);
      expect(waits[11]).toBe(waits[10]);
      expect(Math.max(...waits)).toBeLessThanOrEqual(60_000);
    });

    it("jitters the backoff with the injected random source", async () => {
      const firstWait = async (random: () => number) => {
        const { get, events } = setup({ [route]: [() => status(500), OK] }, { random });
        await get(route);
        return events.find((e) => e.type === "retry")!;
      };
      const low = await firstWait(() => 0);
      const high = await firstWait(() => 0.99);
      expect(low.type === "retry" && high.type === "retry" && low.waitMs < high.waitMs).toBe(true);
    });

    it("honours a 5xx's Retry-After as the least wait", async () => {
      const { get, gap } = setup({ [route]: [() => status(503, { "retry-after": "20" }), OK] });
      await get(route);
      expect(gap(0)).toBeGreaterThanOrEqual(20_000);
    });

    it("throws a typed error once retries are exhausted", async () => {
      const { get, fake } = setup({ [route]: () => status(503) });
      const error = await get(`${route}?limit=5`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubRequestError);
      expect(error).toMatchObject({ reason: "server-error", status: 503, attempts: 4, url: `${route}?limit=5` });
      expect(fake.calls).toHaveLength(4);
    });

    it("retries a network error", async () => {
      const fail: FakeHandler = () => {
        throw new TypeError("fetch failed");
      };
      const { get, hub } = setup({ [route]: [fail, OK] });
      expect((await get(route)).status).toBe(200);
      expect(hub.counters()).toMatchObject({ networkErrors: 1, retries: 1 });
    });

    it("retries a JSON body cut short", async () => {
      const truncated: FakeHandler = () =>
        new Response('[{"id":"a/', { headers: { "content-type": "application/json" } });
      const { get, hub } = setup({ [route]: [truncated, () => json([{ id: "a/b" }])] });
      expect(await (await get(route)).json()).toEqual([{ id: "a/b" }]);
      expect(hub.counters()).toMatchObject({ invalidBodies: 1, retries: 1 });
    });
  });

  describe("timeouts", () => {
    const route = `${HUB}/api/models`;

    it("aborts a hung request after timeoutMs and retries it", async () => {
      const { get, gap, fake, hub } = setup({ [route]: [hang, OK] });
      expect((await get(route)).status).toBe(200);
      expect(gap(0)).toBeGreaterThanOrEqual(10_000);
      expect(fake.calls[0].signal?.aborted).toBe(true);
      expect(hub.counters()).toMatchObject({ timeouts: 1, retries: 1 });
    });

    it("times out even a fetch that ignores its signal", async () => {
      const deaf: FakeHandler = () => new Promise<Response>(() => undefined);
      const { get } = setup({ [route]: [deaf, OK] });
      expect((await get(route)).status).toBe(200);
    });

    it("throws a typed timeout error when every attempt hangs", async () => {
      const { get } = setup({ [route]: hang }, { maxRetries: 1 });
      await expect(get(route)).rejects.toMatchObject({
        name: "HubRequestError",
        reason: "timeout",
        status: null,
        attempts: 2,
      });
    });

    it("stops at once, without retrying, when the caller aborts", async () => {
      const { clock, fake, hub } = setup({ [route]: hang });
      const controller = new AbortController();
      void clock.sleep(5).then(() => controller.abort());
      await expect(clock.run(hub.fetch(route, { signal: controller.signal }))).rejects.toMatchObject({
        name: "AbortError",
      });
      expect(fake.calls).toHaveLength(1);
      expect(hub.counters().retries).toBe(0);
    });
  });

  describe("the token", () => {
    it("is sent as a Bearer token to the Hub's origin", async () => {
      const { get, fake } = setup({ [`${HUB}/api/models`]: OK });
      await get(`${HUB}/api/models`);
      expect(fake.calls[0].headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    });

    it("is not sent to another host, nor over plain http to the Hub's hostname, and a caller's is dropped", async () => {
      const { get, fake } = setup({ "https://other.invalid/x": OK, "http://example.invalid/x": OK });
      await get("https://other.invalid/x", { headers: { Authorization: "Bearer hf_fromCaller" } });
      await get("http://example.invalid/x");
      expect(fake.calls.map((call) => call.headers.get("authorization"))).toEqual([null, null]);
    });

    it("is not carried across a redirect to another host", async () => {
      const { get, fake, events, hub } = setup({
        [`${HUB}/a/b/resolve/main/README.md`]: () => status(302, { location: "https://cdn.invalid/blob/123" }),
        "https://cdn.invalid/blob/123": () => new Response("# card"),
      });
      const res = await get(`${HUB}/a/b/resolve/main/README.md`);
      expect(await res.text()).toBe("# card");
      expect(fake.calls.map((call) => [call.url.host, call.headers.get("authorization")])).toEqual([
        ["example.invalid", `Bearer ${TOKEN}`],
        ["cdn.invalid", null],
      ]);
      expect(events).toContainEqual(expect.objectContaining({ type: "redirect", crossOrigin: true, status: 302 }));
      expect(hub.counters()).toMatchObject({ requests: 2, resolveRequests: 1, apiRequests: 0 });
    });

    it("is sent nowhere when none is configured", async () => {
      const { get, fake } = setup({ [`${HUB}/api/models`]: OK }, { token: null });
      await get(`${HUB}/api/models`);
      expect(fake.calls[0].headers.has("authorization")).toBe(false);
    });

    it("never shows in errors or events, even when the failure echoes the request", async () => {
      const echo: FakeHandler = (call) => {
        throw new Error(`connect failed for ${call.url.href} with ${call.headers.get("authorization")}`);
      };
      const { get, events } = setup({ [`${HUB}/api/models`]: echo });
      const error = (await get(`${HUB}/api/models`).catch((e: unknown) => e)) as HubRequestError;
      expect(error).toBeInstanceOf(HubRequestError);
      expect(error.reason).toBe("network");
      expect(error.message).toContain("connect failed");
      expect(`${error.message} ${error.stack} ${error.url} ${JSON.stringify(events)}`).not.toContain(TOKEN);
    });
  });

  describe("redirects", () => {
    it("follows a same-host 307 to the new name, with the token, and reports it", async () => {
      const { get, fake, events, hub } = setup({
        [`${HUB}/api/models/bert-base-uncased`]: () =>
          status(307, { location: "/api/models/google-bert/bert-base-uncased" }),
        [`${HUB}/api/models/google-bert/bert-base-uncased`]: () => json({ id: "google-bert/bert-base-uncased" }),
      });
      const res = await get(`${HUB}/api/models/bert-base-uncased`);
      expect(await res.json()).toEqual({ id: "google-bert/bert-base-uncased" });
      expect(res.url).toBe(`${HUB}/api/models/google-bert/bert-base-uncased`);
      expect(res.redirected).toBe(true);
      expect(fake.calls[1].headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
      expect(events).toContainEqual({
        type: "redirect",
        from: `${HUB}/api/models/bert-base-uncased`,
        to: `${HUB}/api/models/google-bert/bert-base-uncased`,
        status: 307,
        crossOrigin: false,
      });
      expect(hub.counters()).toMatchObject({ requests: 2, redirects: 1 });
    });

    it("stops a redirect loop with a typed error", async () => {
      const { get } = setup({
        [`${HUB}/a`]: () => status(308, { location: "/b" }),
        [`${HUB}/b`]: () => status(308, { location: "/a" }),
      });
      await expect(get(`${HUB}/a`)).rejects.toMatchObject({ name: "HubRequestError", reason: "too-many-redirects" });
    });
  });

  describe("budget and concurrency", () => {
    it("never starts more than the budget in any window, over many requests", async () => {
      // Seeded, so every run checks the same varied schedules (TEST_SEED tries others).
      const random = seededRandom("hub-fetch budget schedules", 42);
      for (const [limit, windowMs, concurrency, count] of [
        [10, 1_000, 4, 120],
        [20, 2_000, 8, 150],
        [3, 500, 2, 40],
      ]) {
        const { clock, fake, hub } = setup({ [`${HUB}/api/models`]: OK }, { rate: { limit, windowMs }, concurrency });
        const requests = Array.from({ length: count }, () =>
          clock.sleep(Math.floor(random() * windowMs * 3)).then(() => hub.fetch(`${HUB}/api/models`)),
        );
        await clock.run(Promise.all(requests));
        const starts = fake.calls.map((call) => call.at).sort((a, b) => a - b);
        expect(starts).toHaveLength(count);
        for (let i = 0; i + limit < starts.length; i++)
          expect(starts[i + limit] - starts[i]).toBeGreaterThanOrEqual(windowMs);
        // ...and it is a budget, not a brake: the whole run fits in the windows it needs plus the arrival spread.
        expect(starts[starts.length - 1] - starts[0]).toBeLessThanOrEqual(
          Math.ceil(count / limit) * windowMs + windowMs * 3,
        );
      }
    });

    it("keeps /resolve/ downloads on their own budget", async () => {
      const { clock, fake, hub } = setup(
        { [`${HUB}/api/models`]: OK, [`${HUB}/a/b/resolve/main/README.md`]: () => new Response("# card") },
        { rate: { limit: 2, windowMs: 60_000 }, resolveRate: { limit: 5, windowMs: 60_000 } },
      );
      const start = clock.now();
      await clock.run(
        Promise.all([
          ...Array.from({ length: 3 }, () => hub.fetch(`${HUB}/api/models`)),
          hub.fetch(`${HUB}/a/b/resolve/main/README.md`),
        ]),
      );
      const apiStarts = fake.calls.filter((call) => call.url.pathname === "/api/models").map((call) => call.at - start);
      const resolveStart = fake.calls.find((call) => call.url.pathname.includes("/resolve/"))!.at - start;
      expect(apiStarts.sort((a, b) => a - b)).toEqual([0, 0, 60_000]);
      expect(resolveStart).toBe(0);
      expect(hub.counters()).toMatchObject({ apiRequests: 3, resolveRequests: 1 });
    });

    it("slows down when a RateLimit header says few requests remain", async () => {
      const { get, gap } = setup({
        [`${HUB}/api/models`]: [() => json([], { headers: { ratelimit: '"api";r=2;t=10' } }), OK, OK],
      });
      for (let i = 0; i < 3; i++) await get(`${HUB}/api/models`);
      expect(gap(0)).toBeGreaterThanOrEqual(5_000);
      expect(gap(1)).toBeGreaterThanOrEqual(5_000);
    });

    it("waits for the reset when a RateLimit header says none remain", async () => {
      const { get, gap } = setup({
        [`${HUB}/api/models`]: [() => json([], { headers: { ratelimit: '"api";r=0;t=30' } }), OK],
      });
      await get(`${HUB}/api/models`);
      await get(`${HUB}/api/models`);
      expect(gap(0)).toBeGreaterThanOrEqual(30_000);
    });

    it("keeps at most `concurrency` requests in flight", async () => {
      let inFlight = 0;
      let most = 0;
      const { clock, fake, hub } = setup(
        (clock) => ({
          [`${HUB}/api/models`]: async () => {
            most = Math.max(most, ++inFlight);
            await clock.sleep(100);
            inFlight--;
            return json([]);
          },
        }),
        { concurrency: 3 },
      );
      await clock.run(Promise.all(Array.from({ length: 20 }, () => hub.fetch(`${HUB}/api/models`))));
      expect(fake.calls).toHaveLength(20);
      expect(most).toBe(3);
    });
  });

  it("serves @huggingface/hub's listModels, which alone would throw on the 429", async () => {
    const { clock, hub } = setup({
      [`${HUB}/api/models`]: [
        () => status(429, { "retry-after": "3" }),
        (call) =>
          call.url.searchParams.has("cursor")
            ? json([{ _id: "2", id: "c/d" }])
            : json([{ _id: "1", id: "a/b" }], { headers: { link: `<${HUB}/api/models?cursor=abc>; rel="next"` } }),
      ],
    });
    const names: string[] = [];
    const collect = async () => {
      for await (const model of listModels({ hubUrl: HUB, fetch: hub.fetch, search: { tags: ["base_model:a/b"] } }))
        names.push(model.name);
    };
    await clock.run(collect());
    expect(names).toEqual(["a/b", "c/d"]);
  });
});

describe("parseRateLimit", () => {
  it("reads the Hub's form and the IETF draft's", () => {
    expect(parseRateLimit('"api";r=12;t=250')).toEqual({ remaining: 12, resetSeconds: 250 });
    expect(parseRateLimit("limit=500, remaining=0, reset=42")).toEqual({ remaining: 0, resetSeconds: 42 });
  });

  it("gives null for an absent or unreadable header", () => {
    expect(parseRateLimit(null)).toBeNull();
    expect(parseRateLimit('"api";q=500')).toBeNull();
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2025, 0, 1);

  it("reads delay-seconds and HTTP-dates", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
  });

  it("never returns a negative wait, and null for nonsense", () => {
    expect(parseRetryAfter(new Date(now - 5_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
