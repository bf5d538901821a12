// Tests of the client's generation layout: rings outward by generation, ancestors above, no overlaps on a ring.
import Graph from "graphology";
import type { GraphNodeAttributes, Relation } from "../../server/contract/types";
import { layoutGenerations, spreadAngles } from "../../client/src/layout-generations";

function node(generation: number, descendants = 0, relation: Relation | null = "finetune"): GraphNodeAttributes {
  return {
    label: "",
    author: null,
    relation,
    descendants,
    downloads: null,
    likes: null,
    createdAt: null,
    generation,
    hasHiddenChildren: false,
    license: null,
    licenseFamily: null,
  };
}

/** focus -> 30 children (the first with 40 children of its own) -> ...; plus two ancestors above the focus. */
function familyGraph(): Graph<GraphNodeAttributes> {
  const graph = new Graph<GraphNodeAttributes>({ type: "directed" });
  graph.addNode("focus", node(0, 70));
  graph.addNode("up1", node(-1, 71));
  graph.addNode("up2", node(-2, 72, null));
  graph.addEdge("up2", "up1");
  graph.addEdge("up1", "focus");
  for (let i = 0; i < 30; i++) {
    graph.addNode(`c${i}`, node(1, i === 0 ? 40 : 0, i % 2 ? "adapter" : "finetune"));
    graph.addEdge("focus", `c${i}`);
  }
  for (let j = 0; j < 40; j++) {
    graph.addNode(`g${j}`, node(2, 0, "quantized"));
    graph.addEdge("c0", `g${j}`);
  }
  return graph;
}

const distance = (p: { x: number; y: number }) => Math.hypot(p.x, p.y);

describe("layoutGenerations", () => {
  test("places every model, the focus at the origin and each generation on its own, wider ring", () => {
    const graph = familyGraph();
    const positions = layoutGenerations(graph, "focus");
    expect([...positions.keys()].sort()).toEqual(graph.nodes().sort());
    expect(positions.get("focus")).toEqual({ x: 0, y: 0 });
    const radii = (prefix: string) =>
      [...positions].filter(([key]) => key.startsWith(prefix)).map(([, p]) => distance(p));
    const ring1 = radii("c");
    const ring2 = radii("g");
    expect(Math.max(...ring1) - Math.min(...ring1)).toBeLessThan(1e-9);
    expect(Math.max(...ring2) - Math.min(...ring2)).toBeLessThan(1e-9);
    expect(ring2[0]).toBeGreaterThan(ring1[0]);
  });

  test("puts ancestors above the focus, one row per generation, and keeps descendants out of the gap above", () => {
    const positions = layoutGenerations(familyGraph(), "focus");
    const parent = positions.get("up1")!;
    const grandparent = positions.get("up2")!;
    expect(parent.y).toBeGreaterThan(0);
    expect(grandparent.y).toBeGreaterThan(parent.y);
    for (const [key, p] of positions) {
      if (!/^[cg]/.test(key)) continue;
      const angle = Math.atan2(p.y, p.x);
      // The gap is the 60 degrees centred straight up.
      expect(Math.abs(angle - Math.PI / 2)).toBeGreaterThan(Math.PI / 6 - 1e-9);
    }
  });

  test("keeps models on one ring at least the node spacing apart", () => {
    const positions = layoutGenerations(familyGraph(), "focus");
    const ring = [...positions].filter(([key]) => key.startsWith("g")).map(([, p]) => p);
    for (let i = 0; i < ring.length; i++) {
      for (let j = i + 1; j < ring.length; j++) {
        expect(Math.hypot(ring[i].x - ring[j].x, ring[i].y - ring[j].y)).toBeGreaterThan(1.99);
      }
    }
  });

  test("hangs a grandchild's ring position near its own parent's side", () => {
    const positions = layoutGenerations(familyGraph(), "focus");
    const angleOf = (key: string) => Math.atan2(positions.get(key)!.y, positions.get(key)!.x);
    const mean = (keys: string[]) =>
      Math.atan2(
        keys.reduce((s, k) => s + Math.sin(angleOf(k)), 0),
        keys.reduce((s, k) => s + Math.cos(angleOf(k)), 0),
      );
    const grandchildren = Array.from({ length: 40 }, (_, j) => `g${j}`);
    const gap = Math.abs(mean(grandchildren) - angleOf("c0"));
    expect(Math.min(gap, 2 * Math.PI - gap)).toBeLessThan(Math.PI / 4);
  });

  test("a descendant whose parents are all outside the slice still hangs below the focus", () => {
    const graph = new Graph<GraphNodeAttributes>({ type: "directed" });
    graph.addNode("focus", node(0, 2));
    graph.addNode("orphan", node(2));
    const positions = layoutGenerations(graph, "focus");
    expect(distance(positions.get("orphan")!)).toBeGreaterThan(0);
  });

  test("refuses a focus that is not in the graph", () => {
    expect(() => layoutGenerations(new Graph<GraphNodeAttributes>(), "missing")).toThrow(/missing/);
  });
});

describe("spreadAngles", () => {
  test("leaves angles that are already far enough apart where they are", () => {
    expect(spreadAngles([0.1, 1, 2], 0.5, 0, 3)).toEqual([0.1, 1, 2]);
  });

  test("pushes crowded angles apart symmetrically around their mean", () => {
    const spread = spreadAngles([1, 1, 1], 0.5, 0, 3);
    expect(spread[0]).toBeCloseTo(0.5);
    expect(spread[1]).toBeCloseTo(1);
    expect(spread[2]).toBeCloseTo(1.5);
  });

  test("stays within the bounds, shifting a crowd that would spill over", () => {
    const spread = spreadAngles([2.9, 3, 3], 0.5, 0, 3);
    expect(spread[2]).toBeCloseTo(3);
    expect(spread[1]).toBeCloseTo(2.5);
    expect(spread[0]).toBeCloseTo(2);
  });
});
