// Migration 1: initial lineage schema.
// Shipped: never edit it; a change to the schema is a new migration.
import type { Migration } from "./migration";

export const MIGRATION_1: Migration = {
  version: 1,
  name: "initial lineage schema",
  up: `
      -- Ids compare case-insensitively, as on the Hub, but keep the Hub's spelling.
      CREATE TABLE models (
        id             TEXT PRIMARY KEY COLLATE NOCASE,
        author         TEXT COLLATE NOCASE,
        created_at     TEXT,
        last_modified  TEXT,
        downloads      INTEGER,
        likes          INTEGER,
        pipeline_tag   TEXT,
        library_name   TEXT,
        license        TEXT,
        gated          TEXT,
        private        INTEGER,
        sha            TEXT,
        new_version    TEXT,
        fetched_at     TEXT,     -- last read of the model's own record; NULL = known only as a parent
        listed_at      TEXT,     -- last listing of its direct children
        gone_at        TEXT      -- the Hub answers 404 since then; the row is kept
      );
      CREATE INDEX models_author ON models(author);
      CREATE INDEX models_created ON models(created_at);

      -- Typed lineage edges parent -> child. One row per source, so a declared edge and an inferred one for
      -- the same pair can both be kept; readers prefer tag > card > inferred.
      -- The parent need not be in models (edges may point at models not crawled yet).
      CREATE TABLE edges (
        parent      TEXT NOT NULL COLLATE NOCASE,
        child       TEXT NOT NULL COLLATE NOCASE,
        source      TEXT NOT NULL CHECK (source IN ('tag', 'card', 'inferred')),
        relation    TEXT CHECK (relation IN ('finetune', 'adapter', 'quantized', 'merge')),
        confidence  REAL NOT NULL DEFAULT 1,
        evidence    TEXT,        -- JSON array of {kind, text}
        first_seen  TEXT NOT NULL,
        last_seen   TEXT NOT NULL,
        PRIMARY KEY (parent, child, source)
      ) WITHOUT ROWID;
      CREATE INDEX edges_child ON edges(child, parent);

      -- Renamed models: the old id answers with the canonical one.
      CREATE TABLE aliases (
        old_id   TEXT PRIMARY KEY COLLATE NOCASE,
        new_id   TEXT NOT NULL COLLATE NOCASE,
        seen_at  TEXT NOT NULL
      );

      -- Transitive descendant counts, maintained by the store after each crawl batch so reads never recurse.
      -- declared_* leave inferred edges out; all_* include them.
      CREATE TABLE descendant_counts (
        id                  TEXT PRIMARY KEY COLLATE NOCASE,
        declared_total      INTEGER NOT NULL DEFAULT 0,
        declared_finetune   INTEGER NOT NULL DEFAULT 0,
        declared_adapter    INTEGER NOT NULL DEFAULT 0,
        declared_quantized  INTEGER NOT NULL DEFAULT 0,
        declared_merge      INTEGER NOT NULL DEFAULT 0,
        declared_max_depth  INTEGER NOT NULL DEFAULT 0,
        all_total           INTEGER NOT NULL DEFAULT 0,
        all_finetune        INTEGER NOT NULL DEFAULT 0,
        all_adapter         INTEGER NOT NULL DEFAULT 0,
        all_quantized       INTEGER NOT NULL DEFAULT 0,
        all_merge           INTEGER NOT NULL DEFAULT 0,
        all_max_depth       INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX descendant_counts_declared ON descendant_counts(declared_total DESC);

      -- Models whose lineage changed since descendant_counts was last brought up to date (written by the edge
      -- writers, drained by refreshDescendantCounts). is_new = 1: the model had no parent edge before the change.
      CREATE TABLE counts_dirty (
        id      TEXT PRIMARY KEY COLLATE NOCASE,
        is_new  INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- Families the user cares about: crawl seeds and watch --track ids.
      CREATE TABLE tracked_families (
        id        TEXT PRIMARY KEY COLLATE NOCASE,
        via       TEXT NOT NULL CHECK (via IN ('seed', 'track')),
        added_at  TEXT NOT NULL
      );

      -- Every crawl/watch run, with its counters.
      CREATE TABLE runs (
        id          INTEGER PRIMARY KEY,
        command     TEXT NOT NULL,
        key         TEXT NOT NULL,      -- what identifies "the same command" for --resume
        args        TEXT NOT NULL,      -- JSON
        started_at  TEXT NOT NULL,
        ended_at    TEXT,
        status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
        plan        TEXT,
        requests    INTEGER NOT NULL DEFAULT 0,
        models      INTEGER NOT NULL DEFAULT 0,
        edges       INTEGER NOT NULL DEFAULT 0,
        retries     INTEGER NOT NULL DEFAULT 0,
        problems    INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_key ON runs(key, id);

      -- The crawl frontier of a run key: what is still to list or read, with the page cursor reached.
      CREATE TABLE frontier (
        key        TEXT NOT NULL,
        direction  TEXT NOT NULL CHECK (direction IN ('down', 'up', 'card')),
        id         TEXT NOT NULL COLLATE NOCASE,
        depth      INTEGER NOT NULL,
        cursor     TEXT,                -- absolute URL of the next page, when a listing is part-way
        done       INTEGER NOT NULL DEFAULT 0,
        seq        INTEGER NOT NULL,    -- insertion order: breadth-first
        PRIMARY KEY (key, direction, id)
      ) WITHOUT ROWID;
      CREATE INDEX frontier_pending ON frontier(key, done, seq);

      -- Named cursors and watermarks (sweep cursor, watcher watermark, ...).
      CREATE TABLE crawl_state (
        key         TEXT PRIMARY KEY,
        value       TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );

      CREATE TABLE problems (
        id        INTEGER PRIMARY KEY,
        run_id    INTEGER,
        model_id  TEXT COLLATE NOCASE,
        kind      TEXT NOT NULL,
        message   TEXT NOT NULL,
        at        TEXT NOT NULL
      );
      CREATE INDEX problems_model ON problems(model_id);

      -- Substring search over ids (trigram FTS5), kept in step with models by triggers.
      CREATE VIRTUAL TABLE models_search USING fts5(id, content='models', content_rowid='rowid', tokenize='trigram');
      CREATE TRIGGER models_search_insert AFTER INSERT ON models BEGIN
        INSERT INTO models_search(rowid, id) VALUES (new.rowid, new.id);
        UPDATE descendant_counts SET id = new.id WHERE id = new.id;
      END;
      CREATE TRIGGER models_search_delete AFTER DELETE ON models BEGIN
        INSERT INTO models_search(models_search, rowid, id) VALUES ('delete', old.rowid, old.id);
      END;
      -- A re-read record may change an id's spelling (case): keep the index and the counts' ids in step.
      CREATE TRIGGER models_search_update AFTER UPDATE OF id ON models WHEN old.id COLLATE BINARY <> new.id BEGIN
        INSERT INTO models_search(models_search, rowid, id) VALUES ('delete', old.rowid, old.id);
        INSERT INTO models_search(rowid, id) VALUES (new.rowid, new.id);
        UPDATE descendant_counts SET id = new.id WHERE id = new.id;
      END;
    `,
};
