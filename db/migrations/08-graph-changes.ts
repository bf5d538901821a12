// Migration 8: graph change journal: what the cached lineage graph patches after a write.
// Shipped: never edit it; a change to the schema is a new migration.
import type { Migration } from "./migration";

export const MIGRATION_8: Migration = {
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
};
