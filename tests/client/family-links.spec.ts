// Tests of deferLinks: a large family's links reach its graph after the first frame, in slices or at once.
import { graphFromColumns } from "../../client/src/columnar-graph";
import { deferLinks } from "../../client/src/family-links";
import type { ColumnarGraphSlice } from "../../server/contract/types";
import { finetuneFamily } from "../helpers/columnar-family";

/** A star: model 0 and `n` children, each linked to it. */
function star(n: number): ColumnarGraphSlice {
  const range = Array.from({ length: n + 1 }, (_, k) => k);
  return finetuneFamily(n + 1, (k) => (k === 0 ? -1 : 0), {
    x: range,
    y: range.map(() => 0),
    generation: range.map((k) => (k === 0 ? 0 : 1)),
    descendants: range.map((k) => (k === 0 ? n : 0)),
    downloads: range.map(() => null),
    subfamily: range.map((k) => (k === 0 ? -1 : k)),
  });
}

describe("deferLinks", () => {
  test("counts every link before they are in the graph; complete adds them all, in the columns' order", () => {
    const columns = star(30);
    const graph = graphFromColumns(columns, 5);
    expect(graph.size).toBe(5);
    const links = deferLinks(graph, columns, 5);
    expect(links.count()).toBe(30);
    links.complete();
    expect(graph.size).toBe(30);
    expect(graph.edges()).toEqual(columns.edges.child.map((child) => `m0->m${child}`));
    expect(links.count()).toBe(30);
  });

  test("start adds the links in slices between turns of the event loop, then calls back once", async () => {
    const columns = star(20_000);
    const graph = graphFromColumns(columns, 0);
    const links = deferLinks(graph, columns, 0);
    const finished = new Promise<number>((done) => links.start(() => done(graph.size)));
    // The first slice is added at once, the rest later.
    expect(graph.size).toBeGreaterThan(0);
    expect(graph.size).toBeLessThan(20_000);
    await expect(finished).resolves.toBe(20_000);
  });

  test("stop leaves the rest for complete; nothing is added twice", async () => {
    const columns = star(20_000);
    const graph = graphFromColumns(columns, 0);
    const links = deferLinks(graph, columns, 0);
    let calls = 0;
    links.start(() => calls++);
    links.stop();
    const partial = graph.size;
    await new Promise((done) => setTimeout(done, 20));
    expect(graph.size).toBe(partial);
    links.complete();
    expect(graph.size).toBe(20_000);
    expect(calls).toBe(0);
  });

  test("with every link already in the graph, start calls back at once", () => {
    const columns = star(3);
    const graph = graphFromColumns(columns);
    let calls = 0;
    deferLinks(graph, columns, 3).start(() => calls++);
    expect(calls).toBe(1);
  });
});
