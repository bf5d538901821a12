// What a graph slice is: the options that shape it and the models and links it shows around one model.
import type { LinkRow, EdgeScope } from "../queries/edges";
import type { StoredNodeInfo } from "../queries/nodes";
import type { Relation } from "../../lineage/types";

export interface SliceOptions extends EdgeScope {
  /** Generations of ancestors to include. */
  up: number;
  /** Generations of descendants to include. */
  down: number;
  /** Follow only edges with these relations; null follows all. */
  relations: Relation[] | null;
  /** Node budget; above it the least significant descendants are left out. */
  limit: number;
}

export interface SliceNode extends StoredNodeInfo {
  /** Hops from the focus: 0 the focus, +n descendants, -n ancestors. */
  generation: number;
  /** Its relation as a descendant (see relationAsDescendant), whatever the relations followed. */
  relation: Relation | null;
  /** Some of its children (with the relations asked for) are not in the slice. */
  hasHiddenChildren: boolean;
}

export interface GraphSliceResult {
  focus: string;
  nodes: SliceNode[];
  edges: LinkRow[];
  /** Models found within `up`/`down` before trimming to `limit`. */
  total: number;
  truncated: boolean;
  /** Models found but left out by trimming, per generation (only generations that lost some). */
  omitted: { generation: number; count: number }[];
}
