// Migration 7: cards read: the repository version each model card was read at.
// Shipped: never edit it; a change to the schema is a new migration.
import type { Migration } from "./migration";

export const MIGRATION_7: Migration = {
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
};
