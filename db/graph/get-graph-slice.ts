// The slice of the lineage graph around one model (ancestors up, descendants down), trimmed to a node budget.
import { idKey } from "../../lineage/id-key";
import type { Db } from "../open-database";
import { readLicenses } from "../queries/license-changes";
import { createNodeReader, type NodeInfo } from "../queries/nodes";
import type { GraphSliceResult, SliceOptions } from "./graph-slice";
import { getLineageGraph } from "./get-lineage-graph";
import { sliceLineageGraph } from "./slice-lineage-graph";

/**
 * Computed on the in-memory lineage graph, read again after each write (db/graph/lineage-graph.ts). A model in no
 * edge is not in that graph: its slice is itself alone, read from the models table (or named as asked).
 */
export function getGraphSlice(db: Db, focusId: string, options: SliceOptions): GraphSliceResult {
  const slice = sliceLineageGraph(db, getLineageGraph(db), focusId, options);
  if (slice) return slice;
  const info = createNodeReader(db, options)([focusId]).get(idKey(focusId)) as NodeInfo;
  return {
    focus: info.id,
    nodes: [
      { ...info, license: readLicenses(db, [info.id])[0], generation: 0, relation: null, hasHiddenChildren: false },
    ],
    edges: [],
    total: 1,
    truncated: false,
    omitted: [],
  };
}
