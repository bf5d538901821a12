// Migration 5: orgs: derivatives per author.
// Shipped: never edit it; a change to the schema is a new migration.
import type { Migration } from "./migration";

export const MIGRATION_5: Migration = {
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
};
