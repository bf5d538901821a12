// A sweep rerun within freshForMs of the last complete sweep reads only what is new (a top-up): against a synthetic
// Hub replay whose newest models are hidden behind its cutoff for the first sweep, then published.
import { crawl, type CrawlOptions, type CrawlSummary } from "../../crawler/crawl";
import { getLastSweep } from "../../crawler/crawl-run-state";
import * as mergeModule from "../../crawler/merge-sweep-pages";
import { connectHub } from "../../crawler/hub/connect-hub";
import { SWEEP_PAGE_LIMIT } from "../../crawler/hub/hub-client";
import { getDescendantCounts } from "../../db/counts/descendant-counts";
import { exportGraph } from "../../db/export/export";
import { openDatabase, type Db } from "../../db/open-database";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/run-cli";

const MODELS = 5_000;
const DAY_MS = 24 * 3600_000;

function exportDb(db: Db): string {
  return [...exportGraph(db, { format: "jsonl" })].join("");
}

/** Every model's declared descendant counts, by id. */
function countsOf(db: Db, text: string): Map<string, unknown> {
  const counts = new Map<string, unknown>();
  for (const line of text.split("\n")) {
    if (!line.startsWith('{"type":"model"')) continue;
    const id = (JSON.parse(line) as { id: string }).id;
    counts.set(id, getDescendantCounts(db, id));
  }
  return counts;
}

