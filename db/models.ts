// The models table: upserts of Hub records, freshness marks (fetched, listed, gone) and reads by id.
import type { Gated, Model, ModelFields } from "../lineage/types";
import { pickModelFields } from "./model-fields";
import type { Db } from "./open-database";
import { prepared, preparedPluck } from "./statement-cache";
import { assertId } from "./store-errors";
import { withinTransaction } from "./within-transaction";

export type ModelInput = ModelFields & {
  /** A successor named by the card's `new_version`: undefined keeps the stored value, null clears it. */
  newVersion?: string | null;
};

export interface Freshness {
  fetchedAt: string | null;
  listedAt: string | null;
}

export interface ModelRow {
  id: string;
  author: string | null;
  created_at: string | null;
  last_modified: string | null;
  downloads: number | null;
  likes: number | null;
  pipeline_tag: string | null;
  library_name: string | null;
  license: string | null;
  gated: string | null;
  private: number | null;
  sha: string | null;
  new_version: string | null;
  fetched_at: string | null;
  listed_at: string | null;
  gone_at: string | null;
}

export const MODEL_COLUMNS =
  "id, author, created_at, last_modified, downloads, likes, pipeline_tag, library_name, license, gated, private, " +
  "sha, new_version, fetched_at, listed_at, gone_at";

/** An upsert's update of the record's own fields: the record's spelling of the id, a null field keeps the stored one. */
export const RECORD_FIELDS_UPDATE = `
    id            = excluded.id,
    author        = coalesce(excluded.author, author),
    created_at    = coalesce(excluded.created_at, created_at),
    last_modified = coalesce(excluded.last_modified, last_modified),
    downloads     = coalesce(excluded.downloads, downloads),
    likes         = coalesce(excluded.likes, likes),
    pipeline_tag  = coalesce(excluded.pipeline_tag, pipeline_tag),
    library_name  = coalesce(excluded.library_name, library_name),
    license       = coalesce(excluded.license, license),
    gated         = coalesce(excluded.gated, gated),
    private       = coalesce(excluded.private, private),
    sha           = coalesce(excluded.sha, sha)`;

// A record read now is the Hub's word: its spelling of the id wins, and the model is not gone. A null field keeps
// the stored value, because listings return only the fields they were asked to expand.
const UPSERT_SQL = `
  INSERT INTO models (id, author, created_at, last_modified, downloads, likes, pipeline_tag, library_name, license,
                      gated, private, sha, new_version, fetched_at)
  VALUES (@id, @author, @createdAt, @lastModified, @downloads, @likes, @pipelineTag, @libraryName, @license,
          @gated, @private, @sha, @newVersion, @now)
  ON CONFLICT (id) DO UPDATE SET
    ${RECORD_FIELDS_UPDATE},
    new_version   = CASE WHEN @keepNewVersion THEN new_version ELSE excluded.new_version END,
    fetched_at    = excluded.fetched_at,
    gone_at       = NULL`;
const EXISTS_SQL = "SELECT 1 FROM models WHERE id = ?";
const GET_SQL = `SELECT ${MODEL_COLUMNS} FROM models WHERE id = ?`;
const MARK_LISTED_SQL = `
  INSERT INTO models (id, listed_at) VALUES (?, ?)
  ON CONFLICT (id) DO UPDATE SET listed_at = excluded.listed_at`;
const MARK_GONE_SQL = `
  INSERT INTO models (id, gone_at) VALUES (?, ?)
  ON CONFLICT (id) DO UPDATE SET gone_at = coalesce(gone_at, excluded.gone_at)`;
const FRESHNESS_SQL = "SELECT fetched_at, listed_at FROM models WHERE id = ?";
const ESTIMATE_SQL = "SELECT coalesce(max(rowid), 0) FROM models";

/**
 * Writes Hub records, setting fetched_at = now. Idempotent; an id known under another case is the same row and
 * takes the record's spelling. Returns how many of the models were not in the table before.
 */
export function upsertModels(db: Db, models: ModelInput[], now: string): number {
  const exists = prepared(db, EXISTS_SQL);
  const upsert = prepared(db, UPSERT_SQL);
  return withinTransaction(db, () => {
    let added = 0;
    for (const model of models) {
      assertId(model.id, "upsertModels");
      if (!exists.get(model.id)) added++;
      upsert.run({
        ...pickModelFields(model),
        private: model.private === null ? null : model.private ? 1 : 0,
        gated: model.gated === null ? null : String(model.gated),
        newVersion: model.newVersion ?? null,
        keepNewVersion: model.newVersion === undefined ? 1 : 0,
        now,
      });
    }
    return added;
  });
}

/** The stored model with this id (any case), or null. Aliases are not followed: see resolveId. */
export function getModel(db: Db, id: string): Model | null {
  const row = prepared(db, GET_SQL).get(id) as ModelRow | undefined;
  return row ? toModel(row) : null;
}

/** Records that the direct children of these models were listed now; a model not stored yet gets a bare row. */
export function markListed(db: Db, ids: string[], now: string): void {
  const mark = prepared(db, MARK_LISTED_SQL);
  withinTransaction(db, () => {
    for (const id of ids) {
      assertId(id, "markListed");
      mark.run(id, now);
    }
  });
}

/** Records that the Hub answers 404 for the model since `now` (kept if already set); the row is kept. */
export function markGone(db: Db, id: string, now: string): void {
  assertId(id, "markGone");
  prepared(db, MARK_GONE_SQL).run(id, now);
}

/** When the model's record was last read and its children last listed; null when the model is not stored. */
export function getFreshness(db: Db, id: string): Freshness | null {
  const row = prepared(db, FRESHNESS_SQL).get(id) as
    | { fetched_at: string | null; listed_at: string | null }
    | undefined;
  return row ? { fetchedAt: row.fetched_at, listedAt: row.listed_at } : null;
}

/** About how many models are stored (rows are never deleted, so the largest rowid), without counting them. */
export function estimateModelCount(db: Db): number {
  return preparedPluck(db, ESTIMATE_SQL).get() as number;
}

export function toModel(row: ModelRow): Model {
  return {
    id: row.id,
    author: row.author,
    createdAt: row.created_at,
    lastModified: row.last_modified,
    downloads: row.downloads,
    likes: row.likes,
    pipelineTag: row.pipeline_tag,
    libraryName: row.library_name,
    license: row.license,
    gated: toGated(row.gated),
    private: row.private === null ? null : row.private === 1,
    sha: row.sha,
    newVersion: row.new_version,
    fetchedAt: row.fetched_at,
    listedAt: row.listed_at,
    goneAt: row.gone_at,
  };
}

/** Stored as text ('false', 'auto', 'manual'; migration 4 normalised older rows), read back as the Hub sends it. */
function toGated(stored: string | null): Gated | null {
  if (stored === "false") return false;
  return stored === "auto" || stored === "manual" ? stored : null;
}
