// The watcher paces to the budget the Hub advertises: a replay allowing 6 requests per 1 s window (RateLimit-Policy
// and RateLimit on every answer), a watcher told nothing, a poll of many small pages. It learns the quota from the
// answers, stays within it (at most one 429 per window, the replay being the judge) and stores every new model.
import { crawl } from "../../crawler/crawl";
import { connectHub } from "../../crawler/hub/connect-hub";
import { watchOnce } from "../../crawler/watch/watch-once";
import { openDatabase, type Db } from "../../db/open-database";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";

const QUOTA = 6;
const WINDOW_S = 1;
const MODELS = 1_500;
const NEW_MODELS = 120;
const PAGE_SIZE = 5;

describe("watchOnce under an advertised budget", () => {
  let open: HubReplay;
  let budgeted: HubReplay;
  let db: Db;

  beforeAll(async () => {
    open = await startHubReplay({ synthetic: { models: MODELS, seed: 11 } });
    budgeted = await startHubReplay({
      store: open.store,
      budget: { api: { requests: QUOTA, windowSeconds: WINDOW_S } },
    });
  });

  afterAll(async () => {
    db?.close();
    await open?.close();
    await budgeted?.close();
  });

  it("follows the advertised quota with at most one 429 per window and stores every new model", async () => {
    const created = Array.from({ length: open.store.size }, (_, i) => open.store.createdAtMs(i)).sort((a, b) => a - b);
    // T1 leaves the newest NEW_MODELS (ties included) to the watcher.
    const t1 = new Date(created[created.length - NEW_MODELS - 1]).toISOString();
    const revealed = created.filter((ms) => ms > Date.parse(t1)).length;
    expect(revealed).toBeGreaterThanOrEqual(NEW_MODELS);

    db = openDatabase(":memory:");
    open.setCutoff(t1);
    const before = connectHub({ hubUrl: open.url, rate: "100000/1" }, {});
    await crawl({ seeds: [], all: true }, { db, hub: before.hub, requestCounts: before.counts });
    const storedAtT1 = db.prepare("SELECT count(*) FROM models").pluck().get() as number;
    expect(storedAtT1).toBe(MODELS - revealed);

    budgeted.resetStats();
    const watcher = connectHub({ hubUrl: budgeted.url }, {});
    const started = Date.now();
    const poll = await watchOnce(
      { db, hub: watcher.hub, requestCounts: watcher.counts },
      { pageSize: PAGE_SIZE, changesEveryMs: 0 },
    );
    const elapsedMs = Date.now() - started;
    const stats = budgeted.stats();

    expect(poll.status).toBe("done");
    expect(db.prepare("SELECT count(*) FROM models").pluck().get()).toBe(MODELS);
    // Enough pages to need several windows: a watcher ignoring the budget would be refused in each of them.
    expect(stats.requests).toBeGreaterThanOrEqual(3 * QUOTA);
    const windows = Math.ceil(elapsedMs / (WINDOW_S * 1000)) + 1;
    expect(stats.rateLimited).toBeLessThanOrEqual(windows);
    // The replay accepted at most QUOTA a window, so the accepted requests touch this many windows; the first may be
    // entered just before it ends (the replay's windows started before the watcher), so all but two are whole.
    const accepted = stats.requests - stats.rateLimited;
    expect(elapsedMs).toBeGreaterThanOrEqual((Math.ceil(accepted / QUOTA) - 2) * WINDOW_S * 1000);
    // It paced to the budget it read from the answers, not to the anonymous default (500 per 300 s).
    const api = watcher.budgets().find((usage) => usage.bucket === "api");
    expect(api).toMatchObject({ source: "advertised", limit: QUOTA, windowMs: WINDOW_S * 1000 });
    expect(api?.requests).toBe(stats.requests);
  }, 120_000);
});
