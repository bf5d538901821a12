// getLicenseChanges and countLicenseChangesBelow over a small lineage with known, unknown and changed licences.
import { upsertModels } from "../../../db/models";
import { countLicenseChangesBelow, getLicenseChanges } from "../../../db/queries/license-changes";
import { buildLineageDb, NOW } from "../../helpers/lineage-db";
import { modelRecord } from "../../helpers/db-fixtures";

function lineage() {
  const db = buildLineageDb(
    ["b/base", "o/ft", "o/ft2", "o/quant", "o/merge", "o/plain", "o/unk", "o/inf"],
    [
      "b/base o/ft finetune",
      "o/ft o/ft2 finetune",
      "o/ft2 o/quant quantized",
      "b/base o/merge merge",
      "o/plain o/merge merge",
      "b/base o/plain finetune card",
      "b/base o/unk adapter",
      "b/base o/inf finetune inferred 0.6",
    ],
  );
  const licensed = (id: string, license: string | null) => modelRecord(id, { license });
  upsertModels(
    db,
    [
      licensed("b/base", "llama2"),
      licensed("o/ft", "apache-2.0"),
      licensed("o/ft2", "apache-2.0"),
      licensed("o/quant", "mit"),
      licensed("o/merge", "other"),
      licensed("o/plain", "LLAMA2"),
      licensed("o/unk", "unknown"),
      licensed("o/inf", "mit"),
    ],
    NOW,
  );
  return db;
}

describe("getLicenseChanges", () => {
  it("lists each parent whose known licence differs from the model's, with its kind", () => {
    const db = lineage();
    expect(getLicenseChanges(db, "o/ft", { includeInferred: false })).toEqual([
      { parent: "b/base", parentLicense: "llama2", license: "apache-2.0", kind: "may-conflict" },
    ]);
    // Two parents: one with a different licence (llama2 -> other), one the same but for case.
    expect(getLicenseChanges(db, "o/merge", { includeInferred: false })).toEqual([
      { parent: "b/base", parentLicense: "llama2", license: "other", kind: "changed" },
      { parent: "o/plain", parentLicense: "LLAMA2", license: "other", kind: "changed" },
    ]);
    expect(getLicenseChanges(db, "o/plain", { includeInferred: false })).toEqual([]);
    expect(getLicenseChanges(db, "o/unk", { includeInferred: false })).toEqual([]);
    expect(getLicenseChanges(db, "o/inf", { includeInferred: false })).toEqual([]);
    expect(getLicenseChanges(db, "o/inf", { includeInferred: true })).toHaveLength(1);
    db.close();
  });
});

describe("countLicenseChangesBelow", () => {
  it("counts the distinct models below each model that have at least one change", () => {
    const db = lineage();
    const below = countLicenseChangesBelow(db, { includeInferred: false });
    // Changed: o/ft (llama2 -> apache-2.0), o/quant (apache-2.0 -> mit), o/merge (llama2 -> other).
    expect(Object.fromEntries(below)).toEqual({ "b/base": 3, "o/ft": 1, "o/ft2": 1, "o/plain": 1 });
    expect(countLicenseChangesBelow(db, { includeInferred: true }).get("b/base")).toBe(4);
    db.close();
  });
});