describe("top-up sweep", () => {
  let replay: HubReplay;
  let times: number[];
  let reference: { text: string; counts: Map<string, unknown> };

  /** Hides all but the `hidden` newest models; returns how many are hidden (ties at the cutoff hide together). */
  const hideNewest = (hidden: number): number => {
    const cutoff = times[times.length - hidden] - 1;
    replay.setCutoff(new Date(cutoff).toISOString());
    return times.filter((t) => t > cutoff).length;
  };

  const run = async (
    db: Db,
    options: Partial<CrawlOptions> = {},
    deps: { now?: () => Date; signal?: AbortSignal; onPage?: () => void } = {},
  ): Promise<{ summary: CrawlSummary; requests: number }> => {
    replay.resetStats();
    const { hub, counts } = connectHub({ hubUrl: replay.url, rate: "100000/1" }, {});
    const summary = await crawl(
      { seeds: [], all: true, ...options },
      {
        db,
        hub,
        requestCounts: counts,
        now: deps.now,
        signal: deps.signal,
        onProgress: (progress) => {
          if (progress.phase === "sweep") deps.onPage?.();
        },
      },
    );
    return { summary, requests: replay.stats().requests };
  };

  beforeAll(async () => {
    replay = await startHubReplay({ synthetic: { models: MODELS, seed: 5 } });
    times = [];
    for (let i = 0; i < replay.store.size; i++) times.push(replay.store.createdAtMs(i));
    times.sort((a, b) => a - b);
    const db = openDatabase(":memory:");
    try {
      await run(db);
      const text = exportDb(db);
      reference = { text, counts: countsOf(db, text) };
    } finally {
      db.close();
    }
  }, 120_000);

  afterAll(async () => {
    await replay?.close();
  });

  afterEach(() => replay.setCutoff(null));

  it("reads only the first page after a complete sweep and stores the new models, their edges and counts", async () => {
    const db = openDatabase(":memory:");
    try {
      const hidden = hideNewest(60);
      const full = await run(db);
      expect(full.summary.plan?.reason).not.toMatch(/top-up/);
      expect(full.requests).toBeGreaterThanOrEqual(Math.ceil((MODELS - hidden) / SWEEP_PAGE_LIMIT));
      replay.setCutoff(null);

      const topUp = await run(db);
      expect(topUp.summary.status).toBe("done");
      expect(topUp.requests).toBe(1);
      expect(topUp.summary.plan?.kind).toBe("sweep");
      expect(topUp.summary.plan?.sweepRequests).toBe(1);
      expect(topUp.summary.plan?.reason).toMatch(
        new RegExp(`^top-up sweep: ${hidden} new models since the sweep of \\d{4}-\\d\\d-\\d\\dT`),
      );
      const text = exportDb(db);
      expect(text).toBe(reference.text);
      expect(countsOf(db, text)).toEqual(reference.counts);

      // Nothing new: one page again, which reaches what the top-up read.
      const again = await run(db);
      expect(again.requests).toBe(1);
      expect(again.summary.plan?.reason).toMatch(/^top-up sweep: 0 new models since the sweep of/);
      expect(exportDb(db)).toBe(reference.text);
    } finally {
      db.close();
    }
  }, 120_000);

  it("sweeps whole after freshForMs, and with --refresh", async () => {
    const db = openDatabase(":memory:");
    try {
      hideNewest(60);
      await run(db);
      replay.setCutoff(null);
      const pages = Math.ceil(MODELS / SWEEP_PAGE_LIMIT);

      const later = new Date(Date.now() + DAY_MS + 60_000);
      const stale = await run(db, {}, { now: () => later });
      expect(stale.summary.plan?.reason).not.toMatch(/top-up/);
      expect(stale.summary.plan?.sweepRequests).toBeGreaterThanOrEqual(pages);
      expect(stale.requests).toBeGreaterThanOrEqual(pages);
      expect(exportDb(db)).toBe(reference.text);

      const refreshed = await run(db, { refresh: true });
      expect(refreshed.summary.plan?.reason).not.toMatch(/top-up/);
      expect(refreshed.requests).toBeGreaterThanOrEqual(pages);
      expect(exportDb(db)).toBe(reference.text);

      // A shorter freshForMs makes the same sweep stale.
      const short = await run(db, { freshForMs: 0 });
      expect(short.requests).toBeGreaterThanOrEqual(pages);
    } finally {
      db.close();
    }
  }, 180_000);

  it("records a complete sweep only once its pages are merged: a merge that fails leaves nothing to top up", async () => {
    const db = openDatabase(":memory:");
    const merge = jest.spyOn(mergeModule, "mergeSweepPages").mockImplementationOnce(() => {
      throw new Error("killed in the merge");
    });
    try {
      await expect(run(db)).rejects.toThrow("killed in the merge");
      expect(getLastSweep(db)).toBeNull();
      merge.mockRestore();
      // The rerun merges the staged pages; then the sweep counts as complete.
      const rerun = await run(db);
      expect(rerun.summary.status).toBe("done");
      expect(rerun.summary.plan?.reason).not.toMatch(/top-up/);
      expect(getLastSweep(db)).not.toBeNull();
      expect(exportDb(db)).toBe(reference.text);
    } finally {
      merge.mockRestore();
      db.close();
    }
  }, 120_000);

  it("resumes a top-up aborted midway to the same store as an uninterrupted one", async () => {
    const hidden = 2_500;
    const clean = openDatabase(":memory:");
    const aborted = openDatabase(":memory:");
    try {
      const added = hideNewest(hidden);
      await run(clean);
      await run(aborted);
      replay.setCutoff(null);
      const pages = Math.ceil((added + 1) / SWEEP_PAGE_LIMIT);

      const uninterrupted = await run(clean);
      expect(uninterrupted.requests).toBe(pages);
      expect(uninterrupted.summary.plan?.reason).toMatch(
        new RegExp(`^top-up sweep: ${added.toLocaleString("en-US")} new models`),
      );

      const controller = new AbortController();
      const first = await run(aborted, {}, { signal: controller.signal, onPage: () => controller.abort() });
      expect(first.summary.status).toBe("interrupted");
      expect(first.requests).toBeLessThan(pages + 1);
      const rest = await run(aborted);
      expect(rest.summary.status).toBe("done");
      expect(rest.summary.resumedRunId).toBe(first.summary.runId);
      expect(rest.summary.plan?.reason).toMatch(
        new RegExp(`^top-up sweep: ${added.toLocaleString("en-US")} new models`),
      );
      // The page asked ahead when the abort came may be asked again; nothing more.
      expect(first.requests + rest.requests).toBeLessThanOrEqual(pages + 1);

      const text = exportDb(aborted);
      expect(text).toBe(exportDb(clean));
      expect(text).toBe(reference.text);
      expect(countsOf(aborted, text)).toEqual(reference.counts);
    } finally {
      clean.close();
      aborted.close();
    }
  }, 180_000);

  it("says the top-up's cost first and what it found in the summary (crawl --all)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hf-lineage-top-up-"));
    try {
      const args = ["crawl", "--all", "--db", join(dir, "l.db"), "--hub-url", replay.url, "--rate", "100000/1"];
      const added = hideNewest(30);
      const full = await runCli(args);
      expect(full.code).toBe(0);
      expect(full.stderr.split("\n")[0]).toMatch(/^crawl --all: the whole Hub, /);
      replay.setCutoff(null);
      replay.resetStats();
      const topUp = await runCli(args);
      expect(topUp.code).toBe(0);
      expect(replay.stats().requests).toBe(1);
      expect(topUp.stderr.split("\n")[0]).toMatch(
        /^crawl --all: a top-up of the whole Hub: the models since the sweep of \S+, about 1 request\(s\)/,
      );
      expect(topUp.stdout).toMatch(new RegExp(`top-up sweep: ${added} new models since the sweep of`));
      replay.resetStats();
      const refreshed = await runCli([...args, "--refresh"]);
      expect(refreshed.stderr.split("\n")[0]).toMatch(/^crawl --all: the whole Hub, /);
      expect(replay.stats().requests).toBeGreaterThanOrEqual(Math.ceil(MODELS / SWEEP_PAGE_LIMIT));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
