// The walk-vs-sweep plan: request costs of each, the cheaper chosen (or the one asked for), and the switch mid-walk.
import {
  describeHub,
  listingPages,
  planCrawl,
  planWholeHub,
  replanWalk,
  sweepRequests,
  walkLowerBound,
} from "../../crawler/plan-crawl";
import { planTopUp, reachesWatermark } from "../../crawler/top-up";

describe("walkLowerBound", () => {
  it("counts each seed's listing pages and one listing per direct child", () => {
    expect(walkLowerBound([{ id: "a/b", childrenCount: 0 }])).toBe(1);
    expect(walkLowerBound([{ id: "a/b", childrenCount: 500 }])).toBe(501);
    expect(
      walkLowerBound([
        { id: "a/b", childrenCount: 501 },
        { id: "c/d", childrenCount: null },
      ]),
    ).toBe(2 + 501 + 1);
  });
});

describe("sweepRequests", () => {
  it("is one request per page of 1,000 (the most the Hub serves a page), at least one", () => {
    expect([0, 1, 1000, 1001, 2_000_000].map((n) => sweepRequests(n))).toEqual([1, 1, 1, 2, 2000]);
  });

  it("counts pages of the size the Hub serves when it caps them lower", () => {
    expect([0, 500, 501, 2_000_000].map((n) => sweepRequests(n, 500))).toEqual([1, 1, 2, 4000]);
  });

  it("leaves children listings at pages of 500", () => {
    expect(listingPages(1000)).toBe(2);
  });
});

