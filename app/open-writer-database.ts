// Opens a database for a command that writes it (crawl, watch, start): its writer lock first, then the database.
import { openDatabase, type Db } from "../db/open-database";
import { acquireWriterLock, type WriterLockHolder } from "../db/writer-lock";
import type { CliIo } from "./cli-io";

export interface WriterDatabase {
  db: Db;
  /** Closes the database, then gives the writer lock up. */
  close(): void;
}

export interface OpenWriterOptions {
  /** The command's name, written down for whoever finds the database held ("hf-lineage <name>"). */
  name: string;
  /** Wait for the current writer to end (saying so once) instead of failing at once. */
  wait: boolean;
  io: CliIo;
  signal?: AbortSignal;
}

/**
 * The database at `path`, once this process holds its writer lock: a second crawl or watcher either waits its turn
 * (`wait`) or fails at once with WriterLockHeldError naming the holder, never a "database is locked" midway.
 */
export async function openWriterDatabase(path: string, options: OpenWriterOptions): Promise<WriterDatabase> {
  const lock = await acquireWriterLock(path, {
    command: `hf-lineage ${options.name}`,
    wait: options.wait,
    signal: options.signal,
    onWait: (holder) => options.io.stderr.write(`hf-lineage ${options.name}: ${waitingFor(path, holder)}\n`),
  });
  try {
    const db = openDatabase(path);
    return {
      db,
      close() {
        db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function waitingFor(path: string, holder: WriterLockHolder | null): string {
  const who = holder === null ? "another process" : `"${holder.command}" (pid ${holder.pid}, since ${holder.since})`;
  return `waiting for ${who} to finish writing ${path}`;
}
