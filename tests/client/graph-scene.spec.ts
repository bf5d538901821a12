// Tests of GraphScene: the flat arrays the WebGL layer draws, restyled from the item states.
import Graph from "graphology";
import type { ColumnarGraphSlice, GraphEdgeAttributes } from "../../server/contract/types";
import { graphFromColumns } from "../../client/src/columnar-graph";
import { GraphScene, packColor, SOLID_EDGE, THICK_EDGE_FLOATS } from "../../client/src/graph-scene";
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

  test("in licence mode, links whose licence changes are drawn thick and last in their colour, conflicts on top", () => {
    const graph = family();
    graph.addNode("c", model(9, 9));
    graph.addNode("d", model(1, 2));
    graph.addDirectedEdgeWithKey("a->c", "a", "c", link({ licenseChange: "changed" }));
    graph.addDirectedEdgeWithKey("base->d", "base", "d", link({ licenseChange: "changed" }));
    const scene = new GraphScene(graph);
    scene.restyle();
    expect(scene.thickEdges.length).toBe(0);
    scene.byLicense = true;
    scene.edgeFaded[3] = 1;
    scene.restyle();
    expect(colorOf(scene.edgeColors, 2)).toBe(packColor(LICENSE_CHANGE_COLORS["may-conflict"]));
    // a->c (changed, 2 px, solid), then a->b (may-conflict, 3 px, dashed: its length along it); base->d faded.
    expect([...scene.thickEdges]).toEqual([3, 4, 9, 9, SOLID_EDGE, SOLID_EDGE, 2, 3, 4, 6, 8, 0, 5, 3]);
    expect(scene.thickEdges.length).toBe(2 * THICK_EDGE_FLOATS);
    expect([colorOf(scene.thickColors, 0), colorOf(scene.thickColors, 1)]).toEqual([
      packColor(LICENSE_CHANGE_COLORS.changed),
      packColor(LICENSE_CHANGE_COLORS["may-conflict"]),
    ]);
    scene.edgeHidden[2] = 1;
    scene.restyle();
    expect([...scene.thickEdges.slice(0, 4)]).toEqual([3, 4, 6, 8]);
    expect(scene.thickEdges.length).toBe(THICK_EDGE_FLOATS);
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
    expect(scene.nodeIndexOf("c")).toBe(3);
    expect(scene.nodeHidden[1]).toBe(1);
    expect([...scene.edgePositions.slice(8)]).toEqual([6, 8, 9, 9]);
  });

  test("filled from the columns, it holds what a walk of the graph built from them gives", () => {
    const columns: ColumnarGraphSlice = {
      attributes: { root: "base", truncated: false, omitted: [], total: 4 },
      relationCodes: [null, "finetune", "adapter"],
      licenseCodes: [{ license: "mit", family: "permissive" }],
      licenseChangeCodes: ["may-conflict", "changed"],
      sourceCodes: ["tag", "inferred"],
      nodes: {
        id: ["base", "a", "b", "orphan"],
        x: [0, 3, 6, -2],
        y: [0, 4, 8, 1],
        generation: [0, 1, 2, 1],
        relation: [0, 1, 2, 0],
        descendants: [2, 1, 0, 0],
        downloads: [10, 5, null, 1],
        hasHiddenChildren: [0, 0, 0, 0],
        license: [0, -1, 0, -1],
        subfamily: [-1, 1, 1, 3],
      },
      labelled: [1],
      edges: { parent: [0, 1], child: [1, 2], relation: [1, 2], source: [0, 1], licenseChange: [-1, 1] },
    };
    const graph = graphFromColumns(columns);
    const fromColumns = new GraphScene(graph, columns);
    const walked = new GraphScene(graph);
    for (const scene of [fromColumns, walked]) {
      scene.byLicense = true;
      scene.restyle();
    }
    for (const field of ["positions", "edgePositions", "edgeAlong", "nodeColors", "radii", "edgeColors"] as const) {
      expect([...fromColumns[field]]).toEqual([...walked[field]]);
    }
    expect(fromColumns.nodeKeys).toEqual(walked.nodeKeys);
    expect(fromColumns.edgeIndexOf("a->b")).toBe(1);
    expect([...fromColumns.thickEdges]).toEqual([...walked.thickEdges]);
    expect([...fromColumns.thickEdges.slice(0, 4)]).toEqual([3, 4, 6, 8]);
  });

  test("filled from the columns before the graph has their links, it draws them all and takes none twice", () => {
    const graph = family();
    const columns = {
      nodes: { id: graph.nodes(), x: [0, 3, 6], y: [0, 4, 8] },
      edges: { parent: [0, 1], child: [1, 2], relation: [0, 0], source: [0, 0], licenseChange: [-1, -1] },
      relationCodes: ["finetune"],
    };
    const bare: LineageGraph = new Graph({ type: "directed" });
    graph.forEachNode((key, attrs) => bare.addNode(key, attrs));
    const scene = new GraphScene(bare, {
      ...columns,
      nodes: {
        ...columns.nodes,
        relation: [0, 0, 0],
        license: [-1, -1, -1],
        descendants: [2, 1, 0],
        downloads: [0, 0, 0],
      },
      labelled: [],
      licenseCodes: [],
      licenseChangeCodes: [],
      sourceCodes: ["tag"],
    } as unknown as ColumnarGraphSlice);
    expect(scene.size).toBe(2);
    expect(scene.isBehind()).toBe(false);
    bare.addDirectedEdgeWithKey("base->a", "base", "a", link());
    bare.addDirectedEdgeWithKey("a->b", "a", "b", link());
    expect(scene.isBehind()).toBe(false);
    scene.sync();
    expect(scene.size).toBe(2);
    bare.addNode("c", model(9, 9));
    bare.addDirectedEdgeWithKey("b->c", "b", "c", link());
    expect(scene.isBehind()).toBe(true);
    scene.sync();
    expect(scene.size).toBe(3);
    expect([...scene.edgeEnds]).toEqual([0, 1, 1, 2, 2, 3]);
  });

  test("drawn from the columns before any graph, it takes in what the graph attached later gains", () => {
    const graph = family();
    const columns = {
      nodes: {
        id: graph.nodes(),
        x: [0, 3, 6],
        y: [0, 4, 8],
        relation: [0, 0, 0],
        license: [-1, -1, -1],
        descendants: [2, 1, 0],
        downloads: [5, -1, 7],
        generation: [0, 1, 2],
        hasHiddenChildren: [0, 0, 0],
        subfamily: [-1, -1, 1],
      },
      labelled: [1, 2],
      edges: { parent: [0, 1], child: [1, 2], relation: [0, 0], source: [0, 0], licenseChange: [-1, -1] },
      relationCodes: ["finetune"],
      licenseCodes: [],
      licenseChangeCodes: [],
      sourceCodes: ["tag"],
    } as unknown as ColumnarGraphSlice;
    const scene = new GraphScene(null, columns, Uint8Array.of(0, 0, 1));
    expect(scene.order).toBe(3);
    expect(scene.size).toBe(2);
    expect(scene.focus).toBe(0);
    expect([...scene.isLabelled]).toEqual([0, 0, 1]);
    expect([...scene.downloads]).toEqual([5, -1, 7]);
    expect(scene.edgeIndexOf("a->b")).toBe(1);
    expect(scene.isBehind()).toBe(false);
    const built = graphFromColumns(columns);
    scene.attachGraph(built);
    expect(scene.isBehind()).toBe(false);
    built.addNode("c", model(9, 9, { isLabelled: true }));
    built.addDirectedEdgeWithKey("b->c", "b", "c", link());
    expect(scene.isBehind()).toBe(true);
    scene.sync();
    expect(scene.order).toBe(4);
    expect(scene.isLabelled[3]).toBe(1);
    expect(scene.edgeIndexOf("b->c")).toBe(2);
  });
});
