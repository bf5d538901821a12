// Domain types shared by the crawler (which produces them), the store and the server (which read them).

export const RELATIONS = ["finetune", "adapter", "quantized", "merge"] as const;
export type Relation = (typeof RELATIONS)[number];

/** Where an edge came from: the Hub's own `base_model:*` tags, the card front matter we parsed, or inference. */
export const EDGE_SOURCES = ["tag", "card", "inferred"] as const;
export type EdgeSource = (typeof EDGE_SOURCES)[number];

/** The Hub's `gated`: false for an open model, else how access is granted. */
export type Gated = false | "auto" | "manual";

export function isRelation(value: unknown): value is Relation {
  return typeof value === "string" && (RELATIONS as readonly string[]).includes(value);
}

/** The fields of a Hub model record we keep. Absent values are null, never undefined. */
export interface ModelFields {
  id: string;
  author: string | null;
  createdAt: string | null;
  lastModified: string | null;
  downloads: number | null;
  likes: number | null;
  pipelineTag: string | null;
  libraryName: string | null;
  license: string | null;
  /** The Hub's `gated` value: false, "auto" or "manual"; null when unknown. */
  gated: Gated | null;
  private: boolean | null;
  sha: string | null;
}

/** A stored model, with what the crawler knows about it. */
export interface Model extends ModelFields {
  /** The successor a card names with `new_version`: never a parent. */
  newVersion: string | null;
  /** When the model's own record was last read from the Hub; null for a model known only as someone's parent. */
  fetchedAt: string | null;
  /** When its direct children were last listed (freshness for down-walks). */
  listedAt: string | null;
  /** When the Hub started answering 404 for it; the model is kept. */
  goneAt: string | null;
}

export interface Evidence {
  kind: string;
  text: string;
}

/** A parent -> child edge as a parser or inference produced it, before storage. */
export interface ParentLink {
  id: string;
  relation: Relation | null;
  source: EdgeSource;
  /** 1 for declared edges; the inference score for inferred ones. */
  confidence: number;
  evidence?: Evidence[];
}

export interface Edge {
  parent: string;
  child: string;
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
  evidence: Evidence[];
  firstSeen: string;
  lastSeen: string;
}

export interface Problem {
  kind: string;
  message: string;
  modelId?: string | null;
}
