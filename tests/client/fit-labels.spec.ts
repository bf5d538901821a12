// Tests of fitLabels: of two labelled models whose labels would overlap on screen, the less significant loses its label.
import Graph from "graphology";
import { fitLabels } from "../../client/src/fit-labels";
import type { LaidOutNodeAttributes, LineageGraph } from "../../client/src/lineage-graph";

function node(label: string, x: number, y: number, descendants: number, extra: Partial<LaidOutNodeAttributes> = {}) {
  return {
    label,
    relation: "finetune" as const,
    descendants,
    downloads: 0,
    generation: 1,
    hasHiddenChildren: false,
    license: null,
    licenseFamily: null,
    x,
    y,
    isLabelled: true,
    ...extra,
  };
}

/** A 1,000-unit-wide family drawn in a 1,000 x 500 canvas: about one pixel a unit. */
function family(): LineageGraph {
  const graph: LineageGraph = new Graph();
  graph.addNode("focus", node("focus", 0, 0, 100, { role: "focus", generation: 0 }));
  graph.addNode("far-left", node("far-left", -500, 0, 0));
  graph.addNode("far-right", node("far-right", 500, 200, 0));
  return graph;
}

describe("fitLabels", () => {
  test("keeps the labels that fit and drops the less significant of two that would overlap", () => {
    const graph = family();
    graph.addNode("big", node("org/a-rather-long-model-name", 100, -200, 50));
    // 3 units right of "big" at the same height: its label would run over big's.
    graph.addNode("small", node("org/another-long-model-name", 103, -200, 2));
    fitLabels(graph, 1000, 500);
    expect(graph.getNodeAttribute("big", "isLabelled")).toBe(true);
    expect(graph.getNodeAttribute("small", "isLabelled")).toBe(false);
    expect(graph.getNodeAttribute("far-left", "isLabelled")).toBe(true);
    expect(graph.getNodeAttribute("far-right", "isLabelled")).toBe(true);
  });

  test("keeps a label clear of the focus's, which is always shown", () => {
    const graph = family();
    graph.addNode("beside-focus", node("org/beside", 2, 0, 99));
    fitLabels(graph, 1000, 500);
    expect(graph.getNodeAttribute("beside-focus", "isLabelled")).toBe(false);
  });
});
