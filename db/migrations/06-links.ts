// Migration 6: one link per (parent, child) pair; gated as the Hub sends it.
// Shipped: never edit it; a change to the schema is a new migration.
import { linksFromEdgesSql, relinkPairSql } from "../source-precedence-sql";
import type { Migration } from "./migration";

export const MIGRATION_6: Migration = {
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
};
