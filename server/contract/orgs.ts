// GET /api/orgs/<author>: an author's models, the bases they derive from and what others built on them;
// GET /api/orgs/top: the leaderboard of orgs by derivatives.
import { z } from "zod";
import { ORG_RANKINGS } from "../../db/queries/top-orgs";
import { GROWTH_PERIOD } from "./models";
import { AUTHOR_PATH, cursorParam, inferredParam, LIMITS, limitParam, oneOf } from "./params";
import { defineRoute } from "./route";
import {
  component,
  confidence,
  count,
  edgeSource,
  INFERRED_FLAG,
  modelSummaryShape,
  RELATION_COUNTS,
  RELATION_TALLY,
  relation,
} from "./shapes";

const ORG_DERIVATIVES = component(
  "OrgDerivatives",
  z.object({
    ...RELATION_COUNTS.shape,
    authors: count.describe("Distinct authors of the derivatives."),
    topAuthors: z
      .array(z.object({ author: z.string(), models: count }))
      .describe("The authors with the most derivatives, most first; at most `limit`."),
    growth: z
      .array(GROWTH_PERIOD)
      .describe("Derivatives per creation month, from the first dated one's month to the last (empty ones as zeros)."),
    undated: count.describe("Derivatives without a usable creation date (left out of growth)."),
  }),
  "Distinct models by other authors that descend from any of the org's models; each counts once, under its own " +
    "relation as a descendant (as a model's descendants do).",
);

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
          "Outside models the author's models derive from, directly or through the author's own models; most used " +
            "first.",
        ),
      basesTotal: count,
      derivatives: ORG_DERIVATIVES,
      inferred: INFERRED_FLAG,
    }),
  ),
  ok: "The overview.",
  errors: [400, 404],
});

export const TOP_ORGS_ROUTE = defineRoute({
  path: "/api/orgs/top",
  summary: "Leaderboard of orgs by derivatives",
  description:
    "Authors ranked by their derivatives: distinct models by other authors below any of their models (ties by " +
    "name). Read from counts the store precomputes; exact (computed from the graph when writes are newer than " +
    "those counts).",
  query: z.strictObject({
    by: oneOf(ORG_RANKINGS).default("derivatives").describe("derivatives (the only ranking so far)."),
    limit: limitParam(LIMITS.topOrgs, "Entries per page."),
    cursor: cursorParam(LIMITS.cursor.orgs, "nextCursor of the previous page, unchanged."),
    inferred: inferredParam,
  }),
  response: component(
    "TopOrgs",
    z.object({
      by: z.enum(ORG_RANKINGS),
      items: z.array(
        z.object({
          author: z.string(),
          derivatives: count,
          models: count.describe("The author's own stored models."),
          authors: count.describe("Distinct authors of the derivatives."),
        }),
      ),
      nextCursor: z.string().optional().describe("Pass as cursor for the next page; absent on the last page."),
      inferred: INFERRED_FLAG,
    }),
  ),
  ok: "One page of the leaderboard.",
  errors: [400],
});
