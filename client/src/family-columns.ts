// The family's columnar answer as the view reads it (GET /api/graph/columnar, JSON or binary), and what the view
// derives from it without building a graph: the first frame is drawn from these before graphology is even loaded.
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

/** 1 for each model the server names as worth a label. */
export function labelledFlags(columns: FamilyColumns): Uint8Array {
  const isLabelled = new Uint8Array(columns.nodes.id.length);
  for (let i = 0; i < columns.labelled.length; i++) isLabelled[columns.labelled[i]] = 1;
  return isLabelled;
}

/** A model's number by its id, the map built when first asked for. */
export function columnsIndex(columns: FamilyColumns): (id: string) => number | undefined {
  let index: Map<string, number> | null = null;
  return (id) => {
    index ??= new Map(columns.nodes.id.map((key, k) => [key, k]));
    return index.get(id);
  };
}

/**
 * A shown model's generation and whether the slice left children of it out, from the family's graph once built (it
 * grows with expansions), else from the columns; null when the model is not shown.
 */
export function shownModel(
  id: string,
  columns: FamilyColumns,
  indexOf: (id: string) => number | undefined,
  graph: LineageGraph | null,
): { generation: number; hasHiddenChildren: boolean } | null {
  if (graph) return graph.hasNode(id) ? graph.getNodeAttributes(id) : null;
  const k = indexOf(id);
  if (k === undefined) return null;
  return { generation: columns.nodes.generation[k], hasHiddenChildren: columns.nodes.hasHiddenChildren[k] === 1 };
}
