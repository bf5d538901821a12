// What `serve` runs: the server until the first SIGINT or SIGTERM, then a clean shutdown.
import { onSignals } from "../common/on-signals";
import type { CliIo } from "./cli-io";
import { startServer, type ServeOptions } from "./start-server";

/** Resolves with the name of the first SIGINT or SIGTERM, then leaves both signals to their defaults again. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => onSignals(resolve, { once: true }));
}

/** Resolves to the exit code (0) after the shutdown; rejects when the database or the address cannot be used. */
export async function runServer(options: ServeOptions, io: CliIo): Promise<number> {
  const server = await startServer(options);
  io.stderr.write(`hf-lineage serve: listening on ${server.url} (database ${options.dbPath}); Ctrl-C stops\n`);
  const signal = await untilStopped();
  io.stderr.write(`hf-lineage serve: ${signal}, shutting down\n`);
  await server.close();
  return 0;
}
