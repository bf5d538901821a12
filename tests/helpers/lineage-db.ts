// Small hand-made lineage databases for query tests, written through the store's own write functions.
import { rebuildDescendantCounts } from "../../db/counts/descendant-counts";
import { setParents } from "../../db/edges";
import { upsertModels, type ModelInput } from "../../db/models";
import { openDatabase, type Db } from "../../db/open-database";
import type { EdgeSource, ParentLink, Relation } from "../../lineage/types";

export const NOW = "2025-06-01T00:00:00.000Z";

/** `parent child relation [source] [confidence]`, e.g. "a/base a/ft finetune" or "x/y a/ft adapter inferred 0.7". */
export type EdgeSpec = string;

export interface ModelSpec {
  id: string;
  downloads?: number | null;
  likes?: number | null;
  createdAt?: string | null;
  author?: string | null;
}

export function modelInput(spec: ModelSpec | string): ModelInput {
  const s = typeof spec === "string" ? { id: spec } : spec;
  return {
    id: s.id,
    author: s.author === undefined ? (s.id.includes("/") ? s.id.split("/")[0] : null) : s.author,
    createdAt: s.createdAt ?? null,
    lastModified: null,
    downloads: s.downloads ?? null,
    likes: s.likes ?? null,
    pipelineTag: null,
    libraryName: null,
    license: null,
    gated: null,
    private: null,
    sha: null,
  };
}

/**
 * A fresh :memory: database with `models` stored and `edges` set (per child and source, as the crawler does),
 * counts rebuilt. Ids that only edges name are not stored as models.
 */
export function buildLineageDb(models: (ModelSpec | string)[], edges: EdgeSpec[]): Db {
  const db = openDatabase(":memory:");
  upsertModels(db, models.map(modelInput), NOW);
  const grouped = new Map<string, ParentLink[]>();
  for (const spec of edges) {
    const [parent, child, relation, source = "tag", confidence = "1"] = spec.trim().split(/\s+/);
    const link: ParentLink = {
      id: parent,
      relation: relation === "null" ? null : (relation as Relation),
      source: source as EdgeSource,
      confidence: Number(confidence),
      ...(source === "inferred" ? { evidence: [{ kind: "test", text: `${parent} named in ${child}'s card` }] } : {}),
    };
    const key = `${child}\n${source}`;
    grouped.set(key, [...(grouped.get(key) ?? []), link]);
  }
  for (const [key, links] of grouped) {
    const [child, source] = key.split("\n");
    setParents(db, child, source as EdgeSource, links, NOW);
  }
  rebuildDescendantCounts(db);
  return db;
}
