// The schema, as an ordered list of migrations; `PRAGMA user_version` records how many have been applied.
// Append new migrations at the end; never edit one that has shipped.
import { linksFromEdgesSql, relinkPairSql } from "./source-precedence-sql";

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: Migration[] = [
  {
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
  },
  {
    version: 2,
    name: "watcher: fork events, lineage changes, poll in progress",
    up: `
      -- A model entering a tracked family, as the watcher saw it: kind 'new' (a newly published model) or 'joined'
      -- (an existing model whose base_model changed so that it now derives from the family). One row per
      -- (family, model), so no rerun or overlapping poll can ever record an event twice. seq orders the feed.
      CREATE TABLE fork_events (
        seq         INTEGER PRIMARY KEY,
        root        TEXT NOT NULL COLLATE NOCASE,
        model       TEXT NOT NULL COLLATE NOCASE,
        kind        TEXT NOT NULL CHECK (kind IN ('new', 'joined')),
        relation    TEXT CHECK (relation IN ('finetune', 'adapter', 'quantized', 'merge')),
        depth       INTEGER NOT NULL CHECK (depth >= 1),
        created_at  TEXT,        -- the model's createdAt on the Hub
        seen_at     TEXT NOT NULL,
        UNIQUE (root, model)
      );
      CREATE INDEX fork_events_root ON fork_events(root, seq);
      CREATE INDEX fork_events_model ON fork_events(model);

      -- A watched model whose declared parents changed (its base_model was edited), once per model and lastModified.
      CREATE TABLE lineage_changes (
        seq             INTEGER PRIMARY KEY,
        model           TEXT NOT NULL COLLATE NOCASE,
        last_modified   TEXT NOT NULL,
        parents_before  TEXT NOT NULL,   -- JSON [{id, relation}]
        parents_after   TEXT NOT NULL,
        roots           TEXT NOT NULL,   -- JSON: the tracked families it was or is under
        seen_at         TEXT NOT NULL,
        UNIQUE (model, last_modified)
      );

      -- The watcher's poll in progress: models it found new or changed, written with the page that stored them and
      -- turned into events in the transaction that moves the watermark, so a kill mid-poll loses nothing.
      CREATE TABLE watch_pending (
        model           TEXT PRIMARY KEY COLLATE NOCASE,
        kind            TEXT NOT NULL CHECK (kind IN ('new', 'changed')),
        parents_before  TEXT,            -- JSON [{id, relation}], for 'changed'
        roots_before    TEXT             -- JSON [root], for 'changed'
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: "graph slices: children in significance order",
    up: `
      -- One row per (parent, child) pair with what orders children by significance (descendants, downloads, id),
      -- so a graph slice reads the best children of a model first instead of all of them. declared = 1: the pair
      -- has a tag or card edge. Kept in step with edges, models and descendant_counts by the triggers below.
      CREATE TABLE child_ranks (
        parent          TEXT NOT NULL COLLATE NOCASE,
        child           TEXT NOT NULL COLLATE NOCASE,
        declared        INTEGER NOT NULL,
        declared_total  INTEGER NOT NULL,
        all_total       INTEGER NOT NULL,
        downloads       INTEGER,
        PRIMARY KEY (parent, child)
      ) WITHOUT ROWID;
      INSERT INTO child_ranks (parent, child, declared, declared_total, all_total, downloads)
        SELECT e.parent, e.child, max(e.source <> 'inferred'), coalesce(dc.declared_total, 0), coalesce(dc.all_total, 0),
               m.downloads
        FROM edges AS e LEFT JOIN descendant_counts AS dc ON dc.id = e.child LEFT JOIN models AS m ON m.id = e.child
        GROUP BY e.parent, e.child;
      CREATE INDEX child_ranks_child ON child_ranks(child);
      CREATE INDEX child_ranks_declared ON child_ranks(parent, declared_total DESC, downloads DESC, child) WHERE declared = 1;
      CREATE INDEX child_ranks_all ON child_ranks(parent, all_total DESC, downloads DESC, child);

      CREATE TRIGGER child_ranks_edge_insert AFTER INSERT ON edges BEGIN
        INSERT INTO child_ranks (parent, child, declared, declared_total, all_total, downloads)
        VALUES (new.parent, new.child, new.source <> 'inferred',
                coalesce((SELECT declared_total FROM descendant_counts WHERE id = new.child), 0),
                coalesce((SELECT all_total FROM descendant_counts WHERE id = new.child), 0),
                (SELECT downloads FROM models WHERE id = new.child))
        ON CONFLICT (parent, child) DO UPDATE SET declared = declared OR excluded.declared;
      END;
      CREATE TRIGGER child_ranks_edge_delete AFTER DELETE ON edges BEGIN
        DELETE FROM child_ranks WHERE parent = old.parent AND child = old.child
          AND NOT EXISTS (SELECT 1 FROM edges WHERE parent = old.parent AND child = old.child);
        UPDATE child_ranks
          SET declared = EXISTS (SELECT 1 FROM edges WHERE parent = old.parent AND child = old.child AND source <> 'inferred')
          WHERE parent = old.parent AND child = old.child;
      END;
      CREATE TRIGGER child_ranks_model_insert AFTER INSERT ON models WHEN new.downloads IS NOT NULL BEGIN
        UPDATE child_ranks SET downloads = new.downloads WHERE child = new.id;
      END;
      CREATE TRIGGER child_ranks_model_update AFTER UPDATE OF downloads ON models WHEN new.downloads IS NOT old.downloads BEGIN
        UPDATE child_ranks SET downloads = new.downloads WHERE child = new.id;
      END;
      CREATE TRIGGER child_ranks_model_delete AFTER DELETE ON models BEGIN
        UPDATE child_ranks SET downloads = NULL WHERE child = old.id;
      END;
      CREATE TRIGGER child_ranks_counts_insert AFTER INSERT ON descendant_counts BEGIN
        UPDATE child_ranks SET declared_total = new.declared_total, all_total = new.all_total WHERE child = new.id;
      END;
      CREATE TRIGGER child_ranks_counts_update AFTER UPDATE OF declared_total, all_total ON descendant_counts
      WHEN new.declared_total IS NOT old.declared_total OR new.all_total IS NOT old.all_total BEGIN
        UPDATE child_ranks SET declared_total = new.declared_total, all_total = new.all_total WHERE child = new.id;
      END;
      CREATE TRIGGER child_ranks_counts_delete AFTER DELETE ON descendant_counts BEGIN
        UPDATE child_ranks SET declared_total = 0, all_total = 0 WHERE child = old.id;
      END;
    `,
  },
  {
    version: 4,
    name: "sweep: pages staged until the sweep merges them",
    up: `
      -- The whole-Hub sweep's pages as fetched, each appended with the cursor it moves (one transaction), and merged
      -- into models and edges in one transaction when the sweep stops (crawler/merge-sweep-pages.ts). An append
      -- writes a few sequential pages where ingesting the page wrote hundreds of random index leaves per commit.
      CREATE TABLE sweep_pages (
        seq         INTEGER PRIMARY KEY,
        key         TEXT NOT NULL,      -- the crawl's key
        fetched_at  TEXT NOT NULL,
        models      INTEGER NOT NULL,   -- records on the page
        records     TEXT NOT NULL       -- JSON array of the page's records, as listed
      );
      CREATE INDEX sweep_pages_key ON sweep_pages(key, seq);
    `,
  },
  {
    version: 5,
    name: "orgs: derivatives per author",
    up: `
      -- Per author: the distinct models by other authors below any of its stored models (declared_*: tag and card
      -- links only; all_*: inferred too), per relation as descendant_counts counts them, and how many distinct
      -- authors made them. Rebuilt in full by rebuildOrgCounts; only authors with a derivative have a row.
      CREATE TABLE org_counts (
        author              TEXT PRIMARY KEY COLLATE NOCASE,
        models              INTEGER NOT NULL,
        declared_total      INTEGER NOT NULL,
        declared_finetune   INTEGER NOT NULL,
        declared_adapter    INTEGER NOT NULL,
        declared_quantized  INTEGER NOT NULL,
        declared_merge      INTEGER NOT NULL,
        declared_authors    INTEGER NOT NULL,
        all_total           INTEGER NOT NULL,
        all_finetune        INTEGER NOT NULL,
        all_adapter         INTEGER NOT NULL,
        all_quantized       INTEGER NOT NULL,
        all_merge           INTEGER NOT NULL,
        all_authors         INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX org_counts_declared ON org_counts(declared_total DESC, author);
      CREATE INDEX org_counts_all ON org_counts(all_total DESC, author);

      -- stale = 1: edges or models changed since org_counts was rebuilt (set by the triggers below).
      CREATE TABLE org_counts_state (id INTEGER PRIMARY KEY CHECK (id = 1), stale INTEGER NOT NULL);
      INSERT INTO org_counts_state (id, stale) VALUES (1, 1);
      CREATE TRIGGER org_counts_edge_insert AFTER INSERT ON edges BEGIN
        UPDATE org_counts_state SET stale = 1 WHERE stale = 0;
      END;
      CREATE TRIGGER org_counts_edge_delete AFTER DELETE ON edges BEGIN
        UPDATE org_counts_state SET stale = 1 WHERE stale = 0;
      END;
      CREATE TRIGGER org_counts_edge_update AFTER UPDATE ON edges BEGIN
        UPDATE org_counts_state SET stale = 1 WHERE stale = 0;
      END;
      CREATE TRIGGER org_counts_model_insert AFTER INSERT ON models BEGIN
        UPDATE org_counts_state SET stale = 1 WHERE stale = 0;
      END;
      CREATE TRIGGER org_counts_model_delete AFTER DELETE ON models BEGIN
        UPDATE org_counts_state SET stale = 1 WHERE stale = 0;
      END;
      CREATE TRIGGER org_counts_model_update AFTER UPDATE OF id, author ON models
      WHEN old.id COLLATE BINARY IS NOT new.id OR old.author IS NOT new.author BEGIN
        UPDATE org_counts_state SET stale = 1 WHERE stale = 0;
      END;
    `,
  },
  {
    version: 6,
    name: "one link per (parent, child) pair; gated as the Hub sends it",
    up: `
      -- One row per (parent, child) pair: what every reader counts and shows. Its relation, source and confidence
      -- are the strongest source's (tag > card > inferred); edges keeps one row per source as the evidence.
      -- disagrees = 1: the sources name different relations. Kept in step with edges by the triggers below.
      CREATE TABLE links (
        parent      TEXT NOT NULL COLLATE NOCASE,
        child       TEXT NOT NULL COLLATE NOCASE,
        relation    TEXT CHECK (relation IN ('finetune', 'adapter', 'quantized', 'merge')),
        source      TEXT NOT NULL CHECK (source IN ('tag', 'card', 'inferred')),
        confidence  REAL NOT NULL,
        disagrees   INTEGER NOT NULL,
        PRIMARY KEY (parent, child)
      ) WITHOUT ROWID;
      CREATE INDEX links_child ON links(child, parent);
      ${linksFromEdgesSql("")};

      CREATE TRIGGER links_edge_insert AFTER INSERT ON edges BEGIN
        ${relinkPairSql("new.parent", "new.child")};
      END;
      CREATE TRIGGER links_edge_update AFTER UPDATE ON edges BEGIN
        ${relinkPairSql("old.parent", "old.child")};
        ${relinkPairSql("new.parent", "new.child")};
      END;
      CREATE TRIGGER links_edge_delete AFTER DELETE ON edges BEGIN
        ${relinkPairSql("old.parent", "old.child")};
      END;

      -- gated was stored as text from the Hub's boolean ("false"); keep exactly the three values the Hub sends
      -- (false as 'false', read back as the boolean), mapping the old boolean true to 'auto'.
      UPDATE models SET gated = CASE lower(gated)
          WHEN 'false' THEN 'false' WHEN '0' THEN 'false' WHEN 'true' THEN 'auto' WHEN '1' THEN 'auto'
          WHEN 'auto' THEN 'auto' WHEN 'manual' THEN 'manual' ELSE NULL END
        WHERE gated IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: "cards read: the repository version each model card was read at",
    up: `
      -- One row per model whose card work is done (read, absent, or refused with a recorded problem), with the
      -- repository version it was read at: the models row's sha and last_modified at that moment. A crawl queues a
      -- card only when the listed record's sha (else lastModified) differs, so a rerun reads new and changed cards
      -- only (crawler/enqueue-cards.ts). with_inference = 0: read by a --no-infer crawl, which a crawl that infers
      -- reads again. Not backfilled: nothing stored tells which cards an older version read (one that found
      -- nothing leaves no trace), so the first crawl after this migration reads its cards once more.
      CREATE TABLE cards_read (
        id              TEXT PRIMARY KEY COLLATE NOCASE,
        sha             TEXT,
        last_modified   TEXT,
        with_inference  INTEGER NOT NULL,
        read_at         TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 8,
    name: "graph change journal: what the cached lineage graph patches after a write",
    up: `
      -- Every change to what the in-memory lineage graph holds (db/graph/lineage-graph.ts), written by triggers in
      -- the writer's transaction: kind 1 a links pair (id = parent, child), 2 a descendant_counts row, 3 a model's
      -- listed fields, 0 everything (a bulk write that rebuilt the tables with these triggers dropped). A reader
      -- applies the rows after the last seq it saw instead of reading the whole graph again; one that finds its
      -- next seq trimmed away reads the graph whole. Kept to the newest 65,536 rows or so (AUTOINCREMENT: a seq
      -- is never given twice, even were the table emptied).
      CREATE TABLE graph_changes (
        seq    INTEGER PRIMARY KEY AUTOINCREMENT,
        kind   INTEGER NOT NULL,
        id     TEXT,
        child  TEXT
      );
      CREATE TRIGGER graph_changes_trim AFTER INSERT ON graph_changes WHEN new.seq % 4096 = 0 BEGIN
        DELETE FROM graph_changes WHERE seq <= new.seq - 65536;
      END;
      CREATE TRIGGER graph_changes_link_insert AFTER INSERT ON links BEGIN
        INSERT INTO graph_changes (kind, id, child) VALUES (1, new.parent, new.child);
      END;
      CREATE TRIGGER graph_changes_link_update AFTER UPDATE ON links BEGIN
        INSERT INTO graph_changes (kind, id, child) VALUES (1, old.parent, old.child), (1, new.parent, new.child);
      END;
      CREATE TRIGGER graph_changes_link_delete AFTER DELETE ON links BEGIN
        INSERT INTO graph_changes (kind, id, child) VALUES (1, old.parent, old.child);
      END;
      CREATE TRIGGER graph_changes_counts_insert AFTER INSERT ON descendant_counts BEGIN
        INSERT INTO graph_changes (kind, id) VALUES (2, new.id);
      END;
      CREATE TRIGGER graph_changes_counts_update AFTER UPDATE OF declared_total, all_total ON descendant_counts
      WHEN new.declared_total IS NOT old.declared_total OR new.all_total IS NOT old.all_total BEGIN
        INSERT INTO graph_changes (kind, id) VALUES (2, new.id);
      END;
      CREATE TRIGGER graph_changes_counts_delete AFTER DELETE ON descendant_counts BEGIN
        INSERT INTO graph_changes (kind, id) VALUES (2, old.id);
      END;
      CREATE TRIGGER graph_changes_model_insert AFTER INSERT ON models BEGIN
        INSERT INTO graph_changes (kind, id) VALUES (3, new.id);
      END;
      CREATE TRIGGER graph_changes_model_update AFTER UPDATE OF id, author, created_at, downloads, likes, license ON models
      WHEN old.id COLLATE BINARY IS NOT new.id OR old.author IS NOT new.author OR old.created_at IS NOT new.created_at
        OR old.downloads IS NOT new.downloads OR old.likes IS NOT new.likes OR old.license IS NOT new.license BEGIN
        INSERT INTO graph_changes (kind, id) VALUES (3, old.id), (3, new.id);
      END;
      CREATE TRIGGER graph_changes_model_delete AFTER DELETE ON models BEGIN
        INSERT INTO graph_changes (kind, id) VALUES (3, old.id);
      END;
    `,
  },
  {
    version: 9,
    name: "frontier: the pending items of one direction by index seek",
    up: `
      -- nextPending of one direction ('down', 'up' or 'card'). Through frontier_pending (key, done, seq) it filtered
      -- the direction row by row, reading past every pending item of the other directions (a walk's queued card
      -- reads) before each answer. frontier_pending stays for the queries over all directions (next seq, pending).
      CREATE INDEX frontier_direction_pending ON frontier(key, direction, done, seq);
    `,
  },
];
