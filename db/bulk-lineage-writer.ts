// A sweep merge's model and edge writes, replayed in memory in the order they are made (the same results, row for
// row, as upsertModels, markListed and setParents one call at a time) and written at the end, each row once.
import type { EdgeSource, ModelFields, ParentLink } from "../lineage/types";
import { idKey } from "../lineage/id-key";
import { canonicalId } from "./aliases";
import { dropSchemaObjects } from "./drop-schema-objects";
import { edgeValues, isEdgeChanged, validateLink, type EdgeChanges, type EdgeRow } from "./edges";
import { pickModelFields } from "./model-fields";
import { RECORD_FIELDS_UPDATE, type Freshness, type ModelInput } from "./models";
import type { Db } from "./open-database";
import { prepared, preparedPluck } from "./statement-cache";
import { assertId } from "./store-errors";

/** The writes ingestPage makes, one record at a time: straight to the store, or gathered by a bulk writer. */
export interface LineageWriter {
  getFreshness(id: string): Freshness | null;
  upsertModel(model: ModelInput, now: string): void;
  setParents(child: string, source: EdgeSource, links: ParentLink[], now: string): EdgeChanges;
  markListed(ids: string[], now: string): void;
}

export interface BulkLineageWriter extends LineageWriter {
  /** Writes everything gathered since the last flush; call it in the transaction that made the writes. */
  flush(): void;
}

interface ModelState {
  fields: ModelFields;
  newVersion: string | null;
  keepNewVersion: boolean;
  /** fetched_at as the store had it before the batch; replaced by the batch's last upsert. */
  fetchedAt: string | null;
  listedAt: string | null;
  isUpserted: boolean;
  isListed: boolean;
  /** The store had the row when the writer was created: an upsert, else a plain insert. */
  isStored: boolean;
}

interface EdgeState extends EdgeRow {
  /** The row is in the store (read before the batch): an update, else an insert. */
  isStored: boolean;
  isChanged: boolean;
}

const MODEL_COLUMNS =
  "id, author, created_at, last_modified, downloads, likes, pipeline_tag, library_name, license, gated, private, " +
  "sha, new_version, fetched_at, listed_at";
const MODEL_WIDTH = 15;
// As models.ts UPSERT_SQL: a null field keeps the stored value; listed_at is set only by a mark in the batch.
const upsertModelSql = (keepNewVersion: boolean) => `
  INSERT INTO models (${MODEL_COLUMNS}) VALUES (${placeholders(MODEL_WIDTH)})
  ON CONFLICT (id) DO UPDATE SET
    ${RECORD_FIELDS_UPDATE},
    new_version   = ${keepNewVersion ? "new_version" : "excluded.new_version"},
    fetched_at    = excluded.fetched_at,
    listed_at     = coalesce(excluded.listed_at, listed_at),
    gone_at       = NULL`;
const UPSERT_MODEL_SQL = upsertModelSql(false);
const UPSERT_MODEL_KEEPING_VERSION_SQL = upsertModelSql(true);
// A model the store did not have: no conflict to look for (a fifth cheaper than the upsert at 500k).
const INSERT_MODEL_SQL = `INSERT INTO models (${MODEL_COLUMNS}) VALUES (${placeholders(MODEL_WIDTH)})`;
const MARK_LISTED_SQL = `
  INSERT INTO models (id, listed_at) VALUES (?, ?)
  ON CONFLICT (id) DO UPDATE SET listed_at = excluded.listed_at`;
const INSERT_EDGE_SQL = `
  INSERT INTO edges (parent, child, source, relation, confidence, evidence, first_seen, last_seen)
  VALUES (${placeholders(8)})`;
const UPDATE_EDGE_SQL = `
  UPDATE edges SET relation = ?, confidence = ?, evidence = ?, last_seen = ? WHERE parent = ? AND child = ? AND source = ?`;
const DELETE_EDGE_SQL = "DELETE FROM edges WHERE parent = ? AND child = ? AND source = ?";
const OF_SOURCE_SQL =
  "SELECT parent, child, source, relation, confidence, evidence, first_seen, last_seen FROM edges " +
  "WHERE child = ? AND source = ?";
