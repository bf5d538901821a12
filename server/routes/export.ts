// GET /api/export: the CLI's exporters (jsonl, csv, graphml, gexf), streamed with backpressure.
import { Router, type Response } from "express";
import { resolveId } from "../../db/aliases";
import { EXPORT_CONTENT_TYPES, exportGraph } from "../../db/export/export";
import { openDatabase, type Db } from "../../db/open-database";
import { ModelNotFoundError } from "../errors";
import { EXPORT_ROUTE } from "../contract/export";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";

/** Resolves once the socket can take more, or the client went away. */
function writable(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * An export reads through open statements for as long as the client takes to download it, and a connection
 * with an open statement refuses writes. So a file database gets a connection of its own per export (read-only,
 * one consistent WAL snapshot); an in-memory one (tests) cannot be reopened and exports one at a time.
 */
function exportConnection(db: Db): { db: Db; release: () => void } {
  if (db.memory) return { db, release: () => undefined };
  const own = openDatabase(db.name, { readonly: true });
  return { db: own, release: () => own.close() };
}

export function exportRoutes(ctx: RouteContext): Router {
  const router = Router();
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
    let release: () => void = () => {};
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
      let next = chunks.next();
      res.setHeader("Content-Type", EXPORT_CONTENT_TYPES[query.format]);
      res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
      for (; !next.done; next = chunks.next()) {
        if (!res.write(next.value)) await writable(res);
        if (res.destroyed) return;
      }
      res.end();
    } finally {
      chunks?.return?.();
      connection.release();
      release();
    }
  });
  return router;
}
