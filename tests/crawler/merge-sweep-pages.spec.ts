// mergeSweepPages: a sweep's staged pages into the store in one transaction, all or nothing, in staging order.
import { CrawlTally, type CrawlContext } from "../../crawler/crawl-context";
import { parseHubRecord } from "../../crawler/hub/parse-hub-record";
import { mergeSweepPages } from "../../crawler/merge-sweep-pages";
import { createSweepGatherer } from "../../crawler/sweep-gatherer";
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

  it("stores the same rows, problems and pages from what a sweep gathered ahead as from the staged text", () => {
    const twin = openDatabase(":memory:");
    const stores = [db, twin];
    const pages = stores.map(() => [] as string[][]);
    // A model already stored (a seed read before the sweep), a page a killed run left, then this run's page.
    const killedRunPage = [hubRecord("org/B", [["root/A", "finetune"]]), hubRecord("root/A"), { id: 7 }];
    const thisRunPage = [hubRecord("org/B", [["root/A", "adapter"]]), hubRecord("org/C", [["org/B", "merge"]])];
    const results = stores.map((store, i) => {
      const ctx = contextFor(store, "k");
      stageSweepPage(store, "k", NOW, [hubRecord("root/A", [], { downloads: 5 })]);
      mergeSweepPages(ctx, () => undefined);
      stageSweepPage(store, "k", PAGE_1, killedRunPage);
      const gatherer = i === 0 ? createSweepGatherer(store, "k", NOW, 5) : null;
      const seq = stageSweepPage(store, "k", PAGE_2, thisRunPage);
      gatherer?.add(seq, PAGE_2, thisRunPage.map(parseHubRecord), thisRunPage.length);
      if (gatherer) expect(gatherer.gathered.appliedRecords).toBe(5);
      return mergeSweepPages(ctx, (models) => pages[i].push(models.map((model) => model.id)), gatherer?.gathered);
    });
    expect(results[0]).toEqual(results[1]);
    expect(results[0]).toMatchObject({ pages: 2, problems: 1 });
    expect(pages[0]).toEqual(pages[1]);
    const rows = (store: Db) =>
      [
        "SELECT rowid, * FROM models ORDER BY rowid",
        "SELECT rowid, * FROM problems ORDER BY rowid",
        ...["edges", "links", "descendant_counts", "child_ranks"].map(
          (table) => `SELECT * FROM ${table} ORDER BY 1, 2`,
        ),
      ].map((sql) => store.prepare(sql).all());
    const search = (store: Db) =>
      store.prepare("SELECT rowid FROM models_search WHERE models_search MATCH 'org'").all();
    expect(rows(db)).toEqual(rows(twin));
    expect(search(db)).toEqual(search(twin));
    expect(search(db)).toHaveLength(2);
    twin.close();
  });

  it("applies the staged pages itself when the gathered ones are not all that is staged", () => {
    const ctx = contextFor(db, "k");
    const gatherer = createSweepGatherer(db, "k", NOW, 2);
    const first = [hubRecord("root/A")];
    gatherer.add(stageSweepPage(db, "k", PAGE_1, first), PAGE_1, first.map(parseHubRecord), 1);
    // Staged without being gathered: the gathered writer misses it.
    stageSweepPage(db, "k", PAGE_2, [hubRecord("org/B", [["root/A", "finetune"]])]);
    expect(mergeSweepPages(ctx, () => undefined, gatherer.gathered)).toMatchObject({ pages: 2, modelsWritten: 2 });
    expect(getDescendantCounts(db, "root/A").total).toBe(1);
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
