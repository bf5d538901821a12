// The family's graphology graph, built from its columns once the first frame is on screen: this module, with
// columnar-graph.ts, family-links.ts and graphology, loads as a chunk of its own that the first frame never waits for.
import { graphFromColumns } from "./columnar-graph";
import type { FamilyColumns } from "./family-columns";
import { DEFER_LINKS_ABOVE, type DeferredLinks, deferLinks } from "./family-links";
import type { LineageGraph } from "./lineage-graph";

export interface FamilyGraph {
  graph: LineageGraph;
  /** A large family's links reach the graph in slices (family-links.ts); `links.start` adds them. */
  links: DeferredLinks;
}

/** The graph of `columns`, its label picks `isLabelled` (fit-labels.ts); a large family's links deferred. */
export function buildFamilyGraph(columns: FamilyColumns, isLabelled: Uint8Array): FamilyGraph {
  const linksInGraph = columns.edges.parent.length > DEFER_LINKS_ABOVE ? 0 : columns.edges.parent.length;
  const graph = graphFromColumns(columns, linksInGraph, isLabelled);
  return { graph, links: deferLinks(graph, columns, linksInGraph) };
}
