// The JSON the API answers with: the contract between server/ and client/ (the client imports these types only).
// Field names marked "fixed" are promised to outside clients in ../shared/CONTRACTS.md.

export type Relation = "finetune" | "adapter" | "quantized" | "merge";
export type EdgeSource = "tag" | "card" | "inferred";

export interface ApiError {
  error: { code: string; message: string };
}

export interface RelationCounts {
  total: number;
  finetune: number;
  adapter: number;
  quantized: number;
  merge: number;
}

export interface ParentRef {
  id: string;
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
  evidence?: { kind: string; text: string }[];
}

/** GET /api/models/<id> (fixed: id, parents, children, descendants, roots). */
export interface ModelDetail {
  id: string;
  /** Set when the id asked for is an old (renamed) id: the id that was asked for. */
  renamedFrom?: string;
  url: string;
  author: string | null;
  createdAt: string | null;
  lastModified: string | null;
  downloads: number | null;
  likes: number | null;
  pipelineTag: string | null;
  libraryName: string | null;
  license: string | null;
  gated: string | null;
  private: boolean | null;
  sha: string | null;
  newVersion: string | null;
  fetchedAt: string | null;
  goneAt: string | null;
  parents: ParentRef[];
  children: RelationCounts;
  descendants: RelationCounts & { maxDepth: number };
  roots: string[];
  /** Whether inferred edges were counted (`?inferred=include`), and the inferred-only figures apart. */
  inferred: { included: boolean; children: number; descendants: number };
}

/** Node attributes of GET /api/graph. `generation` is the depth relative to the focused model: 0 the focus,
 *  +n its descendants n hops down, -n its ancestors n hops up. */
export interface GraphNodeAttributes {
  label: string;
  author: string | null;
  relation: Relation | null;
  descendants: number;
  downloads: number | null;
  likes: number | null;
  createdAt: string | null;
  generation: number;
  /** True when some of this node's children were left out of the slice (the view offers to expand it). */
  hasHiddenChildren: boolean;
}

export interface GraphEdgeAttributes {
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
}

/** GET /api/graph: graphology's SerializedGraph plus what truncation left out. */
export interface GraphSlice {
  attributes: { root: string; truncated: boolean; omitted: { generation: number; count: number }[]; total: number };
  options: { type: "directed"; multi: false; allowSelfLoops: true };
  nodes: { key: string; attributes: GraphNodeAttributes }[];
  edges: { key: string; source: string; target: string; attributes: GraphEdgeAttributes }[];
}

export interface SearchHit {
  id: string;
  author: string | null;
  descendants: number;
  downloads: number | null;
}
