// An author's (org's) models and the outside bases they derive from, e.g. skt -> Qwen/Qwen2.5-72B.
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";
import { getRoots } from "./ancestors";
import { idKey } from "../../lineage/id-key";
import { createParentReader, type EdgeScope, type LinkRow } from "./edges";
import { authorOf, createNodeReader, type NodeInfo } from "./nodes";
import type { Relation } from "../../lineage/types";

export interface OrgModel extends NodeInfo {
  parents: LinkRow[];
}

export interface OrgBase extends NodeInfo {
  /** How many of the org's models derive from it (directly, or through other models of the org). */
  models: number;
  /** Of those, how many link to it directly, per relation of that link ("unknown" when none is known). */
  direct: Record<Relation | "unknown", number>;
  roots: string[];
}

export interface OrgOverview {
  /** The author's spelling as stored. */
  author: string;
  /** All of the author's models; `models` lists the most downloaded `limit` of them. */
  total: number;
  models: OrgModel[];
  /** Outside models the org builds on, most used first; at most `limit`. */
  bases: OrgBase[];
  /** Distinct outside bases over all of the org's models. */
  basesTotal: number;
}

const AUTHOR_MODELS = `SELECT id, author FROM models WHERE author = ? ORDER BY coalesce(downloads, -1) DESC, id`;

/** Null when no stored model has this author. */
export function getOrgOverview(db: Db, author: string, options: EdgeScope & { limit: number }): OrgOverview | null {
  const rows = prepared(db, AUTHOR_MODELS).all(author) as { id: string; author: string }[];
  if (!rows.length) return null;
  const readParents = createParentReader(db, options);
  const owner = idKey(author);
  const isOwn = (id: string) => idKey(authorOf(id) ?? "") === owner;

  const parentsOf = new Map<string, LinkRow[]>();
  const parentsCached = (id: string) => {
    const key = idKey(id);
    let parents = parentsOf.get(key);
    if (!parents) {
      parents = readParents(id);
      parentsOf.set(key, parents);
    }
    return parents;
  };

  // For each of the org's models, walk up through the org's own models to the first outside ancestors.
  const bases = new Map<string, { id: string; models: number; direct: Record<Relation | "unknown", number> }>();
  for (const row of rows) {
    const reached = new Set<string>();
    const seen = new Set([idKey(row.id)]);
    const stack = [row.id];
    while (stack.length) {
      const current = stack.pop() as string;
      for (const link of parentsCached(current)) {
        const key = idKey(link.parent);
        if (seen.has(key)) continue;
        seen.add(key);
        if (isOwn(link.parent)) {
          stack.push(link.parent);
          continue;
        }
        reached.add(key);
        const base = bases.get(key) ?? {
          id: link.parent,
          models: 0,
          direct: { finetune: 0, adapter: 0, quantized: 0, merge: 0, unknown: 0 },
        };
        if (current === row.id) base.direct[link.relation ?? "unknown"] += 1;
        bases.set(key, base);
      }
    }
    for (const key of reached) (bases.get(key) as { models: number }).models += 1;
  }

  const listed = rows.slice(0, options.limit);
  const topBases = [...bases.values()]
    .sort((a, b) => b.models - a.models || (idKey(a.id) < idKey(b.id) ? -1 : 1))
    .slice(0, options.limit);
  const info = createNodeReader(db, options)([...listed.map((r) => r.id), ...topBases.map((b) => b.id)]);
  return {
    author: rows[0].author,
    total: rows.length,
    models: listed.map((row) => ({ ...(info.get(idKey(row.id)) as NodeInfo), parents: parentsCached(row.id) })),
    bases: topBases.map((base) => ({
      ...(info.get(idKey(base.id)) as NodeInfo),
      models: base.models,
      direct: base.direct,
      roots: getRoots(db, base.id, options),
    })),
    basesTotal: bases.size,
  };
}
