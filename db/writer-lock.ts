// One writer per database: an exclusive lock on a small SQLite file beside it,
// which the kernel drops when its process dies.
import Database from "better-sqlite3";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { abortableSleep } from "../common/abortable-sleep";

/** Who holds a database's writer lock, as it wrote itself down when it took it. */
export interface WriterLockHolder {
  pid: number;
  /** What it runs, e.g. "hf-lineage watch". */
  command: string;
  /** When it took the lock (ISO 8601). */
  since: string;
  host: string;
}

/** Another process (or another connection of this one) writes the database; `holder` is null when it cannot be told. */
export class WriterLockHeldError extends Error {
  constructor(
    readonly dbPath: string,
    readonly holder: WriterLockHolder | null,
  ) {
    super(
      `${dbPath} is being written by ${describeHolder(holder)}; one process writes a database at a time: ` +
        "wait for it to end or stop it, or pass --wait to wait for your turn " +
        "(serve and export only read, and never wait)",
    );
    this.name = "WriterLockHeldError";
  }
}

export interface WriterLock {
  readonly holder: WriterLockHolder;
  /** Gives the lock up; calling it again does nothing. */
  release(): void;
}

export interface WriterLockOptions {
  /** What this process runs, written down for whoever finds the lock held. */
  command: string;
  /** Wait until the lock is free instead of throwing WriterLockHeldError at once. */
  wait?: boolean;
  /** Called once, with the holder, when the lock is held and `wait` is set. */
  onWait?: (holder: WriterLockHolder | null) => void;
  /** Stops a wait: WriterLockHeldError is thrown. */
  signal?: AbortSignal;
  pollMs?: number;
  now?: () => Date;
}

/** The lock file (an empty SQLite database held in an open EXCLUSIVE transaction) and its holder's note. */
export function writerLockPaths(dbPath: string): { lock: string; holder: string } {
  return { lock: `${dbPath}.writer-lock`, holder: `${dbPath}.writer-lock.json` };
}

/**
 * Takes the writer lock of the database at `dbPath`. The lock is SQLite's own file lock (POSIX advisory locks), so
 * it holds across processes and across connections of one process, and the kernel releases it when the holding
 * process ends in any way, `kill -9` included: a dead writer never blocks the next one, and no pid check can be
 * fooled by a reused pid. An in-memory database has no other writer and gets a lock that holds nothing.
 */
export async function acquireWriterLock(dbPath: string, options: WriterLockOptions): Promise<WriterLock> {
  const now = options.now ?? (() => new Date());
  const holder: WriterLockHolder = {
    pid: process.pid,
    command: options.command,
    since: now().toISOString(),
    host: hostname(),
  };
  if (dbPath === ":memory:") return { holder, release: () => undefined };
  const paths = writerLockPaths(dbPath);
  // The writer creates the database beside its lock: a fresh checkout has no ./data folder yet.
  mkdirSync(dirname(dbPath), { recursive: true });
  let hasWaited = false;
  for (;;) {
    const connection = tryLock(paths.lock);
    if (connection !== null) {
      writeHolder(paths.holder, holder);
      let isHeld = true;
      return {
        holder,
        release() {
          if (!isHeld) return;
          isHeld = false;
          // The note goes first: once the lock is free, the next holder writes its own.
          if (readHolder(paths.holder)?.pid === holder.pid) rmSync(paths.holder, { force: true });
          connection.close();
        },
      };
    }
    const other = readHolder(paths.holder);
    if (!options.wait || options.signal?.aborted) throw new WriterLockHeldError(dbPath, other);
    if (!hasWaited) options.onWait?.(other);
    hasWaited = true;
    await abortableSleep(options.pollMs ?? 250, options.signal);
  }
}

/** An open connection holding the file's EXCLUSIVE lock, or null when another connection holds it. */
function tryLock(path: string): Database.Database | null {
  const connection = new Database(path, { timeout: 0 });
  try {
    // Kept open until release: no write ever happens, so no journal is made; closing rolls back and unlocks.
    connection.exec("BEGIN EXCLUSIVE");
    return connection;
  } catch (error) {
    connection.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") return null;
    throw error;
  }
}

function writeHolder(path: string, holder: WriterLockHolder): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(holder)}\n`);
  renameSync(temporary, path);
}

/** The holder's note, or null when absent or unreadable (a holder killed between taking the lock and writing it). */
export function readHolder(path: string): WriterLockHolder | null {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as Partial<WriterLockHolder>;
    if (typeof value.pid !== "number" || typeof value.command !== "string" || typeof value.since !== "string")
      return null;
    return { pid: value.pid, command: value.command, since: value.since, host: String(value.host ?? "") };
  } catch {
    return null;
  }
}

function describeHolder(holder: WriterLockHolder | null): string {
  if (holder === null) return "another hf-lineage process";
  const where = holder.host && holder.host !== hostname() ? ` on ${holder.host}` : "";
  const self = holder.pid === process.pid ? ", this process" : "";
  return `"${holder.command}" (pid ${holder.pid}${where}${self}) since ${holder.since}`;
}
