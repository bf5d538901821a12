// Tests of buildFamilyGraph: the family's graph built after the first frame, its models in slices between turns of the
// event loop, the same graph graphFromColumns builds at once.
import { graphFromColumns } from "../../client/src/columnar-graph";
import { labelledFlags } from "../../client/src/family-columns";
import { buildFamilyGraph } from "../../client/src/family-graph";
import type { ColumnarGraphSlice } from "../../server/contract/types";

/** `n` models, the first `linked` of them a chain m0 -> m1 -> ..., every third one labelled. */
function chain(n: number, linked = n): ColumnarGraphSlice {
  const range = Array.from({ length: n }, (_, k) => k);
  const links = range.slice(1, linked);
  return {
    attributes: { root: "m0", truncated: false, omitted: [], total: n },
    relationCodes: [null, "finetune"],
    licenseCodes: [],
    licenseChangeCodes: [],
    sourceCodes: ["tag"],
    nodes: {
      id: range.map((k) => `m${k}`),
      x: range,
      y: range.map((k) => -k),
      generation: range,
      relation: range.map((k) => (k === 0 ? 0 : 1)),
      descendants: range.map((k) => n - 1 - k),
      downloads: range.map((k) => (k % 2 === 0 ? null : k)),
      hasHiddenChildren: range.map(() => 0),
      license: range.map(() => -1),
      subfamily: range.map((k) => (k === 0 ? -1 : 1)),
    },
    labelled: range.filter((k) => k % 3 === 0),
    edges: {
      parent: links.map((k) => k - 1),
      child: links,
      relation: links.map(() => 1),
      source: links.map(() => 0),
      licenseChange: links.map(() => -1),
    },
  };
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
