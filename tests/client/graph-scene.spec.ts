// Tests of GraphScene: the flat arrays the WebGL layer draws, restyled from the item states.
import Graph from "graphology";
import type { GraphEdgeAttributes } from "../../server/contract/types";
import { GraphScene, packColor, SOLID_EDGE } from "../../client/src/graph-scene";
import {
  descendantsRadius,
  FADED_COLOR,
  FOCUS_COLOR,
  LICENSE_CHANGE_COLORS,
  MIN_NODE_SIZE,
  RELATION_COLORS,
} from "../../client/src/graph-style";
import type { LaidOutNodeAttributes, LineageGraph } from "../../client/src/lineage-graph";

function model(x: number, y: number, extra: Partial<LaidOutNodeAttributes> = {}): LaidOutNodeAttributes {
  return {
    label: "m",
    relation: "finetune",
    descendants: 0,
    downloads: 0,
    generation: 1,
    hasHiddenChildren: false,
    license: null,
    licenseFamily: null,
    x,
    y,
    ...extra,
  };
}

const link = (extra: Partial<GraphEdgeAttributes> = {}): GraphEdgeAttributes => ({
  relation: "finetune",
  source: "tag",
  confidence: 1,
  licenseChange: null,
  ...extra,
});

function family(): LineageGraph {
  const graph: LineageGraph = new Graph({ type: "directed" });
  graph.addNode("base", model(0, 0, { role: "focus", relation: null, descendants: 2, generation: 0 }));
  graph.addNode("a", model(3, 4, { descendants: 1 }));
  graph.addNode("b", model(6, 8, { relation: "quantized", generation: 2 }));
  graph.addDirectedEdgeWithKey("base->a", "base", "a", link());
  graph.addDirectedEdgeWithKey("a->b", "a", "b", link({ source: "inferred", licenseChange: "may-conflict" }));
  return graph;
}

const colorOf = (bytes: Uint8Array, k: number) => new Uint32Array(bytes.buffer)[k];

describe("GraphScene", () => {
  test("lays out positions and links once; inferred links carry their length for dashes", () => {
    const scene = new GraphScene(family());
    expect([...scene.positions]).toEqual([0, 0, 3, 4, 6, 8]);
    expect([...scene.edgePositions]).toEqual([0, 0, 3, 4, 3, 4, 6, 8]);
    expect([...scene.edgeAlong]).toEqual([SOLID_EDGE, SOLID_EDGE, 0, 5]);
  });

  test("styles by relation with the focus on top, and hides, fades and turns models into discs", () => {
    const scene = new GraphScene(family());
    scene.restyle();
    expect(colorOf(scene.nodeColors, 0)).toBe(packColor(FOCUS_COLOR));
    expect(colorOf(scene.nodeColors, 2)).toBe(packColor(RELATION_COLORS.quantized));
    expect(scene.radii[2]).toBeCloseTo(MIN_NODE_SIZE);
    expect([...scene.topNodes]).toEqual([0]);

    scene.nodeHidden[2] = 1;
    scene.edgeHidden[1] = 1;
    scene.isDisc[1] = 1;
    scene.nodeFaded[0] = 1;
    scene.selected = 2;
    scene.restyle();
    expect(scene.radii[2]).toBe(0);
    expect(colorOf(scene.edgeColors, 2)).toBe(0);
    expect(scene.radii[1]).toBeGreaterThan(descendantsRadius(1, MIN_NODE_SIZE));
    expect(colorOf(scene.nodeColors, 0)).toBe(packColor(FADED_COLOR));
    // A hidden selection is not drawn; the disc joins the focus on top.
    expect([...scene.topNodes].sort()).toEqual([0, 1]);
  });

  test("in licence mode, links whose licence changes are drawn last in their colour", () => {
    const scene = new GraphScene(family());
    scene.byLicense = true;
    scene.restyle();
    expect(colorOf(scene.edgeColors, 2)).toBe(packColor(LICENSE_CHANGE_COLORS["may-conflict"]));
    expect([...scene.topEdges]).toEqual([2, 3]);
  });

  test("sync takes in models and links added to the graph, keeping the states of those already there", () => {
    const graph = family();
    const scene = new GraphScene(graph);
    scene.nodeHidden[1] = 1;
    graph.addNode("c", model(9, 9));
    graph.addDirectedEdgeWithKey("b->c", "b", "c", link());
    scene.sync();
    expect(scene.order).toBe(4);
    expect(scene.size).toBe(3);
    expect(scene.nodeIndex.get("c")).toBe(3);
    expect(scene.nodeHidden[1]).toBe(1);
    expect([...scene.edgePositions.slice(8)]).toEqual([6, 8, 9, 9]);
  });
});
