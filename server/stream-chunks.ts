// Streams an export's text chunks to a response without holding the event loop or memory for a slow reader.
import type { Response } from "express";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Turns of the event loop shared by every export of a server: each caller gets the turn after the previous
 * caller's, so however many exports stream, one chunk is made per turn, and a request arriving meanwhile waits
 * for one chunk, not one per export.
 */
export function createTurns(): () => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  return () => {
    tail = tail.then(nextTurn);
    return tail;
  };
}

/** True once the socket took what was buffered; false when the client left or took nothing for `idleMs`. */
function drained(res: Response, idleMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (isDrained: boolean) => {
      clearTimeout(timer);
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(isDrained);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), idleMs);
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}

export interface StreamChunksOptions {
  /** Waits for this export's next turn (see createTurns). */
  turn: () => Promise<void>;
  /** A reader that takes nothing of a full buffer for this long is cut off (the export's resources freed). */
  idleMs: number;
}

/**
 * Writes `first` and the rest of `chunks` to `res`, then ends it. It yields its turn after every chunk,
 * and when `res.write` says the socket's buffer is full it waits for 'drain' before reading another chunk, so a slow
 * reader holds at most about one chunk in this process. Resolves when the answer ended or was cut off.
 */
export async function streamChunks(
  res: Response,
  first: IteratorResult<string>,
  chunks: Iterator<string>,
  options: StreamChunksOptions,
): Promise<void> {
  for (let written = writeChunk(res, first); written !== "done"; written = writeChunk(res, chunks.next())) {
    if (written === "full" && !(await drained(res, options.idleMs))) {
      res.destroy();
      return;
    }
    // Also after a 'drain': a socket that took the chunk at once emits it on the next tick, before any I/O, so
    // waiting for it alone would starve every other connection (not even accepted) until the export ends.
    await options.turn();
    if (res.destroyed) return;
  }
  res.end();
}

/**
 * Writes one chunk; "full" when the socket's buffer is full. The chunk is not held while the export waits: with
 * many exports streaming, a chunk held across turns outlives the young generation and only a full collection
 * would free it, so the process would grow by about everything the exports wrote.
 */
function writeChunk(res: Response, next: IteratorResult<string>): "done" | "taken" | "full" {
  if (next.done) return "done";
  // An empty chunk only marks a slice of work that gave no text: nothing to write, but a turn to give.
  return next.value === "" || res.write(next.value) ? "taken" : "full";
}
