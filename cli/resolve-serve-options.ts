// The server's address, public URL and database from --db/--port/--host/--public-url, then
// PORT/HOST/PUBLIC_URL/HF_LINEAGE_DB, then the defaults.
import type { ServeOptions } from "../app/start-server";
import { resolveDbPath } from "../db/open-database";
import { parseCommandArgs, UsageError } from "./command";

export const DEFAULT_PORT = 7860;
export const DEFAULT_HOST = "127.0.0.1";

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
