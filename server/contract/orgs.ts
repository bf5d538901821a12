// GET /api/orgs/<author>: an author's models and the outside bases they derive from.
import { z } from "zod";
import { AUTHOR_PATH, inferredParam, LIMITS, limitParam } from "./params";
import { defineRoute } from "./route";
import {
  component,
  confidence,
  count,
  edgeSource,
  INFERRED_FLAG,
  modelSummaryShape,
  RELATION_TALLY,
  relation,
} from "./shapes";

export const ORG_ROUTE = defineRoute({
  path: "/api/orgs/{author}",
  summary: "An author's models and the bases they derive from",
  description:
    "For example skt -> Qwen/Qwen2.5-72B (with inferred=include when the lineage is only in the card's prose).",
  pathParams: { author: AUTHOR_PATH.describe("The owner name.") },
  query: z.strictObject({ inferred: inferredParam, limit: limitParam(LIMITS.orgs, "Models and bases listed.") }),
  response: component(
    "Org",
    z.object({
      author: z.string(),
      total: count.describe("All of the author's models; models lists the most downloaded limit of them."),
      models: z.array(
        z.object({
          ...modelSummaryShape,
          parents: z.array(z.object({ id: z.string(), relation, source: edgeSource, confidence })),
        }),
      ),
      bases: z
        .array(
          z.object({
            ...modelSummaryShape,
            models: count.describe("The author's models deriving from it."),
            direct: RELATION_TALLY,
            roots: z.array(z.string()),
          }),
        )
        .describe(
          "Outside models the author's models derive from, directly or through the author's own models; most used first.",
        ),
      basesTotal: count,
      inferred: INFERRED_FLAG,
    }),
  ),
  ok: "The overview.",
  errors: [400, 404],
});