const ANY_MODEL_SQL = "SELECT EXISTS (SELECT 1 FROM models) OR EXISTS (SELECT 1 FROM edges)";
const ANY_ALIAS_SQL = "SELECT EXISTS (SELECT 1 FROM aliases)";
const ALL_FRESHNESS_SQL = "SELECT id, fetched_at AS fetchedAt, listed_at AS listedAt FROM models";
const CHILDREN_WITH_EDGES_SQL = "SELECT DISTINCT child FROM edges";
// edges(child, parent): how a child's stored edges are read (OF_SOURCE_SQL) before the flush.
const EDGES_CHILD_INDEX = "edges_child";
// One prepared statement run per row: in better-sqlite3 that binds and steps faster than multi-row VALUES lists
// (measured on a 500k-model merge) and builds no parameter arrays.
function placeholders(width: number): string {
  return Array.from({ length: width }, () => "?").join(", ");
}

/**
 * A writer for one batch, to be flushed in a transaction before it commits; the store must not change between its
 * creation and the flush but through it. It reads the models' freshness and which children have edges once, at its
 * creation (nothing when the store starts empty), a child's stored edges when the batch first names it, and leaves
 * counts_dirty alone: use it where descendant counts are rebuilt whole afterwards (withDeferredIndexes).
 */
export function createBulkLineageWriter(db: Db): BulkLineageWriter {
  const hasStored = preparedPluck(db, ANY_MODEL_SQL).get() === 1;
  const hasAliases = preparedPluck(db, ANY_ALIAS_SQL).get() === 1;
  const canonical = (id: string) => (hasAliases ? canonicalId(db, id) : id);
  // One pass over the store instead of a lookup per record: a bulk batch is a third of the store or more.
  const storedModels = new Map<string, Freshness>();
  const storedChildren = new Set<string>();
  if (hasStored) {
    for (const row of prepared(db, ALL_FRESHNESS_SQL).iterate() as Iterable<Freshness & { id: string }>)
      storedModels.set(idKey(row.id), { fetchedAt: row.fetchedAt, listedAt: row.listedAt });
    for (const child of preparedPluck(db, CHILDREN_WITH_EDGES_SQL).iterate() as Iterable<string>)
      storedChildren.add(idKey(child));
  }
  // In first-write order, which is the order rows get their rowids in.
  const models = new Map<string, ModelState>();
  const edges = new Map<string, Map<string, EdgeState>>();
  const deleted: [string, string, EdgeSource][] = [];

  const modelState = (id: string): ModelState => {
    const key = idKey(id);
    let state = models.get(key);
    if (!state) {
      const stored = storedModels.get(key);
      state = {
        fields: { id } as ModelFields,
        newVersion: null,
        keepNewVersion: true,
        fetchedAt: stored?.fetchedAt ?? null,
        listedAt: stored?.listedAt ?? null,
        isUpserted: false,
        isListed: false,
        isStored: stored !== undefined,
      };
      models.set(key, state);
    }
    return state;
  };

  // A child's edges of one source, as the batch has them; null when it has none and the store had none (most
  // records: no set is kept for them, which would be a Map per model held to the flush).
  const edgeSet = (child: string, source: EdgeSource, isCreating: boolean): Map<string, EdgeState> | null => {
    const key = `${source}\n${idKey(child)}`;
    let set = edges.get(key);
    if (!set) {
      if (!isCreating && !storedChildren.has(idKey(child))) return null;
      set = new Map();
      const stored = storedChildren.has(idKey(child))
        ? (prepared(db, OF_SOURCE_SQL).all(child, source) as EdgeRow[])
        : [];
      for (const row of stored) set.set(idKey(row.parent), { ...row, isStored: true, isChanged: false });
      edges.set(key, set);
    }
    return set;
  };

  return {
    getFreshness(id) {
      const state = models.get(idKey(id));
      if (state) return { fetchedAt: state.fetchedAt, listedAt: state.listedAt };
      return storedModels.get(idKey(id)) ?? null;
    },

    upsertModel(model, now) {
      assertId(model.id, "upsertModels");
      const state = modelState(model.id);
      const fields = pickModelFields(model);
      if (state.isUpserted) {
        // A later record of the same model: its non-null fields win, as the upsert's coalesce would have it.
        for (const name of Object.keys(fields) as (keyof ModelFields)[]) {
          if (fields[name] === null && name !== "id") Object.assign(fields, { [name]: state.fields[name] });
        }
      }
      state.fields = fields;
      if (model.newVersion !== undefined) {
        state.newVersion = model.newVersion;
        state.keepNewVersion = false;
      }
      state.fetchedAt = now;
      state.isUpserted = true;
    },

    markListed(ids, now) {
      for (const id of ids) {
        assertId(id, "markListed");
        const state = modelState(id);
        state.listedAt = now;
        state.isListed = true;
      }
    },

    // As db/edges.ts setParents, on the batch's view of the store.
    setParents(child, source, links, now) {
      assertId(child, "setParents");
      const wanted = new Map<string, ParentLink>();
      for (const link of links) {
        validateLink(link, source);
        const parent = canonical(link.id);
        if (!wanted.has(idKey(parent))) wanted.set(idKey(parent), { ...link, id: parent });
      }
      const childId = canonical(child);
      const changes: EdgeChanges = { added: 0, removed: 0, changed: 0 };
      const set = edgeSet(childId, source, wanted.size > 0);
      if (set === null) return changes;
      for (const [parentKey, row] of set) {
        const link = wanted.get(parentKey);
        if (link) {
          const values = edgeValues(link, row.parent, row.child, source, now);
          if (isEdgeChanged(row, values)) changes.changed++;
          Object.assign(row, { relation: values.relation, confidence: values.confidence, evidence: values.evidence });
          row.last_seen = now;
          row.isChanged = true;
          wanted.delete(parentKey);
        } else {
          if (row.isStored) deleted.push([row.parent, row.child, source]);
          set.delete(parentKey);
          changes.removed++;
        }
      }
      for (const [parentKey, link] of wanted) {
        const values = edgeValues(link, link.id, childId, source, now);
        set.set(parentKey, {
          parent: values.parent,
          child: values.child,
          source,
          relation: values.relation,
          confidence: values.confidence,
          evidence: values.evidence,
          first_seen: now,
          last_seen: now,
          isStored: false,
          isChanged: true,
        });
        changes.added++;
      }
      return changes;
    },

    flush() {
      flushModels(db, models);
      const remove = prepared(db, DELETE_EDGE_SQL);
      for (const row of deleted) remove.run(...row);
      const update = prepared(db, UPDATE_EDGE_SQL);
      const inserts: EdgeState[] = [];
      for (const set of edges.values()) {
        for (const row of set.values()) {
          if (!row.isStored) inserts.push(row);
          else if (row.isChanged)
            update.run(row.relation, row.confidence, row.evidence, row.last_seen, row.parent, row.child, row.source);
        }
      }
      // The child index is sorted once after the inserts rather than written a random leaf per row, when they at
      // least match the children that had edges (a first sweep): cheaper by a third at 500k. Nothing reads it here.
      if (inserts.length > 0 && inserts.length >= storedChildren.size) {
        const restore = dropSchemaObjects(db, "index", [EDGES_CHILD_INDEX]);
        insertEdges(db, inserts);
        restore();
      } else {
        insertEdges(db, inserts);
      }
      models.clear();
      edges.clear();
      deleted.length = 0;
    },
  };
}

