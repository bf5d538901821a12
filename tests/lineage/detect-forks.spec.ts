// detectForks on hand-made parent tables: nearest depth, first-hop relation, nested families, merges, cycles, depth
// cap.
import { detectForks, type ParentStep } from "../../lineage/detect-forks";
import type { Relation } from "../../lineage/types";

/** child -> [parent, relation][] with ids compared case-insensitively, as the store does. */
function lineage(table: Record<string, [string, Relation | null][]>, tracked: string[], maxDepth?: number) {
  const parents = new Map(Object.entries(table).map(([child, list]) => [child.toLowerCase(), list]));
  const trackedByKey = new Map(tracked.map((id) => [id.toLowerCase(), id]));
  return {
    parentsOf: (id: string): ParentStep[] =>
      (parents.get(id.toLowerCase()) ?? []).map(([parent, relation]) => ({ id: parent, relation })),
    trackedId: (id: string) => trackedByKey.get(id.toLowerCase()) ?? null,
    keyOf: (id: string) => id.toLowerCase(),
    ...(maxDepth === undefined ? {} : { maxDepth }),
  };
}

describe("detectForks", () => {
  it("gives each tracked ancestor once, at its fewest hops, with the relation of the model's own first edge", () => {
    const input = lineage(
      {
        "m/Model": [
          ["q/Quant", "quantized"],
          ["f/Tune", "finetune"],
        ],
        "q/Quant": [["f/Tune", "finetune"]],
        "f/Tune": [["base/Root", "finetune"]],
      },
      ["base/Root", "f/Tune"],
    );
    expect(detectForks("m/Model", input)).toEqual([
      { root: "f/Tune", depth: 1, relation: "finetune" },
      { root: "base/Root", depth: 2, relation: "finetune" },
    ]);
  });

  it("reports every family a merge reaches, and nothing for an untracked lineage", () => {
    const input = lineage(
      {
        "m/Merge": [
          ["a/A", "merge"],
          ["b/B", "merge"],
        ],
        "a/A": [["x/X", null]],
      },
      ["x/X", "b/B"],
    );
    expect(detectForks("m/Merge", input)).toEqual([
      { root: "b/B", depth: 1, relation: "merge" },
      { root: "x/X", depth: 2, relation: "merge" },
    ]);
    expect(detectForks("a/A", lineage({ "a/A": [["y/Y", "finetune"]] }, ["x/X"]))).toEqual([]);
  });

  it("compares ids case-insensitively and answers with the tracked spelling", () => {
    const input = lineage({ "m/Model": [["BASE/root", "adapter"]] }, ["base/Root"]);
    expect(detectForks("m/model", input)).toEqual([{ root: "base/Root", depth: 1, relation: "adapter" }]);
  });

  it("terminates on cycles and never counts the model as its own family", () => {
    const input = lineage(
      {
        "c/One": [["c/Two", "finetune"]],
        "c/Two": [
          ["c/One", "finetune"],
          ["base/Root", "adapter"],
        ],
      },
      ["c/One", "base/Root"],
    );
    expect(detectForks("c/One", input)).toEqual([{ root: "base/Root", depth: 2, relation: "finetune" }]);
    expect(detectForks("c/Two", input)).toEqual([
      { root: "base/Root", depth: 1, relation: "adapter" },
      { root: "c/One", depth: 1, relation: "finetune" },
    ]);
  });

  it("looks no further up than maxDepth", () => {
    const chain: Record<string, [string, Relation | null][]> = {};
    for (let i = 0; i < 10; i++) chain[`n/${i}`] = [[`n/${i + 1}`, "finetune"]];
    expect(detectForks("n/0", lineage(chain, ["n/10"]))).toEqual([{ root: "n/10", depth: 10, relation: "finetune" }]);
    expect(detectForks("n/0", lineage(chain, ["n/10"], 9))).toEqual([]);
  });
});
