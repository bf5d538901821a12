// Tests of the generation layout: rings outward by generation, ancestors above, no overlaps on a ring.
import { layoutGenerations, spreadAngles, type LayoutFamily } from "../../lineage/layout-generations";
import type { Relation } from "../../lineage/types";

/** A family built by name, with the focus first; positions come back by name. */
class FamilyBuilder {
  readonly ids: string[] = [];
  readonly generation: number[] = [];
  readonly relation: (Relation | null)[] = [];
  readonly descendants: number[] = [];
  readonly createdAt: (string | null)[] = [];
  readonly linkParent: number[] = [];
  readonly linkChild: number[] = [];

  addNode(id: string, generation: number, descendants = 0, relation: Relation | null = "finetune"): void {
    this.ids.push(id);
    this.generation.push(generation);
    this.descendants.push(descendants);
    this.relation.push(relation);
    this.createdAt.push(new Date(Date.UTC(2025, 0, 1) + this.ids.length * 60_000).toISOString());
  }

  addEdge(parent: string, child: string): void {
    this.linkParent.push(this.ids.indexOf(parent));
    this.linkChild.push(this.ids.indexOf(child));
  }

  layout(family: LayoutFamily = this): Map<string, { x: number; y: number }> {
    const { x, y } = layoutGenerations(family, 0);
    return new Map(this.ids.map((id, i) => [id, { x: x[i], y: y[i] }]));
  }
}

/** focus -> 30 children (the first with 40 children of its own) -> ...; plus two ancestors above the focus. */
function familyGraph(): FamilyBuilder {
  const graph = new FamilyBuilder();
  graph.addNode("focus", 0, 70);
  graph.addNode("up1", -1, 71);
  graph.addNode("up2", -2, 72, null);
  graph.addEdge("up2", "up1");
  graph.addEdge("up1", "focus");
  for (let i = 0; i < 30; i++) {
    graph.addNode(`c${i}`, 1, i === 0 ? 40 : 0, i % 2 ? "adapter" : "finetune");
    graph.addEdge("focus", `c${i}`);
  }
  for (let j = 0; j < 40; j++) {
    graph.addNode(`g${j}`, 2, 0, "quantized");
    graph.addEdge("c0", `g${j}`);
  }
  return graph;
}

const distance = (p: { x: number; y: number }) => Math.hypot(p.x, p.y);

describe("layoutGenerations", () => {
  test("places every model, the focus at the origin and each generation on its own, wider ring", () => {
    const graph = familyGraph();
    const positions = graph.layout();
    expect([...positions.keys()].sort()).toEqual([...graph.ids].sort());
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
    const positions = familyGraph().layout();
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
    const positions = familyGraph().layout();
    const ring = [...positions].filter(([key]) => key.startsWith("g")).map(([, p]) => p);
    for (let i = 0; i < ring.length; i++) {
      for (let j = i + 1; j < ring.length; j++) {
        expect(Math.hypot(ring[i].x - ring[j].x, ring[i].y - ring[j].y)).toBeGreaterThan(1.99);
      }
    }
  });

  test("hangs a grandchild's ring position near its own parent's side", () => {
    const positions = familyGraph().layout();
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
    const graph = new FamilyBuilder();
    graph.addNode("focus", 0, 2);
    graph.addNode("orphan", 2);
    const positions = graph.layout();
    expect(distance(positions.get("orphan")!)).toBeGreaterThan(0);
  });

  test("refuses a focus that is not a model of the family", () => {
    expect(() => new FamilyBuilder().layout()).toThrow(RangeError);
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

describe("layoutGenerations at scale", () => {
  test("lays out a 100,000-model family with every model placed and none on top of another on its ring", () => {
    const graph = new FamilyBuilder();
    graph.addNode("focus", 0, 100_000);
    // Heavy-tailed: model i hangs from model floor(i / 3) (a complete ternary tree, ~11 generations).
    for (let i = 1; i < 100_000; i++) {
      const parent = Math.floor((i - 1) / 3);
      graph.addNode(`m${i}`, graph.generation[parent] + 1, 0);
      graph.linkParent.push(parent);
      graph.linkChild.push(i);
    }
    const { x, y } = layoutGenerations(graph, 0);
    expect(x.every(Number.isFinite) && y.every(Number.isFinite)).toBe(true);
    const lastRing = graph.ids.map((_, i) => i).filter((i) => graph.generation[i] === 10);
    const angles = lastRing.map((i) => Math.atan2(y[i], x[i])).sort((a, b) => a - b);
    const radius = Math.hypot(x[lastRing[0]], y[lastRing[0]]);
    const closest = Math.min(...angles.slice(1).map((angle, k) => (angle - angles[k]) * radius));
    expect(closest).toBeGreaterThan(1.99);
  });
});

describe("layoutGenerations as models arrive", () => {
  test("a new model moves the models already laid out little", () => {
    const build = (extra: boolean) => {
      const graph = new FamilyBuilder();
      graph.addNode("focus", 0, 2000);
      for (let i = 1; i < 2000; i++) {
        const parent = i < 600 ? 0 : (i * 7919) % 600;
        graph.addNode(`m${i}`, graph.generation[parent] + 1, 0, i % 3 ? "finetune" : "quantized");
        graph.linkParent.push(parent);
        graph.linkChild.push(i);
      }
      if (extra) {
        graph.addNode("newest", 1, 0, "finetune");
        graph.addEdge("focus", "newest");
      }
      return graph.layout();
    };
    const before = build(false);
    const after = build(true);
    const shifts = [...before].map(([id, p]) => Math.hypot(after.get(id)!.x - p.x, after.get(id)!.y - p.y));
    shifts.sort((a, b) => a - b);
    const radius = Math.max(...[...before.values()].map((p) => Math.hypot(p.x, p.y)));
    // The median model moves by less than a hundredth of the picture's radius.
    expect(shifts[Math.floor(shifts.length / 2)]).toBeLessThan(radius / 100);
  });
});
