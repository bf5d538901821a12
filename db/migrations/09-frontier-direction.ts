// Migration 9: frontier: the pending items of one direction by index seek.
// Shipped: never edit it; a change to the schema is a new migration.
import type { Migration } from "./migration";

export const MIGRATION_9: Migration = {
  version: 9,
  name: "frontier: the pending items of one direction by index seek",
  up: `
      -- nextPending of one direction ('down', 'up' or 'card'). Through frontier_pending (key, done, seq) it filtered
      -- the direction row by row, reading past every pending item of the other directions (a walk's queued card
      -- reads) before each answer. frontier_pending stays for the queries over all directions (next seq, pending).
      CREATE INDEX frontier_direction_pending ON frontier(key, direction, done, seq);
    `,
};
