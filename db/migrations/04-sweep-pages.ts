// Migration 4: sweep: pages staged until the sweep merges them.
// Shipped: never edit it; a change to the schema is a new migration.
import type { Migration } from "./migration";

export const MIGRATION_4: Migration = {
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
};
