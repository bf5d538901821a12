// Writes text or lines to a stream, waiting when the pipe is full and stopping quietly once the reader has gone.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

interface Sink {
  write(text: string): Promise<boolean>;
}

/**
 * `write` resolves false once the reader has gone away (EPIPE, as with `| head`): there is no one left to print
 * to, which is not a failure. Other stream errors are thrown.
 */
export function textSink(stream: NodeJS.WritableStream): Sink {
  let failure: NodeJS.ErrnoException | null = null;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    failure ??= err; // later writes to the dead stream fail too; the first error says why
  });
  const check = (): boolean => {
    if (failure === null) return true;
    if (failure.code === "EPIPE") return false;
    throw failure;
  };
  return {
    async write(text) {
      if (!check()) return false;
      if (!stream.write(text)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off("drain", done);
            stream.off("error", done);
            resolve();
          };
          stream.once("drain", done);
          stream.once("error", done);
        });
      }
      return check();
    },
  };
}

/** A textSink whose every write is one line: the newline is added. */
export function lineSink(stream: NodeJS.WritableStream): Sink {
  const sink = textSink(stream);
  return { write: (line) => sink.write(`${line}\n`) };
}

/**
 * Expands the command line's card arguments: a directory stands for the `*.md` files directly inside it (sorted),
 * so thousands of cards can be named without hitting the 128 KiB limit `npm run` puts on its argument string.
 * Anything else is passed through as given; the caller reports what cannot be read.
 */
export async function expandCardPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((name) => name.endsWith(".md")).sort();
    files.push(...names.map((name) => join(path, name)));
  }
  return files;
}
