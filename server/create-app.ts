// Builds the Express app: the read-only JSON API over a lineage database, its docs, and the built web client.
import express, { type Express } from "express";
import type { Db } from "../db/open-database";
import { errorMiddleware, MethodNotAllowedError, RouteNotFoundError, type ErrorLogger } from "./errors";
import { createReadCache } from "./read-cache";
import { securityHeaders } from "./security-headers";
import { clientRoutes, DEFAULT_CLIENT_DIR } from "./routes/client";
import type { RouteContext } from "./routes/context";
import { docsRoutes } from "./routes/docs";
import { EXPORT_LIMITS, exportRoutes, type ExportLimits } from "./routes/export";
import { familyRoutes } from "./routes/families";
import { forkRoutes } from "./routes/forks";
import { graphRoutes } from "./routes/graph";
import { modelRoutes } from "./routes/models";
import { orgRoutes } from "./routes/orgs";
import { searchRoutes } from "./routes/search";
import { statsRoutes } from "./routes/stats";

export interface AppOptions {
  /** An open, migrated lineage database; the app only reads it. */
  db: Db;
  /** The clock (growth series end at now); defaults to the system clock. */
  now?: () => Date;
  /** The built web client (vite's output); defaults to dist/client of this checkout. */
  clientDir?: string;
  /** Where unexpected errors are reported; defaults to stderr. */
  logger?: ErrorLogger;
  /** Summed size (roughly: list items) of read results kept between requests until the data changes. */
  cacheWeight?: number;
  /**
   * The server's address as its users reach it, for absolute links (the Atom feed's); DEFAULT_PUBLIC_URL when
   * absent. Taken from configuration, never from the request's Host header, which any client sets.
   */
  publicUrl?: string;
  /** Limits of GET /api/export (concurrent exports, idle readers); EXPORT_LIMITS where absent. */
  exportLimits?: Partial<ExportLimits>;
}

/** Where `serve` listens by default. */
export const DEFAULT_PUBLIC_URL = "http://127.0.0.1:7860";

/** About 500k list items or graph nodes: a few hundred MB at most. */
const DEFAULT_CACHE_WEIGHT = 500_000;

export function createApp(options: AppOptions): Express {
  const ctx: RouteContext = {
    db: options.db,
    now: options.now ?? (() => new Date()),
    cache: createReadCache(options.db, options.cacheWeight ?? DEFAULT_CACHE_WEIGHT),
    publicUrl: (options.publicUrl ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, ""),
  };
  const logger = options.logger ?? {
    error: (message: string) => process.stderr.write(`hf-lineage serve: ${message}\n`),
  };

  const app = express();
  app.disable("x-powered-by");
  // Repeated parameters become arrays, which the schemas reject; no nested objects from `a[b]=c`.
  app.set("query parser", "simple");
  app.use(securityHeaders());

  // Read routes answer with an ETag (Express computes it from the body and answers 304 to a matching
  // If-None-Match); `no-cache` makes clients revalidate, since a crawl may change any answer.
  app.use("/api", (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") throw new MethodNotAllowedError(req.method);
    res.setHeader("Cache-Control", "no-cache");
    next();
  });
  for (const routes of [
    modelRoutes,
    graphRoutes,
    searchRoutes,
    familyRoutes,
    orgRoutes,
    statsRoutes,
    (context: RouteContext) => exportRoutes(context, { ...EXPORT_LIMITS, ...options.exportLimits }),
    forkRoutes,
    docsRoutes,
  ]) {
    app.use(routes(ctx));
  }
  app.use("/api", (req) => {
    throw new RouteNotFoundError(req.originalUrl.split("?")[0]);
  });

  app.use(clientRoutes(options.clientDir ?? DEFAULT_CLIENT_DIR));
  app.use((_req, res) => {
    res
      .status(404)
      .type("text")
      .send("Not found. The web client answers /, /model/<id>, /forks and /org/<author>; the API lives under /api.\n");
  });
  app.use(errorMiddleware(logger));
  return app;
}
