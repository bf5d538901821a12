// Migration 3: graph slices: children in significance order.
// Shipped: never edit it; a change to the schema is a new migration.
import type { Migration } from "./migration";

export const MIGRATION_3: Migration = {
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
};