function insertEdges(db: Db, rows: readonly EdgeState[]): void {
  const insert = prepared(db, INSERT_EDGE_SQL);
  for (const row of rows) {
    insert.run(
      row.parent,
      row.child,
      row.source,
      row.relation,
      row.confidence,
      row.evidence,
      row.first_seen,
      row.last_seen,
    );
  }
}

/** Upserts the batch's models in first-write order; a model only marked listed gets markListed's bare row. */
function flushModels(db: Db, models: Map<string, ModelState>): void {
  const upsert = prepared(db, UPSERT_MODEL_SQL);
  const upsertKeepingVersion = prepared(db, UPSERT_MODEL_KEEPING_VERSION_SQL);
  const insert = prepared(db, INSERT_MODEL_SQL);
  const markListed = prepared(db, MARK_LISTED_SQL);
  for (const state of models.values()) {
    if (!state.isUpserted) {
      if (state.isListed) markListed.run(state.fields.id, state.listedAt);
      continue;
    }
    const f = state.fields;
    (state.isStored ? (state.keepNewVersion ? upsertKeepingVersion : upsert) : insert).run(
      f.id,
      f.author,
      f.createdAt,
      f.lastModified,
      f.downloads,
      f.likes,
      f.pipelineTag,
      f.libraryName,
      f.license,
      f.gated === null ? null : String(f.gated),
      f.private === null ? null : f.private ? 1 : 0,
      f.sha,
      state.newVersion,
      state.fetchedAt,
      state.isListed ? state.listedAt : null,
    );
  }
}
