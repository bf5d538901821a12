// GET /api/families/top: the leaderboard of base models.
import { z } from "zod";
import { FAMILY_RANKINGS } from "../../db/queries/families";
import { authorParam, inferredParam, LIMITS, limitParam, oneOf, relationParam } from "./params";
import { defineRoute } from "./route";
import {
  component,
  count,
  DESCENDANT_COUNTS,
  INFERRED_FLAG,
  modelSummaryShape,
  RELATION_COUNTS,
  relation,
} from "./shapes";

const { descendants: _descendantCount, ...summaryWithoutCount } = modelSummaryShape;

export const FAMILY_ITEM = component(
  "FamilyItem",
  z.object({
    rank: count,
    ...summaryWithoutCount,
    score: count.describe(
      "The figure ranked by (descendants or direct children, of `relation` or in total; or descendants with a " +
        "licence change).",
    ),
    children: RELATION_COUNTS,
    descendants: DESCENDANT_COUNTS,
  }),
);

export const FAMILIES_ROUTE = defineRoute({
  path: "/api/families/top",
  summary: "Leaderboard of base models",
  description:
    "Bases (models without a parent) ranked by transitive descendants or direct children, of one relation or in " +
    "total, optionally of one author; derivatives=include ranks every model.",
  query: z.strictObject({
    by: oneOf(FAMILY_RANKINGS)
      .default("descendants")
      .describe("descendants, direct (children), or licenseChanges (descendants with a licence change from a parent)."),
    relation: relationParam.optional().describe("Rank by the count of this relation."),
    author: authorParam("author", "Only models of this owner."),
    derivatives: z
      .enum(["include", "exclude"], { message: 'must be "include" or "exclude"' })
      .default("exclude")
      .transform((value) => value === "include")
      .describe(
        "`include` ranks models that have a parent too; by default only bases (no parent link in scope) are ranked.",
      ),
    limit: limitParam(LIMITS.families, "Entries."),
    inferred: inferredParam,
  }),
  response: component(
    "Families",
    z.object({
      by: z.enum(FAMILY_RANKINGS),
      relation,
      author: z.string().nullable(),
      derivatives: z.object({ included: z.boolean() }),
      items: z.array(FAMILY_ITEM),
      inferred: INFERRED_FLAG,
    }),
  ),
  ok: "The leaderboard.",
  errors: [400],
});
