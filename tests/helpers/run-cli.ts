// Runs the CLI in-process on captured streams, for the command specs under tests/cli.
import { PassThrough, Writable } from "node:stream";
import { main } from "../../cli/main";
import type { CliIo } from "../../cli/command";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `main(argv)` with a fresh stderr, the given (or a fresh) stdout and env; what both streams received, as text. */
export async function runCli(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; stdout?: NodeJS.WritableStream } = {},
): Promise<CliRun> {
  const stdout = options.stdout ?? new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (b: Buffer) => out.push(b));
  stderr.on("data", (b: Buffer) => err.push(b));
  const io: CliIo = { stdout, stderr, env: options.env ?? {}, isTty: false };
  const code = await main(argv, io);
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

/** A stdout whose every write fails with this errno code (EPIPE: the reader has gone); `writes` counts the tries. */
export function failingStdout(code: string): Writable & { writes: number } {
  const stream = Object.assign(
    new Writable({
      write(_chunk, _encoding, callback) {
        stream.writes++;
        callback(Object.assign(new Error(`write ${code}`), { code }));
      },
    }),
    { writes: 0 },
  );
  return stream;
}

/** The JSON lines a command printed, parsed. */
export function jsonLines<T = Record<string, unknown>>(output: string): T[] {
  return output
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}
