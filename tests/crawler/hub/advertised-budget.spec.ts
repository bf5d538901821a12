// AdvertisedBudget through createHubFetch, on a virtual clock against the replay's fixed-window counter: the pace
// follows the advertised quota, 429s stay at most one per window, a tier change is followed, and a Hub that
// advertises nothing is paced by the documented default.
import { AdvertisedBudget, parseRateLimitPolicy } from "../../../crawler/hub/advertised-budget";
import { createHubFetch, HubRequestError, type HubFetchEvent } from "../../../crawler/hub/hub-fetch";
import { RateBudget as ReplayBudget, type BucketBudget } from "../../../replay/rate-budget";
import { createFakeClock, createRouteFetch, HUB, json, status, type FakeClock } from "../../helpers/hub-fakes";

const ROUTE = `${HUB}/api/models`;
const CARD = `${HUB}/a/b/resolve/main/README.md`;
const LATENCY_MS = 7;

/** A Hub whose buckets count in fixed windows from `t0`; `budgets` may change the quota from a window on. */
function fixedWindowHub(clock: FakeClock, api: (window: number) => BucketBudget, resolvers?: BucketBudget) {
  const t0 = clock.now();
  const answered: { at: number; bucket: string; ok: boolean }[] = [];
  let current: { budget: BucketBudget; counter: ReplayBudget } | null = null;
  const apiCounter = () => {
    const window = Math.floor((clock.now() - t0) / (api(0).windowSeconds * 1000));
    const budget = api(window);
    if (!current || current.budget !== budget) {
      // A new tier: the count restarts in the same window grid (the replay's windows are aligned on t0).
      current = { budget, counter: new ReplayBudget("api", budget, t0, "never") };
    }
    return current.counter;
  };
  const cards = resolvers ? new ReplayBudget("resolvers", resolvers, t0, "never") : null;
  const serve = (bucket: string, counter: ReplayBudget) => async () => {
    await clock.sleep(LATENCY_MS);
    const verdict = counter.take(clock.now());
    answered.push({ at: clock.now(), bucket, ok: verdict.allowed });
    return verdict.allowed ? json([], { headers: verdict.headers }) : status(429, verdict.headers);
  };
  const routes = {
    [ROUTE]: (...args: []) => serve("api", apiCounter())(...args),
    ...(cards ? { [CARD]: serve("resolvers", cards) } : {}),
  };
  return { t0, answered, routes };
}

function connect(clock: FakeClock, routes: Parameters<typeof createRouteFetch>[0], concurrency = 6) {
  const fake = createRouteFetch(routes, clock.now);
  const events: HubFetchEvent[] = [];
  const hub = createHubFetch({
    fetch: fake.fetch,
    hubUrl: HUB,
    concurrency,
    timeoutMs: 10_000,
    maxRetries: 2,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
  });
  return { fake, hub, events };
}

/** Keeps `workers` requests going at `url` until the virtual clock passes `untilMs`. */
async function keepBusy(clock: FakeClock, fetcher: typeof fetch, url: string, untilMs: number, workers = 6) {
  const loop = async () => {
    while (clock.now() < untilMs) await (await fetcher(url)).arrayBuffer();
  };
  await Promise.all(Array.from({ length: workers }, loop));
}

function perWindow(
  answered: { at: number; bucket: string; ok: boolean }[],
  t0: number,
  windowMs: number,
  bucket: string,
) {
  const windows = new Map<number, { ok: number; refused: number }>();
  for (const a of answered.filter((x) => x.bucket === bucket)) {
    const w = Math.floor((a.at - t0) / windowMs);
    const entry = windows.get(w) ?? { ok: 0, refused: 0 };
    if (a.ok) entry.ok++;
    else entry.refused++;
    windows.set(w, entry);
  }
  return windows;
}