describe("describeHub", () => {
  it("says where the Hub's size comes from", () => {
    expect(describeHub({ models: 512_000, source: "reported" })).toBe("512,000 models (the Hub's count)");
    expect(describeHub({ models: 9, source: "counted" })).toBe("9 models (counted by the last sweep)");
    expect(describeHub({ models: 2_000_000, source: "estimate" })).toMatch(/^~2,000,000 models \(an estimate/);
  });
});

describe("planCrawl", () => {
  const hub = { models: 2_000_000, source: "estimate" as const };
  it("walks a family smaller than a sweep and says why", () => {
    const plan = planCrawl("auto", [{ id: "skt/A.X-4.0", childrenCount: 12 }], hub);
    expect(plan).toMatchObject({ kind: "walk", walkRequests: 13, sweepRequests: 2000 });
    expect(plan.reason).toContain("skt/A.X-4.0 has 12 direct children");
  });

  it("sweeps when the walk needs more requests than the whole Hub's pages", () => {
    const plan = planCrawl("auto", [{ id: "Qwen/Qwen2.5-7B", childrenCount: 9000 }], hub);
    expect(plan).toMatchObject({ kind: "sweep", walkRequests: 9018, sweepRequests: 2000 });
    expect(plan.reason).toMatch(/^sweep, the cheaper/);
  });

  it("walks a big family when --depth 1 stops at its direct children (they are stored, not listed)", () => {
    const plan = planCrawl("auto", [{ id: "Qwen/Qwen2.5-7B", childrenCount: 9000 }], hub, 1);
    expect(plan).toMatchObject({ kind: "walk", walkRequests: 18, sweepRequests: 2000 });
    expect(planCrawl("auto", [{ id: "Qwen/Qwen2.5-7B", childrenCount: 9000 }], hub, 2).kind).toBe("sweep");
  });

  it("takes the plan asked for whatever the costs", () => {
    expect(planCrawl("walk", [{ id: "a/b", childrenCount: 1e6 }], hub).kind).toBe("walk");
    expect(planCrawl("sweep", [{ id: "a/b", childrenCount: 0 }], hub).kind).toBe("sweep");
  });
});

describe("replanWalk", () => {
  const hub = { models: 20_000, source: "counted" as const };
  it("switches an automatic walk once the models left to list outnumber the sweep's pages", () => {
    expect(replanWalk("auto", 5000, 20, hub)).toBeNull();
    expect(replanWalk("auto", 5, 21, hub)).toMatchObject({ kind: "sweep", walkRequests: 26, sweepRequests: 20 });
    expect(replanWalk("walk", 5, 1e6, hub)).toBeNull();
  });
});

describe("a top-up sweep in the plan", () => {
  const hub = { models: 2_000_000, source: "counted" as const };
  const topUp = {
    sweptAt: "2025-08-01T10:00:00.000Z",
    since: "2025-08-01T10:00:00.000Z",
    watermark: "2025-08-01T09:59:58.000Z",
    pages: 2,
  };
  it("counts a top-up as its few pages, so a big family's rerun tops up instead of sweeping whole or walking", () => {
    const plan = planCrawl("auto", [{ id: "Qwen/Qwen2.5-7B", childrenCount: 9000 }], hub, null, topUp);
    expect(plan).toMatchObject({ kind: "sweep", sweepRequests: 2, topUp });
    expect(plan.reason).toMatch(/^top-up sweep, the cheaper: .*a top-up sweep of the models since the sweep of 2025/);
    expect(planWholeHub(hub, topUp)).toMatchObject({ kind: "sweep", sweepRequests: 2, topUp });
    expect(planWholeHub(hub).topUp).toBeUndefined();
  });

  it("still walks a family that costs no more than the top-up's pages", () => {
    const plan = planCrawl("auto", [{ id: "a/b", childrenCount: 0 }], hub, null, topUp);
    expect(plan).toMatchObject({ kind: "walk", walkRequests: 1, sweepRequests: 2 });
    expect(plan.topUp).toBeUndefined();
  });

  it("switches a growing walk to the top-up once it costs more than the top-up's pages", () => {
    expect(replanWalk("auto", 5, 2, hub, topUp)).toBeNull();
    expect(replanWalk("auto", 5, 3, hub, topUp)).toMatchObject({ kind: "sweep", sweepRequests: 2, topUp });
  });
});

describe("planTopUp", () => {
  const last = {
    sweptAt: "2025-08-01T10:00:00.000Z",
    since: "2025-08-01T10:00:00.000Z",
    watermark: "2025-08-01T09:59:58.000Z",
    models: 2_000_000,
  };
  const hub = { models: 2_000_000, source: "counted" as const };
  const at = (iso: string) => ({ now: new Date(iso), freshForMs: 24 * 3600_000, refresh: false });

  it("is a top-up within freshForMs of the last complete sweep, expecting the pages the Hub's growth fills", () => {
    expect(planTopUp(last, hub, at("2025-08-01T10:05:00.000Z"))).toEqual({
      sweptAt: last.sweptAt,
      since: last.since,
      watermark: last.watermark,
      pages: 1,
    });
    // 12 hours at HUB_MODELS_PER_DAY: 2,250 new models, 3 pages of 1,000.
    expect(planTopUp(last, hub, at("2025-08-01T22:00:00.000Z"))?.pages).toBe(3);
    // The Hub's own count, when it says more.
    expect(planTopUp(last, { ...hub, models: 2_004_999 }, at("2025-08-01T10:05:00.000Z"))?.pages).toBe(5);
    expect(planTopUp(last, { ...hub, pageSize: 500 }, at("2025-08-01T22:00:00.000Z"))?.pages).toBe(5);
  });

  it("is a full sweep with no complete sweep, after freshForMs, or with refresh", () => {
    expect(planTopUp(null, hub, at("2025-08-01T10:05:00.000Z"))).toBeNull();
    expect(planTopUp(last, hub, at("2025-08-02T10:00:00.000Z"))).toBeNull();
    expect(planTopUp(last, hub, { ...at("2025-08-01T10:05:00.000Z"), refresh: true })).toBeNull();
    expect(planTopUp(last, hub, { ...at("2025-08-01T10:05:00.000Z"), freshForMs: 0 })).toBeNull();
  });
});

describe("reachesWatermark", () => {
  const topUp = { sweptAt: "", since: "", watermark: "2025-08-01T10:00:00.000Z", pages: 1 };
  const page = (...createdAt: (string | undefined)[]) => createdAt.map((at, i) => ({ id: `a/m${i}`, createdAt: at }));
  it("stops at a page holding a model created before the watermark less the overlap, not within it", () => {
    expect(reachesWatermark(page("2025-08-01T11:00:00.000Z", "2025-08-01T09:54:59.000Z"), topUp)).toBe(true);
    expect(reachesWatermark(page("2025-08-01T11:00:00.000Z", "2025-08-01T09:56:00.000Z"), topUp)).toBe(false);
    expect(reachesWatermark(page(undefined, "2025-08-01T11:00:00.000Z"), topUp)).toBe(false);
  });
});
