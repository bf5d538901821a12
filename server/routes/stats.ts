// GET /api/stats: totals of models, families and edges (per relation and source), the last crawl, DB size.
import { Router } from "express";
import { getLineageStats } from "../../db/queries/stats";
import { getLastRun } from "../../db/runs";
import { STATS_ROUTE } from "../contract/stats";
import type { StatsResponse } from "../contract/types";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";

export function statsRoutes(ctx: RouteContext): Router {
  const router = Router();
  router.get("/api/stats", (req, res) => {
    parseQuery(STATS_ROUTE.query, req.query);
    const body = ctx.cache.get("stats", () => {
      const stats = getLineageStats(ctx.db);
      const run = getLastRun(ctx.db, "crawl");
      const value: StatsResponse = {
        ...stats,
        lastRun: run && {
          id: run.id,
          command: run.command,
          status: run.status,
          startedAt: run.startedAt,
          endedAt: run.endedAt,
          requests: run.requests,
          models: run.models,
          edges: run.edges,
          retries: run.retries,
          problems: run.problems,
        },
      };
      return { value, weight: 1 };
    });
    res.json(body);
  });
  return router;
}
