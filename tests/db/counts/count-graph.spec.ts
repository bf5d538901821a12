// countGraphOf without a database: distinct descendants per relation, the depth, merges and the source precedence.
import { countGraphOf, type EdgeRow } from "../../../db/counts/count-graph";

/** Counts of every model with descendants, as `id: total f/a/q/m depth` per mode. */
function countRows(rows: EdgeRow[]) {
  const graph = countGraphOf(rows);
  const counts = graph.count();
  const show = (mode: "declared" | "all") =>
    Object.fromEntries(
      graph.ids.flatMap((id, node) => {
        const m = counts[mode];
        if (m.total[node] === 0) return [];
        const byRelation = Array.from(m.byRelation.slice(node * 4, node * 4 + 4)).join("/");
        return [[id, `${m.total[node]} ${byRelation} ${m.maxDepth[node]}`]];
      }),
    );
  return { declared: show("declared"), all: show("all") };
}

describe("countGraphOf", () => {
  it("counts each descendant once under its own relation, with the farthest depth", () => {
    const { declared } = countRows([
      ["o/r", "o/a", "tag", "finetune"],
      ["o/a", "o/b", "tag", "adapter"],
      ["o/r", "o/b", "tag", "adapter"],
      ["o/b", "o/c", "card", null],
    ]);
    expect(declared).toEqual({ "o/r": "3 1/1/0/0 2", "o/a": "2 0/1/0/0 2", "o/b": "1 0/0/0/0 1" });
  });

  it("takes a pair's strongest source, counts a merge as a merge, and leaves inferred links to the all mode", () => {
    const { declared, all } = countRows([
      ["o/p", "o/m", "tag", "merge"],
      ["o/q", "o/m", "tag", "finetune"],
      ["o/q", "o/x", "card", "quantized"],
      ["o/q", "o/x", "tag", "finetune"],
      ["o/q", "o/i", "inferred", "adapter"],
    ]);
    expect(declared).toEqual({ "o/p": "1 0/0/0/1 1", "o/q": "2 1/0/0/1 1" });
    expect(all).toEqual({ "o/p": "1 0/0/0/1 1", "o/q": "3 1/1/0/1 1" });
  });

  it("leaves self-loops out and does not count a model in a cycle as its own descendant", () => {
    const { declared } = countRows([
      ["o/a", "o/a", "tag", "finetune"],
      ["o/a", "o/b", "tag", "finetune"],
      ["o/b", "o/a", "tag", "finetune"],
    ]);
    expect(declared).toEqual({ "o/a": "1 1/0/0/0 1", "o/b": "1 1/0/0/0 1" });
  });
});
