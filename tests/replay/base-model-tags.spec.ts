// The Hub's lineage tags, both ways.
import { buildBaseModelTags, parseBaseModelTags } from "../../replay/base-model-tags";

describe("parseBaseModelTags", () => {
  test("pairs untyped and typed tags per parent, case-insensitively, in tag order", () => {
    expect(
      parseBaseModelTags([
        "license:mit",
        "base_model:A/b",
        "base_model:merge:a/B",
        "base_model:c/d",
        "base_model:adapter:e/f",
      ]),
    ).toEqual([
      { id: "A/b", relation: "merge" },
      { id: "c/d", relation: null },
      { id: "e/f", relation: "adapter" },
    ]);
  });

  test("a legacy id without owner and an unknown relation word stay ids", () => {
    expect(parseBaseModelTags(["base_model:gpt2", "base_model:other:x/y"])).toEqual([
      { id: "gpt2", relation: null },
      { id: "other:x/y", relation: null },
    ]);
  });
});

describe("buildBaseModelTags", () => {
  test("round-trips through parseBaseModelTags", () => {
    const parents = [
      { id: "a/b", relation: "merge" as const },
      { id: "c/d", relation: "merge" as const },
    ];
    const tags = buildBaseModelTags(parents);
    expect(tags).toEqual(["base_model:a/b", "base_model:merge:a/b", "base_model:c/d", "base_model:merge:c/d"]);
    expect(parseBaseModelTags(tags)).toEqual(parents);
  });
});
