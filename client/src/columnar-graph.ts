// Turns the columnar answer of GET /api/graph/columnar into the view's graphology graph, one pass per column.
import Graph from "graphology";
import type { ColumnarGraphSlice, Relation } from "../../server/contract/types";
import type { LaidOutNodeAttributes, LineageGraph } from "./lineage-graph";

type Column = ArrayLike<number>;

/**
 * The columnar slice as the view reads it: the JSON answer's arrays, or the binary answer's typed arrays
 * (client/src/columnar-binary.ts), where an unknown download count is -1 rather than null.
 */
export interface FamilyColumns
  extends Pick<
    ColumnarGraphSlice,
    "attributes" | "relationCodes" | "licenseCodes" | "licenseChangeCodes" | "sourceCodes"
  > {
  nodes: {
    id: readonly string[];
    x: Column;
    y: Column;
    generation: Column;
    relation: Column;
    descendants: Column;
    downloads: ArrayLike<number | null>;
    hasHiddenChildren: Column;
    license: Column;
    subfamily: Column;
  };
  labelled: Column;
  edges: { parent: Column; child: Column; relation: Column; source: Column; licenseChange: Column };
}

/** Edge keys are `parent->child`, as in GET /api/graph: unique in a simple directed graph. */
export function edgeKey(parent: string, child: string): string {
  return `${parent}->${child}`;
}

/** 1 for each model of the slice that has a parent in it. */
export function parentFlags(columns: FamilyColumns): Uint8Array {
  const hasParent = new Uint8Array(columns.nodes.id.length);
  const { child } = columns.edges;
  for (let l = 0; l < child.length; l++) hasParent[child[l]] = 1;
  return hasParent;
}

/** The focus is model 0; a model with no relation and no parent in the slice is a base model. */
export function roleOf(k: number, relation: Relation | null, hasParent: boolean): LaidOutNodeAttributes["role"] {
  if (k === 0) return "focus";
  return relation === null && !hasParent ? "base" : undefined;
}

/**
 * The graph of a columnar slice: positions as the server laid them out, roles and label picks set; its links up to
 * `linksUpTo` (all by default: addColumnLinks adds the rest, in the columns' order).
 */
export function graphFromColumns(columns: FamilyColumns, linksUpTo = columns.edges.parent.length): LineageGraph {
  const { nodes, relationCodes, licenseCodes } = columns;
  const graph: LineageGraph = new Graph({ type: "directed", multi: false, allowSelfLoops: true });
  const isLabelled = new Uint8Array(nodes.id.length);
  for (let i = 0; i < columns.labelled.length; i++) isLabelled[columns.labelled[i]] = 1;
  const hasParent = parentFlags(columns);
  for (let k = 0; k < nodes.id.length; k++) {
    const relation = relationCodes[nodes.relation[k]];
    const downloads = nodes.downloads[k];
    const attributes: LaidOutNodeAttributes = {
      label: nodes.id[k],
      relation,
      descendants: nodes.descendants[k],
      downloads: downloads === null || downloads < 0 ? null : downloads,
      generation: nodes.generation[k],
      hasHiddenChildren: nodes.hasHiddenChildren[k] === 1,
      license: nodes.license[k] >= 0 ? licenseCodes[nodes.license[k]].license : null,
      licenseFamily: nodes.license[k] >= 0 ? licenseCodes[nodes.license[k]].family : null,
      x: nodes.x[k],
      y: nodes.y[k],
      isLabelled: isLabelled[k] === 1,
      subfamily: nodes.subfamily[k] >= 0 ? nodes.id[nodes.subfamily[k]] : null,
    };
    const role = roleOf(k, relation, hasParent[k] === 1);
    if (role) attributes.role = role;
    graph.addNode(nodes.id[k], attributes);
  }
  addColumnLinks(graph, columns, 0, linksUpTo);
  return graph;
}

/** Adds the slice's links numbered `from` (included) to `to` (excluded) to its graph. */
export function addColumnLinks(graph: LineageGraph, columns: FamilyColumns, from: number, to: number): void {
  const { nodes, edges, relationCodes, sourceCodes, licenseChangeCodes } = columns;
  for (let l = from; l < to; l++) {
    const parent = nodes.id[edges.parent[l]];
    const child = nodes.id[edges.child[l]];
    graph.addDirectedEdgeWithKey(edgeKey(parent, child), parent, child, {
      relation: relationCodes[edges.relation[l]],
      source: sourceCodes[edges.source[l]],
      // The columns leave confidences out: the view only tells inferred links apart (dashed).
      confidence: 1,
      licenseChange: edges.licenseChange[l] >= 0 ? licenseChangeCodes[edges.licenseChange[l]] : null,
    });
  }
}
