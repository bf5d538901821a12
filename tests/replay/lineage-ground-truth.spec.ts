// Expected crawl results from served records.
import { computeLineageGroundTruth } from "../../replay/lineage-ground-truth";

const RECORDS = [
  { id: "Org/Base", tags: ["license:mit"] },
  { id: "u/ft", tags: ["base_model:org/base", "base_model:finetune:org/base"] },
  {
    id: "u/merge",
    tags: ["base_model:u/ft", "base_model:merge:u/ft", "base_model:gone/repo", "base_model:merge:gone/repo"],
  },
  { id: "u/quant", tags: ["base_model:u/merge", "base_model:quantized:u/merge"] },
  { id: "v/untyped", tags: ["base_model:u/ft"] },
  { id: "elsewhere/other", tags: ["base_model:x/y", "base_model:adapter:x/y"] },
  { id: "x/up", tags: [] },
  { id: "root/child-of-up", tags: ["base_model:x/up", "base_model:finetune:x/up"] },
];

describe("computeLineageGroundTruth", () => {
  test("walks down by tags from the roots (any case) and counts every declared edge of what it reached", () => {
    const truth = computeLineageGroundTruth(RECORDS, ["org/BASE"]);
    expect(truth.models).toEqual(["Org/Base", "u/ft", "u/merge", "u/quant", "v/untyped"]);
    expect(truth.byRelation).toEqual({ finetune: 1, adapter: 0, quantized: 1, merge: 2, untyped: 1 });
    expect(truth.edges).toContainEqual({ parent: "gone/repo", child: "u/merge", relation: "merge" });
  });

  test("also walks up from a root to its ancestors", () => {
    const truth = computeLineageGroundTruth(RECORDS, ["root/child-of-up"]);
    expect(truth.models).toEqual(["root/child-of-up", "x/up"]);
    expect(truth.byRelation.finetune).toBe(1);
  });
});
