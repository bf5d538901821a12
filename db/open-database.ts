// Opens (or creates) the lineage database: WAL, foreign-key-free schema, migrations to the latest version.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS, type Migration } from "./migrations";

export type Db = Database.Database;

export const DEFAULT_DB_PATH = "./data/lineage.db";

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly version: number,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export interface OpenOptions {
  readonly?: boolean;
  migrations?: Migration[];
}

/** Opens `path` (":memory:" for a scratch database), turns WAL on and applies pending migrations. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ":memory:" && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
  }
  db.pragma("busy_timeout = 5000");
  db.pragma("cache_size = -65536");
  if (!options.readonly) migrate(db, options.migrations ?? MIGRATIONS);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** Applies every migration above the database's `user_version`, each in its own transaction. */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) {
    throw new MigrationError(
      `database schema version ${current} is newer than this hf-lineage (${latest}); upgrade hf-lineage or use another --db`,
      current,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
