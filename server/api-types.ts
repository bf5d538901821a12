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

/** What one source says of a (parent, child) pair. */
export interface LinkSource {
  source: EdgeSource;
  relation: Relation | null;
  confidence: number;
}

/** A parent of GET /api/models/<id>: its link (the strongest source's), every source of the pair, its licence. */
export interface ModelParent extends ParentRef {
  sources: LinkSource[];
  /** The parent's licence; null when unknown or the parent is not stored. */
  license: string | null;
}

export type LicenseChangeKind = "may-conflict" | "changed";

/** A parent whose known licence differs from the model's own known licence. */
export interface LicenseChange {
  parent: string;
  parentLicense: string;
  license: string;
  /** `may-conflict` when the model's licence drops a restriction of the parent's (lineage/license-family.ts). */
  kind: LicenseChangeKind;
}

/** Descendant figures, with how many of the descendants have at least one licence change from a parent. */
export type DescendantFigures = RelationCounts & { maxDepth: number; licenseChanges: number };

/** GET /api/models/<id> (fixed: id, parents, children, descendants, roots, licenseChanges). */
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
  /** As the Hub sends it; null when unknown. */
  gated: false | "auto" | "manual" | null;
  private: boolean | null;
  sha: string | null;
  newVersion: string | null;
  fetchedAt: string | null;
  goneAt: string | null;
  parents: ModelParent[];
  children: RelationCounts;
  descendants: DescendantFigures;
  roots: string[];
  licenseChanges: LicenseChange[];
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
  /** Null when unknown. */
  license: string | null;
  licenseFamily: LicenseFamilyName | null;
}

export type LicenseFamilyName = "permissive" | "copyleft" | "non-commercial" | "use-restricted" | "other";

export interface GraphEdgeAttributes {
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
  /** How the child's known licence differs from the parent's; null when not known to differ. */
  licenseChange: LicenseChangeKind | null;
}

/** GET /api/graph: graphology's SerializedGraph plus what truncation left out. */
export interface GraphSlice {
  attributes: { root: string; truncated: boolean; omitted: { generation: number; count: number }[]; total: number };
  options: { type: "directed"; multi: false; allowSelfLoops: true };
  nodes: { key: string; attributes: GraphNodeAttributes }[];
  edges: { key: string; source: string; target: string; attributes: GraphEdgeAttributes }[];
}

/** GET /api/search answers SearchHit[], best first. */
export interface SearchHit {
  id: string;
  author: string | null;
  descendants: number;
  downloads: number | null;
  /** The id, or its name after the owner, starts with the query (these rank first). */
  isPrefix: boolean;
}

// ---- Added with the server (server/routes/*): the answers of the other read routes. ----

/** Per relation, with "unknown" for links whose relation nothing tells. */
export type RelationTally = Record<Relation | "unknown", number>;

/** A model as lists show it. */
export interface ModelSummary {
  id: string;
  author: string | null;
  createdAt: string | null;
  downloads: number | null;
  likes: number | null;
  /** Transitive descendants (declared edges, or all when `inferred=include`). */
  descendants: number;
}

/** GET /api/models/<id>/ancestors: every path from the model up to its roots. */
export interface AncestorsResponse {
  id: string;
  renamedFrom?: string;
  /** The model (depth 0) and each ancestor once, with its fewest hops up and its parents. */
  nodes: (ModelSummary & { depth: number; parents: ParentRef[] })[];
  /** Each path lists ids from the model up to a root; `endsInCycle` when bad data loops back onto the path. */
  paths: { ids: string[]; endsInCycle: boolean }[];
  roots: string[];
  /** True when a cap cut the answer short; `capped` says which, `limits` gives the caps. */
  truncated: boolean;
  capped: { nodes: boolean; paths: boolean };
  limits: { maxNodes: number; maxPaths: number };
  inferred: { included: boolean };
}

export type DescendantSort = "downloads" | "likes" | "created" | "depth";

export interface DescendantItem extends ModelSummary {
  /** Hops below the model (1 = direct child). */
  depth: number;
  /** The parent that reaches it in the fewest hops (best source, then smallest id, when several do). */
  parent: string;
  /** The relation of its edge to that parent. */
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
}

/** GET /api/models/<id>/descendants: one keyset page; `nextCursor` is absent on the last page. */
export interface DescendantsPage {
  id: string;
  renamedFrom?: string;
  sort: DescendantSort;
  /** Descendants matching the filters over all pages. */
  total: number;
  items: DescendantItem[];
  nextCursor?: string;
  inferred: { included: boolean };
}

export interface GrowthPeriod extends RelationCounts {
  /** First day of the period (UTC, YYYY-MM-DD); weeks start on Monday. */
  start: string;
}

/** GET /api/models/<id>/growth: descendants created per period, every period from the first to the last. */
export interface GrowthResponse {
  id: string;
  renamedFrom?: string;
  interval: "week" | "month";
  relation: Relation | null;
  periods: GrowthPeriod[];
  /** Descendants without a usable creation date (the Hub's 2022-03-02T23:29:04.000Z placeholder included). */
  unknown: RelationCounts;
  total: number;
  inferred: { included: boolean };
}

/** GET /api/families/top */
export interface FamilyItem {
  rank: number;
  id: string;
  author: string | null;
  createdAt: string | null;
  downloads: number | null;
  likes: number | null;
  /** The figure ranked by (descendants or direct children, of `relation` or in total). */
  score: number;
  children: RelationCounts;
  descendants: DescendantFigures;
}

export interface FamiliesResponse {
  by: "descendants" | "direct" | "licenseChanges";
  relation: Relation | null;
  author: string | null;
  items: FamilyItem[];
  inferred: { included: boolean };
}

/** GET /api/orgs/<author>: the author's models (most downloaded first) and the outside bases they build on. */
export interface OrgResponse {
  author: string;
  /** All of the author's models; `models` holds the first `limit`. */
  total: number;
  models: (ModelSummary & { parents: ParentRef[] })[];
  /** Outside models the author's models derive from (directly or through the author's own models). */
  bases: (ModelSummary & { models: number; direct: RelationTally; roots: string[] })[];
  basesTotal: number;
  inferred: { included: boolean };
}

export interface RunSummary {
  id: number;
  command: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  requests: number;
  models: number;
  edges: number;
  retries: number;
  problems: number;
}

/** GET /api/stats */
export interface StatsResponse {
  models: { total: number; fetched: number; gone: number };
  /** Models with at least one declared descendant. */
  families: number;
  edges: {
    total: number;
    byRelation: RelationTally;
    bySource: Record<EdgeSource, number>;
    /** Pairs whose sources name different relations (counted once, under the strongest source's). */
    disagreements: number;
  };
  lastRun: RunSummary | null;
  dbBytes: number;
}

/** One event of GET /api/forks (fixed: model, root, relation, depth, createdAt, seenAt): a model entering a
 *  tracked family, as the watcher saw it. `kind` is "new" for a newly published model, "joined" for an existing
 *  model whose changed base_model now puts it under the family. */
export interface ForkItem {
  model: string;
  root: string;
  relation: Relation | null;
  /** Hops from the model up to the root (1 = direct child). */
  depth: number;
  /** The model's createdAt on the Hub. */
  createdAt: string | null;
  /** When the watcher recorded the event. */
  seenAt: string;
  kind: "new" | "joined";
}

/** GET /api/forks: newest first (by the order the watcher recorded them); `nextCursor` is absent on the last page. */
export interface ForksPage {
  items: ForkItem[];
  nextCursor?: string;
}
