// `serve [--db FILE] [--port N] [--host H]`: the read-only JSON API and the built web client over a lineage database.
import { runServer } from "../../app/run-server";
import type { Command } from "../command";
import { DEFAULT_HOST, DEFAULT_PORT, resolveServeOptions } from "../resolve-serve-options";

const USAGE = `Usage: hf-lineage serve [--db FILE] [--port N] [--host H]

Serves the lineage database over HTTP: the JSON API under /api (documented at /api/docs and /api/openapi.json)
and the web client built by \`npm run build\` (dist/client) at / and /model/<id>. Read-only: no route writes.
Runs until interrupted (Ctrl-C, SIGTERM).

Options:
  --db FILE     the database (default: $HF_LINEAGE_DB, else ./data/lineage.db); created empty if missing
  --port N      TCP port, 0 for any free one (default: $PORT, else ${DEFAULT_PORT})
  --host H      address to listen on (default: $HOST, else ${DEFAULT_HOST}; 0.0.0.0 for every interface)
  -h, --help    show this help

Exit status: 0 after a clean shutdown; 1 when the database cannot be opened or the address is taken; 2 on a
usage error.
`;

export const serveCommand: Command = {
  name: "serve",
  summary: "serve the JSON API and the web client",
  usage: USAGE,
  async run(argv, io) {
    return runServer(resolveServeOptions(argv, io.env), io);
  },
};
