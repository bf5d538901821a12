// Writes text or lines to a stream, waiting when the pipe is full and stopping quietly once the reader has gone.

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
