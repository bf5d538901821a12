// The family's graphology graph, built from its columns once the first frame is on screen: this module, with
// columnar-graph.ts, family-links.ts and graphology, loads as a chunk of its own that the first frame never waits for.
import { addColumnModels, createFamilyGraph } from "./columnar-graph";
import { type FamilyColumns, parentFlags } from "./family-columns";
import { DEFER_LINKS_ABOVE, type DeferredLinks, deferLinks } from "./family-links";
import type { LineageGraph } from "./lineage-graph";

export interface FamilyGraph {
  graph: LineageGraph;
  /** A large family's links reach the graph in slices (family-links.ts); `links.start` adds them. */
  links: DeferredLinks;
}

/** Models added per turn of the event loop: the view on screen answers input between them (a large family's build). */
const MODELS_A_TURN = 20_000;

const nextTurn = () => new Promise<void>((done) => setTimeout(done, 0));

/**
 * The graph of `columns`, its label picks `isLabelled` (fit-labels.ts): its models added a slice per turn of the event
 * loop, its links too when they are many (else all at once, here); null when `isStale()` turns true between slices.
 */
export async function buildFamilyGraph(
  columns: FamilyColumns,
  isLabelled: Uint8Array,
  isStale: () => boolean,
): Promise<FamilyGraph | null> {
  const graph = createFamilyGraph();
  const hasParent = parentFlags(columns);
  const models = columns.nodes.id.length;
  for (let from = 0; from < models; from += MODELS_A_TURN) {
    if (from > 0) await nextTurn();
    if (isStale()) return null;
    addColumnModels(graph, columns, from, Math.min(models, from + MODELS_A_TURN), isLabelled, hasParent);
  }
  const links = deferLinks(graph, columns, 0);
  if (columns.edges.parent.length <= DEFER_LINKS_ABOVE) links.complete();
  return { graph, links };
}
