// The model view's probe for the browser tests and the benchmark: the family's models from its graph once built, else
// from the columns the first frame was drawn from.
import type { FamilyColumns } from "./family-columns";
import type { LineageGraph } from "./lineage-graph";
import type { ModelViewProbe, ProbedNode } from "./test-probe";

export function createFamilyProbe(
  columns: FamilyColumns,
  graphOf: () => LineageGraph | null,
  nodeToViewport: ModelViewProbe["nodeToViewport"],
): ModelViewProbe {
  return {
    focus: columns.attributes.root,
    firstFrameAt: null,
    nodes(): ProbedNode[] {
      const graph = graphOf();
      if (graph)
        return graph.mapNodes((id, attrs) => ({
          id,
          relation: attrs.relation,
          generation: attrs.generation,
          descendants: attrs.descendants,
          hasHiddenChildren: attrs.hasHiddenChildren,
        }));
      const { nodes, relationCodes } = columns;
      return nodes.id.map((id, k) => ({
        id,
        relation: relationCodes[nodes.relation[k]],
        generation: nodes.generation[k],
        descendants: nodes.descendants[k],
        hasHiddenChildren: nodes.hasHiddenChildren[k] === 1,
      }));
    },
    nodeToViewport,
  };
}
