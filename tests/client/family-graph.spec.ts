// Tests of buildFamilyGraph: the family's graph built after the first frame, its models in slices between turns of the
// event loop, the same graph graphFromColumns builds at once.
import { graphFromColumns } from "../../client/src/columnar-graph";
import { labelledFlags } from "../../client/src/family-columns";
import { buildFamilyGraph } from "../../client/src/family-graph";
import type { ColumnarGraphSlice } from "../../server/contract/types";
import { finetuneFamily } from "../helpers/columnar-family";

/** `n` models, the first `linked` of them a chain m0 -> m1 -> ..., every third one labelled. */
function chain(n: number, linked = n): ColumnarGraphSlice {
  const range = Array.from({ length: n }, (_, k) => k);
  return finetuneFamily(
    n,
    (k) => (k > 0 && k < linked ? k - 1 : -1),
    {
      x: range,
      y: range.map((k) => -k),
      generation: range,
      descendants: range.map((k) => n - 1 - k),
      downloads: range.map((k) => (k % 2 === 0 ? null : k)),
      subfamily: range.map((k) => (k === 0 ? -1 : 1)),
    },
    range.filter((k) => k % 3 === 0),
  );
}

describe("buildFamilyGraph", () => {
  test("builds over several turns the graph graphFromColumns builds at once, its links in when they are few", async () => {
    // 45,000 models (three slices), 4,999 links (below DEFER_LINKS_ABOVE).
    const columns = chain(45_000, 5_000);
    let turns = 0;
    const built = await buildFamilyGraph(columns, labelledFlags(columns), () => {
      turns++;
      return false;
    });
    expect(turns).toBe(3);
    const atOnce = graphFromColumns(columns);
    expect(built?.graph.order).toBe(45_000);
    expect(JSON.stringify(built?.graph.export())).toBe(JSON.stringify(atOnce.export()));
    expect(built?.graph.size).toBe(4_999);
  });

  test("leaves a large family's links to links.start, and gives up when the view is replaced between slices", async () => {
    const columns = chain(45_000);
    let turns = 0;
    const partial = await buildFamilyGraph(columns, labelledFlags(columns), () => turns++ > 0);
    expect(partial).toBeNull();
    // 45,000 models: 44,999 links, above DEFER_LINKS_ABOVE (10,000), left out until started.
    const built = await buildFamilyGraph(columns, labelledFlags(columns), () => false);
    expect(built?.graph.size).toBe(0);
    const done = new Promise<void>((resolve) => built?.links.start(resolve));
    await done;
    expect(built?.graph.size).toBe(44_999);
  });
});
