// Opens (or creates) the lineage database: WAL, foreign-key-free schema, migrations to the latest version.
import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS, type Migration } from "./migrations";

export type Db = Database.Database;

export const DEFAULT_DB_PATH = "./data/lineage.db";

/** Bytes the WAL file keeps after a checkpoint resets it. */
const WAL_SIZE_LIMIT = 64 * 2 ** 20;

/**
 * WAL pages (4 KiB) a commit lets pile up before it checkpoints them into the file (SQLite's default is 1,000). A
 * walk commits each listing page, which writes ~27 pages (one leaf of each index and trigger table it touches,
 * most the same leaves again); at 1,000 every ~37th commit copied them all back and synced twice, about a third
 * of the walk's store time. At 10,000 (~40 MB, under WAL_SIZE_LIMIT) a hot leaf is copied once per checkpoint.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** The database a command uses: its --db flag, else HF_LINEAGE_DB, else DEFAULT_DB_PATH. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag || env.HF_LINEAGE_DB || DEFAULT_DB_PATH;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly version: number,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

/** A database that should already exist does not (a mistyped --db must not silently start an empty one). */
export class DatabaseMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `no database at ${path}: pass --db FILE (or set HF_LINEAGE_DB) to an existing one, or crawl first to create it`,
    );
    this.name = "DatabaseMissingError";
  }
}

export interface OpenOptions {
  /** Open without writing: no WAL switch, no migrations; the schema must already be the latest. Implies mustExist. */
  readonly?: boolean;
  /** Throw DatabaseMissingError instead of creating the file. */
  mustExist?: boolean;
  migrations?: Migration[];
}

/** Opens `path` (":memory:" for a scratch database), turns WAL on and applies pending migrations. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const mustExist = Boolean(options.readonly || options.mustExist);
  if (path !== ":memory:" && mustExist && !existsSync(path)) throw new DatabaseMissingError(path);
  if (path !== ":memory:" && !mustExist) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  // First, so that switching to WAL and migrating wait for another process opening the same new file.
  db.pragma("busy_timeout = 5000");
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    // WAL with NORMAL syncs at checkpoints, not at every commit; a crash still loses no committed transaction
    // short of the machine losing power.
    db.pragma("synchronous = NORMAL");
    // A sweep's merge grows the WAL to the size of what it writes: truncate it back after the checkpoint.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  }
  db.pragma("cache_size = -65536");
  // Sorts and temporary indices in memory rather than temporary files.
  db.pragma("temp_store = MEMORY");
  const migrations = options.migrations ?? MIGRATIONS;
  try {
    if (options.readonly) requireLatestSchema(db, migrations);
    else migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Applies every migration above the database's `user_version`, each in its own transaction. The transactions are
 * IMMEDIATE and read the version again inside, so two processes opening one database at once (a server and a
 * crawl) take turns and the second skips what the first applied, instead of running it twice.
 */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): number {
  refuseNewer(schemaVersion(db), latestVersion(migrations));
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      if (migration.version <= schemaVersion(db)) return;
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}

function latestVersion(migrations: Migration[]): number {
  return migrations.length ? migrations[migrations.length - 1].version : 0;
}

function refuseNewer(current: number, latest: number): void {
  if (current > latest) {
    throw new MigrationError(
      `database schema version ${current} is newer than this hf-lineage (${latest}); ` +
        "upgrade hf-lineage or use another --db",
      current,
    );
  }
}

/** A read-only connection cannot migrate: it needs a database already at the latest schema. */
function requireLatestSchema(db: Db, migrations: Migration[]): void {
  const current = schemaVersion(db);
  const latest = latestVersion(migrations);
  refuseNewer(current, latest);
  if (current === 0) {
    throw new MigrationError(`${db.name} is not an hf-lineage database (schema version 0)`, current);
  }
  if (current < latest) {
    throw new MigrationError(
      `${db.name} has schema version ${current}, older than ${latest}; ` +
        "open it once with a command that writes (crawl) to migrate it",
      current,
    );
  }
}
