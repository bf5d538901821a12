// withDeferredIndexes: a bulk write leaves the search index, child ranks and counts as the row triggers would.
import { getDescendantCounts, refreshDescendantCounts } from "../../db/counts/descendant-counts";
import { isOrgCountsStale, refreshOrgCounts } from "../../db/counts/org-counts";
import { withDeferredIndexes } from "../../db/deferred-indexes";
import { setParents } from "../../db/edges";
import { upsertModels } from "../../db/models";
import { openDatabase, type Db } from "../../db/open-database";
import { link, modelRecord } from "../helpers/db-fixtures";

const NOW = "2025-03-01T00:00:00.000Z";

/** Models and edges in two batches; the second re-reads a model with new downloads and drops one edge. */
function write(db: Db, batch: 1 | 2): void {
  if (batch === 1) {
    upsertModels(db, [modelRecord("base/Root"), modelRecord("org/Tune"), modelRecord("org/Gone")], NOW);
    setParents(db, "org/Tune", "tag", [link("base/Root", "finetune")], NOW);
    setParents(db, "org/Gone", "tag", [link("base/Root", "adapter")], NOW);
  } else {
    upsertModels(db, [{ ...modelRecord("org/Tune"), downloads: 999 }, modelRecord("org/Quant-GGUF")], NOW);
    setParents(db, "org/Quant-GGUF", "tag", [link("org/Tune", "quantized")], NOW);
    setParents(db, "org/Gone", "tag", [], NOW);
    setParents(db, "org/Quant-GGUF", "inferred", [{ ...link("base/Root", "merge"), source: "inferred" }], NOW);
  }
}

function derived(db: Db) {
  return {
    ranks: db.prepare("SELECT * FROM child_ranks ORDER BY parent, child").all(),
    search: db.prepare("SELECT rowid FROM models_search WHERE models_search MATCH ? ORDER BY rowid").pluck().all("uan"),
    counts: getDescendantCounts(db, "base/Root", { includeInferred: true }),
    orgs: db.prepare("SELECT * FROM org_counts ORDER BY author").all(),
    integrity: db.prepare("INSERT INTO models_search(models_search) VALUES ('integrity-check')").run().changes,
    triggers: db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all(),
  };
}

describe("withDeferredIndexes", () => {
  it("leaves the same search index, child ranks, counts, org counts and triggers as row-by-row writes", () => {
    const rowByRow = openDatabase(":memory:");
    const deferred = openDatabase(":memory:");
    for (const batch of [1, 2] as const) {
      rowByRow.transaction(() => {
        write(rowByRow, batch);
        refreshDescendantCounts(rowByRow);
      })();
      withDeferredIndexes(deferred, () => write(deferred, batch));
    }
    // The bulk write leaves org counts fresh; row-by-row writes leave them to the crawl's refresh.
    expect(isOrgCountsStale(deferred)).toBe(false);
    expect(isOrgCountsStale(rowByRow)).toBe(true);
    refreshOrgCounts(rowByRow);
    const expected = derived(rowByRow);
    expect(expected.search).toHaveLength(1);
    expect(expected.counts.total).toBe(2);
    expect(expected.orgs).toEqual([expect.objectContaining({ author: "base", all_total: 2, declared_total: 2 })]);
    expect(derived(deferred)).toEqual(expected);
    rowByRow.close();
    deferred.close();
  });

  it("rolls back the write and keeps its triggers when the write throws", () => {
    const db = openDatabase(":memory:");
    const before = derived(db).triggers;
    expect(() =>
      withDeferredIndexes(db, () => {
        write(db, 1);
        throw new Error("killed mid-merge");
      }),
    ).toThrow("killed mid-merge");
    expect(db.prepare("SELECT count(*) FROM models").pluck().get()).toBe(0);
    expect(derived(db).triggers).toEqual(before);
    write(db, 1);
    expect(db.prepare("SELECT count(*) FROM child_ranks").pluck().get()).toBe(2);
    db.close();
  });
});
