// GET /api/stats: database totals and the last crawl run.
import { z } from "zod";
import { EDGE_SOURCES } from "../../lineage/types";
import { defineRoute } from "./route";
import { component, count, RELATION_TALLY } from "./shapes";

const RUN_SUMMARY = component(
  "RunSummary",
  z.object({
    id: count,
    command: z.string(),
    status: z.string(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    requests: count,
    models: count,
    edges: count,
    retries: count,
    problems: count,
  }),
  "The latest crawl run and its counters.",
);

export const STATS_ROUTE = defineRoute({
  path: "/api/stats",
  summary: "Database totals",
  description: "Models, families, edges per relation and source, the last crawl run, the database size.",
  query: z.strictObject({}),
  response: component(
    "Stats",
    z.object({
      models: z.object({ total: count, fetched: count, gone: count }),
      families: count.describe("Models with at least one declared descendant."),
      edges: z
        .object({
          total: count,
          byRelation: RELATION_TALLY,
          bySource: z.object(
            Object.fromEntries(EDGE_SOURCES.map((source) => [source, count])) as Record<
              (typeof EDGE_SOURCES)[number],
              typeof count
            >,
          ),
          disagreements: count.describe(
            "Pairs whose sources name different relations (counted once, under the strongest).",
          ),
        })
        .describe("One link per (parent, child) pair, under its strongest source."),
      lastRun: RUN_SUMMARY.nullable(),
      dbBytes: count,
    }),
  ),
  ok: "Totals.",
  errors: [400],
});
