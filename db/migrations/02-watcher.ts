// Migration 2: watcher: fork events, lineage changes, poll in progress.
// Shipped: never edit it; a change to the schema is a new migration.
import type { Migration } from "./migration";

export const MIGRATION_2: Migration = {
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
};
