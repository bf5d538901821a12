// `serve [--db FILE] [--port N] [--host H]`: the read-only JSON API and the built web client over a lineage database.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase, resolveDbPath } from "../../db/open-database";
import { answerClientErrors } from "../../server/answer-client-errors";
import { createApp } from "../../server/create-app";
import { parseCommandArgs, UsageError, type CliIo, type Command } from "../command";

export const DEFAULT_PORT = 7860;
export const DEFAULT_HOST = "127.0.0.1";

const USAGE = `Usage: hf-lineage serve [--db FILE] [--port N] [--host H] [--public-url URL]

Serves the lineage database over HTTP: the JSON API under /api (documented at /api/docs and /api/openapi.json)
and the web client built by \`npm run build\` (dist/client) at / and /model/<id>. Read-only: no route writes.
Runs until interrupted (Ctrl-C, SIGTERM).

Options:
  --db FILE     the database (default: $HF_LINEAGE_DB, else ./data/lineage.db); created empty if missing
  --port N      TCP port, 0 for any free one (default: $PORT, else ${DEFAULT_PORT})
  --host H      address to listen on (default: $HOST, else ${DEFAULT_HOST}; 0.0.0.0 for every interface)
  --public-url URL  the address users reach the server at, for absolute links such as the Atom feed's
                (default: $PUBLIC_URL, else http://HOST:PORT as bound); never taken from a request's Host header
  -h, --help    show this help

Exit status: 0 after a clean shutdown; 1 when the database cannot be opened or the address is taken; 2 on a
usage error.
`;

export interface ServeOptions {
  dbPath: string;
  port: number;
  host: string;
  /** Absolute links start with it; the bound address when absent. */
  publicUrl?: string;
}

export interface RunningServer {
  /** The address actually bound (the port is chosen by the system when 0 was asked). */
  url: string;
  close(): Promise<void>;
}

function parsePort(value: string, origin: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new UsageError(`${origin} takes a port from 0 to 65535, got "${value}"`);
  return Number(value);
}

function parsePublicUrl(value: string): void {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash)
    throw new UsageError(`--public-url takes an http(s) URL without query or fragment, got "${value}"`);
}

/** Flags win over the environment, which wins over the defaults. */
export function resolveServeOptions(argv: string[], env: NodeJS.ProcessEnv): ServeOptions {
  const { values } = parseCommandArgs(argv, {
    db: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    "public-url": { type: "string" },
  });
  const port =
    values.port !== undefined
      ? parsePort(values.port, "--port")
      : env.PORT
        ? parsePort(env.PORT, "PORT")
        : DEFAULT_PORT;
  const host = values.host ?? (env.HOST || DEFAULT_HOST);
  if (host.trim() === "") throw new UsageError("--host must not be empty");
  const publicUrl = values["public-url"] ?? (env.PUBLIC_URL || undefined);
  if (publicUrl !== undefined) parsePublicUrl(publicUrl);
  return { dbPath: resolveDbPath(values.db, env), port, host, ...(publicUrl === undefined ? {} : { publicUrl }) };
}

/** Opens the database and listens; resolves once the server accepts connections. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const db = openDatabase(options.dbPath);
  try {
    // Listening first, so that the links' default is the address actually bound (a port chosen by the system).
    const server = createServer();
    answerClientErrors(server);
    server.listen(options.port, options.host);
    await once(server, "listening");
    const { address, port } = server.address() as AddressInfo;
    const shown = address.includes(":") ? `[${address}]` : address;
    const url = `http://${shown}:${port}`;
    server.on("request", createApp({ db, publicUrl: options.publicUrl ?? url }));
    return {
      url,
      close: async () => {
        server.close();
        server.closeAllConnections();
        await once(server, "close");
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Resolves with the name of the first SIGINT or SIGTERM, then leaves both signals to their defaults again. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (name: string) => {
      process.off("SIGINT", onInterrupt);
      process.off("SIGTERM", onTerminate);
      resolve(name);
    };
    const onInterrupt = () => stop("SIGINT");
    const onTerminate = () => stop("SIGTERM");
    process.on("SIGINT", onInterrupt);
    process.on("SIGTERM", onTerminate);
  });
}

export const serveCommand: Command = {
  name: "serve",
  summary: "serve the JSON API and the web client",
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const options = resolveServeOptions(argv, io.env);
    const server = await startServer(options);
    io.stderr.write(`hf-lineage serve: listening on ${server.url} (database ${options.dbPath}); Ctrl-C stops\n`);
    const signal = await untilStopped();
    io.stderr.write(`hf-lineage serve: ${signal}, shutting down\n`);
    await server.close();
    return 0;
  },
};
