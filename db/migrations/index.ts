// The schema, as an ordered list of migrations, one file each; `PRAGMA user_version` records how many have been applied.
// Append a new migration as the next file and version; never edit one that has shipped.
import type { Migration } from "./migration";
import { MIGRATION_1 } from "./01-initial-schema";
import { MIGRATION_2 } from "./02-watcher";
import { MIGRATION_3 } from "./03-child-ranks";
import { MIGRATION_4 } from "./04-sweep-pages";
import { MIGRATION_5 } from "./05-org-counts";
import { MIGRATION_6 } from "./06-links";
import { MIGRATION_7 } from "./07-cards-read";
import { MIGRATION_8 } from "./08-graph-changes";
import { MIGRATION_9 } from "./09-frontier-direction";

export type { Migration } from "./migration";

export const MIGRATIONS: Migration[] = [
  MIGRATION_1,
  MIGRATION_2,
  MIGRATION_3,
  MIGRATION_4,
  MIGRATION_5,
  MIGRATION_6,
  MIGRATION_7,
  MIGRATION_8,
  MIGRATION_9,
];
