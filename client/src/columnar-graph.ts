// Turns the columnar answer of GET /api/graph/columnar into the view's graphology graph, one pass per column: the one
// module of the model view that loads graphology, in a chunk of its own that the first frame does not wait for.
import Graph from "graphology";
import { edgeKey, type FamilyColumns, labelledFlags, parentFlags, roleOf } from "./family-columns";
import type { LaidOutNodeAttributes, LineageGraph } from "./lineage-graph";

/**
 * The graph of a columnar slice: positions as the server laid them out, roles and label picks set (`isLabelled`, 1 a
 * model: the server's picks by default, fit-labels.ts's in the view); its links up to `linksUpTo` (all by default:
 * addColumnLinks adds the rest, in the columns' order).
 */
export function graphFromColumns(
  columns: FamilyColumns,
  linksUpTo = columns.edges.parent.length,
  isLabelled = labelledFlags(columns),
): LineageGraph {
  const graph = createFamilyGraph();
  addColumnModels(graph, columns, 0, columns.nodes.id.length, isLabelled);
  addColumnLinks(graph, columns, 0, linksUpTo);
  return graph;
}

/** An empty graph of the kind the view draws. */
export function createFamilyGraph(): LineageGraph {
  return new Graph({ type: "directed", multi: false, allowSelfLoops: true });
}

/**
 * Adds the slice's models numbered `from` (included) to `to` (excluded) to its graph, in order. `hasParent`:
 * parentFlags(columns), passed when adding in several steps so that it is computed once.
 */
export function addColumnModels(
  graph: LineageGraph,
  columns: FamilyColumns,
  from: number,
  to: number,
  isLabelled: Uint8Array,
  hasParent = parentFlags(columns),
): void {
  const { nodes, relationCodes, licenseCodes } = columns;
  for (let k = from; k < to; k++) {
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
