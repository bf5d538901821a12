// Batch reads of what lists and graph views show per model: a few stored fields and its descendant count.
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";
import { idKey } from "../../lineage/id-key";
import type { EdgeScope } from "./edges";

/** A model as lists show it. Fields are null for a model known only as someone's parent. */
export interface NodeInfo {
  /** The stored spelling when the model has a row, else the spelling asked for. */
  id: string;
  author: string | null;
  createdAt: string | null;
  downloads: number | null;
  likes: number | null;
  /** Transitive descendants (declared edges, or all edges when the scope includes inferred ones). */
  descendants: number;
  isStored: boolean;
}

interface NodeRow {
  asked: string;
  id: string | null;
  author: string | null;
  created_at: string | null;
  downloads: number | null;
  likes: number | null;
  declared_total: number | null;
  all_total: number | null;
}

const NODES_SQL = `
  SELECT j.value AS asked, m.id, m.author, m.created_at, m.downloads, m.likes, dc.declared_total, dc.all_total
  FROM json_each(?) AS j
  LEFT JOIN models AS m ON m.id = j.value
  LEFT JOIN descendant_counts AS dc ON dc.id = j.value`;

export type NodeReader = (ids: string[]) => Map<string, NodeInfo>;

/** Returns a reader from ids to NodeInfo keyed by `idKey(id)`; one statement per call, whatever the count. */
export function createNodeReader(db: Db, scope: EdgeScope): NodeReader {
  const statement = prepared(db, NODES_SQL);
  return (ids) => {
    const out = new Map<string, NodeInfo>();
    if (!ids.length) return out;
    for (const row of statement.all(JSON.stringify(ids)) as NodeRow[]) {
      out.set(idKey(row.asked), {
        id: row.id ?? row.asked,
        author: row.author ?? authorOf(row.id ?? row.asked),
        createdAt: row.created_at,
        downloads: row.downloads,
        likes: row.likes,
        descendants: (scope.includeInferred ? row.all_total : row.declared_total) ?? 0,
        isStored: row.id !== null,
      });
    }
    return out;
  };
}

const STORED_FIELDS_SQL = `
  SELECT j.key, m.id, m.author, m.created_at, m.downloads, m.likes, m.license
  FROM json_each(?) AS j LEFT JOIN models AS m ON m.id = j.value`;
const STORED_FIELDS_CHUNK = 50_000;

/** NodeInfo with the stored licence (null when unknown or not stored), as graph slices show it. */
export interface StoredNodeInfo extends NodeInfo {
  license: string | null;
}

/**
 * StoredNodeInfo of `ids`, in their order, when the caller already holds their descendant counts (`descendants[k]`
 * for `ids[k]`): one statement per 50,000 ids, reading models only (the licence in the same pass).
 */
export function readNodesWithCounts(db: Db, ids: string[], descendants: ArrayLike<number>): StoredNodeInfo[] {
  const out: StoredNodeInfo[] = new Array(ids.length);
  const statement = prepared(db, STORED_FIELDS_SQL).raw(true);
  for (let from = 0; from < ids.length; from += STORED_FIELDS_CHUNK) {
    const rows = statement.all(JSON.stringify(ids.slice(from, from + STORED_FIELDS_CHUNK))) as [
      number,
      string | null,
      string | null,
      string | null,
      number | null,
      number | null,
      string | null,
    ][];
    for (const [at, id, author, createdAt, downloads, likes, license] of rows) {
      const k = from + at;
      const shown = id ?? ids[k];
      out[k] = {
        id: shown,
        author: author ?? authorOf(shown),
        createdAt,
        downloads,
        likes,
        descendants: descendants[k],
        isStored: id !== null,
        license,
      };
    }
  }
  return out;
}

/** The owner part of an id (`Qwen` in `Qwen/Qwen2.5-7B`); legacy ids without an owner have none. */
export function authorOf(id: string): string | null {
  const slash = id.indexOf("/");
  return slash > 0 ? id.slice(0, slash) : null;
}
