// getModelDetail: preferred parents, direct and transitive counts per scope, renamed ids, parent-only models.
import { recordAlias } from "../../../db/aliases";
import type { Db } from "../../../db/open-database";
import { getModelDetail } from "../../../db/queries/model-detail";
import { getLineageGraph, peekLineageGraph } from "../../../db/graph/get-lineage-graph";
import { journalGraphReset } from "../../../db/graph/update-lineage-graph";
import { countLicenseChangesBelow } from "../../../db/queries/license-changes";
import { idKey } from "../../../lineage/id-key";
import { buildLineageDb, NOW } from "../../helpers/lineage-db";
import { createRandomLineage } from "../../helpers/random-licensed-lineage";
import { seededRandom } from "../../helpers/test-seed";

describe("getModelDetail", () => {
  let db: Db;
  afterEach(() => db.close());

  it("reports one parent per pair, the declared one when an inferred edge disagrees", () => {
    db = buildLineageDb(["o/a", "o/b"], ["o/a o/b finetune card", "o/a o/b adapter inferred 0.6"]);
    const declared = getModelDetail(db, "o/b", { includeInferred: false });
    const all = getModelDetail(db, "o/b", { includeInferred: true });
    expect(declared?.parents.map((p) => [p.parent, p.relation, p.source])).toEqual([["o/a", "finetune", "card"]]);
    expect(all?.parents.map((p) => [p.parent, p.relation, p.source])).toEqual([["o/a", "finetune", "card"]]);
  });

  it("counts direct children per relation, and inferred-only children apart", () => {
    db = buildLineageDb(
      ["o/a", "o/b", "o/c", "o/d", "o/e"],
      ["o/a o/b finetune", "o/a o/c adapter", "o/a o/d quantized inferred 0.7", "o/d o/e adapter"],
    );
    const declared = getModelDetail(db, "o/a", { includeInferred: false });
    const all = getModelDetail(db, "o/a", { includeInferred: true });
    expect(declared?.children).toEqual({ total: 2, finetune: 1, adapter: 1, quantized: 0, merge: 0 });
    expect(all?.children).toEqual({ total: 3, finetune: 1, adapter: 1, quantized: 1, merge: 0 });
    expect(declared?.inferredOnly).toEqual({ children: 1, descendants: 2 });
    expect(declared?.descendants).toEqual({ total: 2, finetune: 1, adapter: 1, quantized: 0, merge: 0, maxDepth: 1 });
    expect(all?.descendants).toEqual({ total: 4, finetune: 1, adapter: 2, quantized: 1, merge: 0, maxDepth: 2 });
  });

  it("answers an old id with the canonical model and says which id was asked", () => {
    db = buildLineageDb(["new/name", "o/child"], ["new/name o/child finetune"]);
    recordAlias(db, "old/name", "new/name", NOW);
    const detail = getModelDetail(db, "OLD/name", { includeInferred: false });
    expect([detail?.model.id, detail?.renamedFrom, detail?.children.total]).toEqual(["new/name", "OLD/name", 1]);
  });

  it("describes a model known only as a parent, and knows nothing of an unknown id", () => {
    db = buildLineageDb(["o/child"], ["never/crawled o/child finetune"]);
    const detail = getModelDetail(db, "never/crawled", { includeInferred: false });
    expect([detail?.model.fetchedAt, detail?.model.author, detail?.children.total, detail?.roots]).toEqual([
      null,
      "never",
      1,
      ["never/crawled"],
    ]);
    expect(getModelDetail(db, "nobody/knows", { includeInferred: false })).toBeNull();
  });

  it("answers the same from the cached lineage graph as from SQL, before and after a write", () => {
    const random = seededRandom("getModelDetail graph against SQL", 17);
    const lineage = createRandomLineage(random, 40);
    db = lineage.db;
    for (let round = 0; round < 2; round++) {
      for (const includeInferred of [false, true]) {
        const scope = { includeInferred };
        // No graph cached (or dropped below): SQL, the licence changes below left to the caller.
        const fromSql = lineage.ids.map((id) => getModelDetail(db, id, scope));
        expect(fromSql.every((detail) => detail === null || detail.licenseChangesBelow === null)).toBe(true);
        getLineageGraph(db);
        const below = countLicenseChangesBelow(db, scope);
        const expected = fromSql.map(
          (detail) => detail && { ...detail, licenseChangesBelow: below.get(idKey(detail.model.id)) ?? 0 },
        );
        expect(lineage.ids.map((id) => getModelDetail(db, id, scope))).toEqual(expected);
        expect(expected.some((detail) => (detail?.licenseChangesBelow ?? 0) > 0)).toBe(true);
        journalGraphReset(db);
        expect(peekLineageGraph(db)).toBeNull();
      }
      lineage.write();
    }
  });
});
