// A crawler commits each page of results with its frontier and counter changes in one transaction: every write
// function of the store must compose into the caller's transaction (better-sqlite3 nests them as savepoints).
import { refreshDescendantCounts, getDescendantCounts } from "../../db/counts/descendant-counts";
import { getParents, setParents } from "../../db/edges";
import { countFrontier, enqueue, markDone, setCursor } from "../../db/frontier";
import { getModel, markListed, upsertModels } from "../../db/models";
import type { Db } from "../../db/open-database";
import { countProblems, recordProblem } from "../../db/problems";
import { getRun, startRun, updateRunCounters } from "../../db/runs";
import { setState, getState } from "../../db/crawl-state";
import { LATER, NOW, freshDb, link, modelRecord } from "../helpers/db-fixtures";

function storePage(db: Db, runId: number, fail: boolean): void {
  db.transaction(() => {
    upsertModels(db, [modelRecord("kid/a"), modelRecord("kid/b")], LATER);
    setParents(db, "kid/a", "tag", [link("base/m", "finetune")], LATER);
    setParents(db, "kid/b", "tag", [link("base/m", "adapter")], LATER);
    markListed(db, ["base/m"], LATER);
    enqueue(db, "k", [
      { direction: "down", id: "kid/a", depth: 1 },
      { direction: "down", id: "kid/b", depth: 1 },
    ]);
    setCursor(db, "k", "down", "base/m", "https://example.invalid/api/models?cursor=2");
    markDone(db, "k", "down", "base/m");
    updateRunCounters(db, runId, { requests: 1, models: 2, edges: 2 });
    recordProblem(db, { runId, modelId: "kid/b", kind: "card", message: "no front matter" }, LATER);
    setState(db, "sweep:cursor", "abc", LATER);
    refreshDescendantCounts(db);
    if (fail) throw new Error("killed mid-page");
  })();
}

describe("a crawler page in one transaction", () => {
  it("keeps nothing of a page that fails, including pending count changes", () => {
    const db = freshDb();
    const runId = startRun(db, { command: "crawl", key: "k", args: {}, now: NOW });
    enqueue(db, "k", [{ direction: "down", id: "base/m", depth: 0 }]);
    expect(() => storePage(db, runId, true)).toThrow("killed mid-page");
    expect(getModel(db, "kid/a")).toBeNull();
    expect(getParents(db, "kid/a")).toEqual([]);
    expect(countFrontier(db, "k")).toEqual({ pending: 1, done: 0 });
    expect(getRun(db, runId)?.requests).toBe(0);
    expect(countProblems(db)).toBe(0);
    expect(getState(db, "sweep:cursor")).toBeNull();
    expect(getDescendantCounts(db, "base/m").total).toBe(0);
    expect(db.prepare("SELECT count(*) FROM counts_dirty").pluck().get()).toBe(0);
  });

  it("keeps all of a page that commits", () => {
    const db = freshDb();
    const runId = startRun(db, { command: "crawl", key: "k", args: {}, now: NOW });
    enqueue(db, "k", [{ direction: "down", id: "base/m", depth: 0 }]);
    storePage(db, runId, false);
    expect(getModel(db, "kid/a")?.fetchedAt).toBe(LATER);
    expect(countFrontier(db, "k")).toEqual({ pending: 2, done: 1 });
    expect(getRun(db, runId)).toMatchObject({ requests: 1, models: 2, edges: 2 });
    expect(getDescendantCounts(db, "base/m")).toMatchObject({ total: 2, finetune: 1, adapter: 1 });
  });
});
