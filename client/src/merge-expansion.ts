// What "show hidden children" adds to the view: the new models (placed beside the expanded one), the new links,
// and what the truncation notice still counts as left out. Pure: reads the graph, returns the changes.
import type { GraphEdgeAttributes, GraphSlice } from "../../server/contract/types";
import { edgeKey } from "./family-columns";
import type { Omitted } from "./describe-omitted";
import type { LaidOutNodeAttributes } from "./lineage-graph";

/** What the merge needs to know of the current graph. */
export interface ExpansionTarget {
  hasNode(id: string): boolean;
  hasEdge(parent: string, child: string): boolean;
}

export interface Expansion {
  nodes: { key: string; attributes: LaidOutNodeAttributes }[];
  edges: { key: string; source: string; target: string; attributes: GraphEdgeAttributes }[];
  omitted: Omitted[];
  /** Whether the expanded model still has children out of view (its slice was itself truncated). */
  hasHiddenChildren: boolean;
}

/** Least distance between two new models, in layout units (as on the server's rings). */
const SPACING = 2;
/** The arc the new models take, centred on the direction away from the focus. */
const ARC = Math.PI;
const MIN_RADIUS = 6;

/**
 * Merges the one-generation slice below `node` (at generation `base` and position `at` in the view) into the view:
 * models not shown yet go on an arc beyond it, away from the focus at the origin; links between shown models
 * are added once; each added model is one fewer left out in generation base + 1.
 */
export function mergeExpansion(
  target: ExpansionTarget,
  node: { id: string; generation: number; x: number; y: number; subfamily: string | null },
  slice: GraphSlice,
  omitted: Omitted[],
): Expansion {
  const fresh = slice.nodes.filter(({ key }) => !target.hasNode(key));
  const radius = Math.max(MIN_RADIUS, (fresh.length * SPACING) / ARC);
  const outward = node.x === 0 && node.y === 0 ? -Math.PI / 2 : Math.atan2(node.y, node.x);
  const step = fresh.length > 1 ? ARC / (fresh.length - 1) : 0;
  const first = fresh.length > 1 ? outward - ARC / 2 : outward;
  const nodes = fresh.map(({ key, attributes }, i) => ({
    key,
    attributes: {
      label: attributes.label,
      relation: attributes.relation,
      descendants: attributes.descendants,
      downloads: attributes.downloads,
      hasHiddenChildren: attributes.hasHiddenChildren,
      license: attributes.license,
      licenseFamily: attributes.licenseFamily,
      generation: node.generation + attributes.generation,
      x: node.x + radius * Math.cos(first + i * step),
      y: node.y + radius * Math.sin(first + i * step),
      subfamily: node.generation === 0 ? key : node.subfamily,
    },
  }));
  const added = new Set(nodes.map(({ key }) => key));
  const isShown = (id: string) => added.has(id) || target.hasNode(id);
  const edges = slice.edges
    .filter(({ source, target: child }) => isShown(source) && isShown(child) && !target.hasEdge(source, child))
    .map(({ source, target: child, attributes }) => ({
      key: edgeKey(source, child),
      source,
      target: child,
      attributes,
    }));
  const below = node.generation + 1;
  return {
    nodes,
    edges,
    omitted: omitted
      .map((entry) =>
        entry.generation === below ? { ...entry, count: Math.max(0, entry.count - nodes.length) } : entry,
      )
      .filter((entry) => entry.count > 0),
    hasHiddenChildren: slice.attributes.truncated,
  };
}
