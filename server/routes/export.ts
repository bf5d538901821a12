// GET /api/export: the CLI's exporters (jsonl, csv, graphml, gexf), streamed with backpressure, a few at a time.
import { Router } from "express";
import { resolveId } from "../../db/aliases";
import { EXPORT_CONTENT_TYPES, exportGraph } from "../../db/export/export";
import { openDatabase, type Db } from "../../db/open-database";
import { ModelNotFoundError, TooManyExportsError } from "../errors";
import { EXPORT_ROUTE } from "../contract/export";
import { parseQuery } from "../parse-query";
import { createTurns, streamChunks } from "../stream-chunks";
import type { RouteContext } from "./context";

/**
 * An export reads one snapshot (a read transaction) for as long as the client takes to download it, and on the
 * server's connection that transaction would take in every write made meanwhile. So a file database gets a
 * connection of its own per export (read-only, one consistent WAL snapshot); an in-memory one (tests) cannot be
 * reopened and exports one at a time.
 */
function exportConnection(db: Db): { db: Db; release: () => void } {
  if (db.memory) return { db, release: () => undefined };
  const own = openDatabase(db.name, { readonly: true });
  // An export reads small keyset pages, each page of the file about once: a large page cache per export (the
  // default is 64 MiB; 2 MiB was +100 MiB for 50 readers) only grows the process per concurrent reader, while the
  // OS page cache serves re-reads anyway. 64 KiB keeps the b-trees' upper pages and was as fast at 170k models.
  own.pragma(`cache_size = -${EXPORT_CACHE_KIB}`);
  return { db: own, release: () => own.close() };
}

/** SQLite page cache of an export's own connection, in KiB. */
const EXPORT_CACHE_KIB = 64;

export interface ExportLimits {
  /** Exports streaming at once; one more is answered 503 too_many_exports. */
  maxExports: number;
  /** A reader that takes nothing for this long is cut off. */
  idleMs: number;
}

export const EXPORT_LIMITS: ExportLimits = { maxExports: 8, idleMs: 60_000 };

/** How long a client refused for want of a slot is asked to wait. */
const RETRY_AFTER_SECONDS = 10;

export function exportRoutes(ctx: RouteContext, limits: ExportLimits = EXPORT_LIMITS): Router {
  const router = Router();
  let running = 0;
  const turn = createTurns();
  // The tail of the queue of in-memory exports (see exportConnection).
  let memoryQueue: Promise<void> = Promise.resolve();

  router.get("/api/export", async (req, res) => {
    const query = parseQuery(EXPORT_ROUTE.query, req.query);
    let root: string | undefined;
    if (query.root !== null) {
      const resolved = resolveId(ctx.db, query.root);
      if (resolved === null) throw new ModelNotFoundError(query.root);
      root = resolved;
    }
    const name = `hf-lineage${root ? `-${root.replace(/[^A-Za-z0-9._-]/g, "_")}` : ""}.${query.format}`;
    if (req.method === "HEAD") {
      res.setHeader("Content-Type", EXPORT_CONTENT_TYPES[query.format]);
      res.end();
      return;
    }
    if (running >= limits.maxExports) throw new TooManyExportsError(limits.maxExports, RETRY_AFTER_SECONDS);
    running++;
    let release: () => void = () => {};
    try {
      if (ctx.db.memory) {
        const previous = memoryQueue;
        memoryQueue = new Promise((resolve) => (release = resolve));
        await previous;
      }
      const connection = exportConnection(ctx.db);
      let chunks: Iterator<string> | null = null;
      try {
        chunks = exportGraph(connection.db, { format: query.format, root, includeInferred: query.inferred })[
          Symbol.iterator
        ]();
        // Headers go out with the first chunk, so an exporter failing at once still answers a JSON error.
        const first = chunks.next();
        res.setHeader("Content-Type", EXPORT_CONTENT_TYPES[query.format]);
        res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
        await streamChunks(res, first, chunks, { idleMs: limits.idleMs, turn });
      } finally {
        chunks?.return?.();
        connection.release();
      }
    } finally {
      running--;
      release();
    }
  });
  return router;
}