describe("AdvertisedBudget (through createHubFetch)", () => {
  it("not told, spends each advertised window of both buckets in full, with no 429 beyond the first of a window", async () => {
    const clock = createFakeClock();
    const api = { requests: 40, windowSeconds: 2 };
    const cards = { requests: 25, windowSeconds: 2 };
    const server = fixedWindowHub(clock, () => api, cards);
    const { hub } = connect(clock, server.routes);
    const end = server.t0 + 20_000;
    await clock.run(Promise.all([keepBusy(clock, hub.fetch, ROUTE, end), keepBusy(clock, hub.fetch, CARD, end)]));
    for (const [bucket, budget] of [
      ["api", api],
      ["resolvers", cards],
    ] as const) {
      const windows = perWindow(server.answered, server.t0, 2_000, bucket);
      for (const [w, { ok, refused }] of windows) {
        expect(refused).toBeLessThanOrEqual(1);
        expect(ok).toBeLessThanOrEqual(budget.requests);
        // Every window is spent in full, the probe's included (the last is cut short by `end`).
        if (w < 10) expect(ok).toBe(budget.requests);
      }
    }
    expect(hub.budgets()).toEqual([
      expect.objectContaining({ bucket: "api", source: "advertised", limit: 40, windowMs: 2_000 }),
      expect.objectContaining({ bucket: "resolvers", source: "advertised", limit: 25, windowMs: 2_000 }),
    ]);
  });

  it("follows a token tier change between windows, up and down", async () => {
    const clock = createFakeClock();
    const tiers = [
      { requests: 30, windowSeconds: 5 },
      { requests: 90, windowSeconds: 5 },
      { requests: 10, windowSeconds: 5 },
    ];
    const server = fixedWindowHub(clock, (w) => (w < 3 ? tiers[0] : w < 6 ? tiers[1] : tiers[2]));
    const { hub } = connect(clock, server.routes);
    await clock.run(keepBusy(clock, hub.fetch, ROUTE, server.t0 + 45_000));
    const windows = perWindow(server.answered, server.t0, 5_000, "api");
    expect(windows.get(2)?.ok).toBe(30);
    expect(windows.get(4)?.ok).toBe(90);
    expect(windows.get(5)?.ok).toBe(90);
    expect(windows.get(7)?.ok).toBe(10);
    for (const { refused } of windows.values()) expect(refused).toBeLessThanOrEqual(1);
  });

  it("sends one request alone until an answer says the budget", async () => {
    const clock = createFakeClock();
    const server = fixedWindowHub(clock, () => ({ requests: 100, windowSeconds: 60 }));
    const { hub, fake } = connect(clock, server.routes);
    await clock.run(Promise.all(Array.from({ length: 4 }, () => hub.fetch(ROUTE))));
    const starts = fake.calls.map((call) => call.at - server.t0);
    expect(starts).toEqual([0, LATENCY_MS, LATENCY_MS, LATENCY_MS]);
  });

  it("paces a Hub that advertises nothing to the documented default (500 per 300 s)", async () => {
    const clock = createFakeClock();
    const { hub, fake } = connect(clock, { [ROUTE]: () => json([]) });
    await clock.run(Promise.all(Array.from({ length: 501 }, () => hub.fetch(ROUTE))));
    const starts = fake.calls.map((call) => call.at - fake.calls[0].at);
    expect(starts[499]).toBeLessThan(1_000);
    expect(starts[500]).toBeGreaterThanOrEqual(300_000);
    expect(hub.budgets()[0]).toMatchObject({ source: "default", limit: 500, windowMs: 300_000, requests: 501 });
  });

  it("announces a wait for the window's end", async () => {
    const clock = createFakeClock();
    const server = fixedWindowHub(clock, () => ({ requests: 5, windowSeconds: 60 }));
    const { hub, events } = connect(clock, server.routes);
    await clock.run(Promise.all(Array.from({ length: 8 }, () => hub.fetch(ROUTE))));
    const wait = events.find((e) => e.type === "budget-wait");
    expect(wait).toMatchObject({ bucket: "api", limit: 5, windowMs: 60_000 });
    expect(wait?.type === "budget-wait" && wait.untilMs - server.t0).toBeGreaterThanOrEqual(60_000);
    expect(wait?.type === "budget-wait" && wait.untilMs - server.t0).toBeLessThan(61_000);
  });
});

describe("AdvertisedBudget's count of a window", () => {
  it("gives back a request subtracted in flight once an answer shows the server had counted it", async () => {
    let now = 0;
    const sleeps: number[] = [];
    const budget = new AdvertisedBudget({
      fallback: { limit: 500, windowMs: 300_000 },
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    const policy = { limit: 10, windowMs: 10_000 };
    const probe = await budget.acquire();
    budget.observe(probe, { remaining: 9, resetSeconds: 10 }, policy, now);
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(await budget.acquire());
    // The server counts the first ticket last (r: 8, 7, 6, 5 for the others, 4 for it), and its answer comes first.
    const [first, ...others] = tickets;
    budget.observe(first, { remaining: 4, resetSeconds: 10 }, policy, now);
    others.forEach((ticket, i) => budget.observe(ticket, { remaining: 8 - i, resetSeconds: 10 }, policy, now));
    expect(budget.window()?.left).toBe(4);
    for (let i = 0; i < 4; i++) await budget.acquire();
    expect(sleeps).toEqual([]);
    expect(budget.window()?.left).toBe(0);
  });
});

describe("a long Retry-After", () => {
  it("stops with a typed error naming the time the Hub gave, past the one-hour cap", async () => {
    const clock = createFakeClock();
    const { hub, fake } = connect(clock, { [ROUTE]: () => status(429, { "retry-after": "86400" }) });
    const error = await clock.run(hub.fetch(ROUTE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRequestError);
    expect(error).toMatchObject({ reason: "rate-limited", status: 429 });
    expect((error as Error).message).toContain(new Date(clock.now() + 86_400_000).toISOString().slice(0, 13));
    expect(fake.calls).toHaveLength(1);
  });

  it("announces a wait within the cap with its end time", async () => {
    const clock = createFakeClock();
    const { hub, events } = connect(clock, {
      [ROUTE]: [() => status(429, { "retry-after": "1800" }), () => json([])],
    });
    const start = clock.now();
    expect((await clock.run(hub.fetch(ROUTE))).status).toBe(200);
    expect(events).toContainEqual(
      expect.objectContaining({ type: "rate-limited", waitMs: 1_800_000, untilMs: start + 1_800_000 }),
    );
  });
});

describe("parseRateLimitPolicy", () => {
  it("reads the Hub's form, with or without a policy name, and the IETF draft's", () => {
    expect(parseRateLimitPolicy('"fixed window";"api";q=500;w=300')).toEqual({ limit: 500, windowMs: 300_000 });
    expect(parseRateLimitPolicy('"resolvers";q=3000;w=300')).toEqual({ limit: 3000, windowMs: 300_000 });
    expect(parseRateLimitPolicy("quota=100, window=10")).toEqual({ limit: 100, windowMs: 10_000 });
  });

  it("gives null for an absent, partial or zero policy", () => {
    expect(parseRateLimitPolicy(null)).toBeNull();
    expect(parseRateLimitPolicy('"api";q=500')).toBeNull();
    expect(parseRateLimitPolicy('"api";q=0;w=300')).toBeNull();
  });
});
