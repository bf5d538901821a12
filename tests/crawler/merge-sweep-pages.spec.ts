// mergeSweepPages: a sweep's staged pages into the store in one transaction, all or nothing, in staging order.
import { CrawlTally, type CrawlContext } from "../../crawler/crawl-context";
import { mergeSweepPages } from "../../crawler/merge-sweep-pages";
import { getDescendantCounts } from "../../db/counts/descendant-counts";
import { getParents } from "../../db/edges";
import { getFreshness, getModel } from "../../db/models";
import { openDatabase, type Db } from "../../db/open-database";
import { startRun } from "../../db/runs";
import { nextStagedPage, stageSweepPage } from "../../db/sweep-pages";
import { createFakeHub, hubRecord } from "../helpers/fake-hub-client";

const NOW = "2025-03-01T00:00:00.000Z";
const PAGE_1 = "2025-03-01T00:00:01.000Z";
const PAGE_2 = "2025-03-01T00:00:02.000Z";

function contextFor(db: Db, key: string): CrawlContext {
  return {
    db,
    hub: createFakeHub([]),
    key,
    runId: startRun(db, { command: "crawl", key, args: {}, now: NOW }),
    runStartedAt: NOW,
    now: () => NOW,
    freshForMs: 0,
    refresh: false,
    cards: false,
    infer: true,
    concurrency: 1,
    takeRequests: () => ({ requests: 0, retries: 0 }),
    tally: new CrawlTally(),
  };
}

describe("mergeSweepPages", () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(":memory:");
  });
  afterEach(() => db.close());

  it("stores every staged page of its key in staging order, marks them listed, counts, and drops them", () => {
    const ctx = contextFor(db, "k");
    stageSweepPage(db, "k", PAGE_1, [hubRecord("org/B", [["root/A", "finetune"]]), hubRecord("root/A")]);
    stageSweepPage(db, "other", PAGE_1, [hubRecord("else/Z")]);
    // The same model on a later page (the listing moved): the later record wins.
    stageSweepPage(db, "k", PAGE_2, [
      hubRecord("org/B", [["root/A", "adapter"]]),
      hubRecord("org/C", [["org/B", "merge"]]),
    ]);
    const pages: string[][] = [];
    const merged = mergeSweepPages(ctx, (models) => pages.push(models.map((model) => model.id)));
    expect(pages).toEqual([
      ["org/B", "root/A"],
      ["org/B", "org/C"],
    ]);
    expect(merged).toMatchObject({ pages: 2, modelsWritten: 3, edgesAdded: 2, problems: 0 });
    expect(getParents(db, "org/B").map((edge) => edge.relation)).toEqual(["adapter"]);
    expect(getFreshness(db, "org/C")).toEqual({ fetchedAt: PAGE_2, listedAt: PAGE_2 });
    expect(getDescendantCounts(db, "root/A")).toMatchObject({ total: 2, adapter: 1, merge: 1, maxDepth: 2 });
    expect(nextStagedPage(db, "k", 0)).toBeNull();
    expect(getModel(db, "else/Z")).toBeNull();
    expect(nextStagedPage(db, "other", 0)).not.toBeNull();
  });

  it("keeps nothing of a merge that fails part-way, and every page staged for the next one", () => {
    const ctx = contextFor(db, "k");
    stageSweepPage(db, "k", PAGE_1, [hubRecord("root/A"), hubRecord("org/B", [["root/A", "finetune"]])]);
    stageSweepPage(db, "k", PAGE_2, [hubRecord("org/C", [["org/B", "finetune"]])]);
    let calls = 0;
    expect(() =>
      mergeSweepPages(ctx, () => {
        if (++calls === 2) throw new Error("killed mid-merge");
      }),
    ).toThrow("killed mid-merge");
    expect(getModel(db, "root/A")).toBeNull();
    expect(db.prepare("SELECT count(*) FROM counts_dirty").pluck().get()).toBe(0);
    expect(mergeSweepPages(ctx, () => undefined)).toMatchObject({ pages: 2, modelsWritten: 3 });
    expect(getDescendantCounts(db, "root/A").total).toBe(2);
  });

  it("merges nothing when nothing is staged", () => {
    expect(mergeSweepPages(contextFor(db, "k"), () => undefined)).toEqual({
      pages: 0,
      modelsWritten: 0,
      edgesAdded: 0,
      edgesRemoved: 0,
      problems: 0,
    });
  });
});
