// The model routes: a model's detail, its ancestors, a page of its descendants, its growth per period.
import { z } from "zod";
import { DESCENDANT_SORTS } from "../../db/queries/descendants";
import { GROWTH_INTERVALS, HUB_PLACEHOLDER_CREATED_AT } from "../../db/queries/growth";
import {
  cursorParam,
  inferredParam,
  LIMITS,
  limitParam,
  MODEL_ID_PATH,
  oneOf,
  relationParam,
  wholeNumber,
} from "./params";
import { defineRoute } from "./route";
import {
  component,
  confidence,
  count,
  DESCENDANT_COUNTS,
  edgeSource,
  INFERRED_FLAG,
  LICENSE_CHANGE,
  LINK_SOURCE,
  modelSummaryShape,
  PARENT_REF,
  RELATION_COUNTS,
  relation,
  renamedFrom,
} from "./shapes";

const pathParams = {
  id: MODEL_ID_PATH.describe(
    "Model id, `owner/name` (or a legacy id without owner). The slash may be sent raw or as %2F. An old (renamed) " +
      "id answers for the canonical model and says so in `renamedFrom`.",
  ),
};
const nullableText = z.string().nullable();
/** The model a sub-route answers for: its canonical id, and the id asked for when that was an old one. */
const target = { id: z.string(), renamedFrom };
const relationFilter = relationParam.optional().describe("Only descendants of this relation to their parent.");

export const MODEL_PARENT = component(
  "ModelParent",
  PARENT_REF.extend({
    sources: z.array(LINK_SOURCE).describe("Every source of the pair, strongest first; they may name other relations."),
    license: z.string().nullable().describe("The parent's licence; null when unknown or not stored."),
  }),
);

const MODEL_DETAIL = component(
  "ModelDetail",
  z.object({
    id: z.string(),
    author: nullableText,
    createdAt: nullableText,
    lastModified: nullableText,
    downloads: count.nullable(),
    likes: count.nullable(),
    pipelineTag: nullableText,
    libraryName: nullableText,
    license: nullableText,
    gated: z
      .union([z.literal(false), z.enum(["auto", "manual"])])
      .nullable()
      .describe("As the Hub sends it: false, auto or manual; null when unknown."),
    private: z.boolean().nullable(),
    sha: nullableText,
    renamedFrom,
    url: z.string().describe("The model's page on huggingface.co."),
    newVersion: nullableText.describe("A successor named by the card's new_version (never a parent)."),
    fetchedAt: nullableText.describe("Null for a model known only as someone's parent."),
    goneAt: nullableText.describe("Since when the Hub answers 404 for it."),
    parents: z
      .array(MODEL_PARENT)
      .describe(
        "One link per parent: relation, source and confidence of its strongest source (tag > card > inferred).",
      ),
    children: RELATION_COUNTS,
    descendants: DESCENDANT_COUNTS,
    roots: z.array(z.string()).describe("Ancestors without parents (the model itself when it has none)."),
    licenseChanges: z.array(LICENSE_CHANGE),
    inferred: z.object({
      included: z.boolean(),
      children: count.describe("Children reached only through inferred edges."),
      descendants: count.describe("Descendants reached only through inferred edges."),
    }),
  }),
);

export const MODEL_ROUTE = defineRoute({
  path: "/api/models/{id}",
  summary: "A model and its lineage figures",
  description:
    "Stored fields, parents (one link each: relation, source, confidence, every source as evidence, the parent's " +
    "licence), licence changes from the parents, direct children and transitive descendant counts per relation, " +
    "roots. Counts come from maintained tables, never a recursive query.",
  pathParams,
  query: z.strictObject({ inferred: inferredParam }),
  response: MODEL_DETAIL,
  ok: "The model.",
  errors: [400, 404],
});

/** A parent link as ancestor nodes list it (without evidence). */
const parentLink = z.object({ id: z.string(), relation, source: edgeSource, confidence });

export const ANCESTORS_ROUTE = defineRoute({
  path: "/api/models/{id}/ancestors",
  summary: "Every path from a model up to its roots",
  description:
    "Merges have several parents, so several paths. " +
    `Cycle-safe; at most \`limit\` paths and ${LIMITS.ancestors.maxNodes} ancestors, with \`truncated\` saying so. ` +
    "An id of two parts whose second part is `ancestors`, `descendants` or `growth` is the model with that id " +
    "when it is known.",
  pathParams,
  query: z.strictObject({ inferred: inferredParam, limit: limitParam(LIMITS.ancestors.maxPaths, "Paths to list.") }),
  response: component(
    "Ancestors",
    z.object({
      ...target,
      nodes: z
        .array(z.object({ ...modelSummaryShape, depth: count, parents: z.array(parentLink) }))
        .describe("The model (depth 0) and each ancestor once, with its fewest hops up and its parents."),
      paths: z
        .array(z.object({ ids: z.array(z.string()), endsInCycle: z.boolean() }))
        .describe("Each path runs from the model (first) up to a root (last)."),
      roots: z.array(z.string()),
      truncated: z.boolean().describe("True when a cap (limits) cut the answer short; capped says which."),
      capped: z.object({ nodes: z.boolean(), paths: z.boolean() }),
      limits: z.object({ maxNodes: count, maxPaths: count }),
      inferred: INFERRED_FLAG,
    }),
  ),
  ok: "The ancestry.",
  errors: [400, 404],
});

export const DESCENDANT_ITEM = component(
  "DescendantItem",
  z.object({
    ...modelSummaryShape,
    depth: count.describe("Fewest hops below the model (1 = direct child)."),
    parent: z.string().describe("The parent reaching it in fewest hops (best source, then smallest id)."),
    relation,
    source: edgeSource,
    confidence,
  }),
);

export const DESCENDANTS_ROUTE = defineRoute({
  path: "/api/models/{id}/descendants",
  summary: "A model's descendants, one keyset page at a time",
  description:
    "Each distinct descendant once, with its depth, the parent reaching it first and its relation. Pages are " +
    "stable: the order is total (sort key, then id).",
  pathParams,
  query: z.strictObject({
    inferred: inferredParam,
    relation: relationFilter,
    maxDepth: wholeNumber(1, LIMITS.depth.max, LIMITS.depth.max, "Only descendants at most this many hops below."),
    sort: oneOf(DESCENDANT_SORTS)
      .default("downloads")
      .describe("downloads, likes, created (newest first; unknown last) or depth (nearest first)."),
    limit: limitParam(LIMITS.descendants, "Items per page."),
    cursor: cursorParam(LIMITS.cursor.descendants, "nextCursor of the previous page, unchanged (same sort)."),
  }),
  response: component(
    "DescendantsPage",
    z.object({
      ...target,
      sort: z.enum(DESCENDANT_SORTS),
      total: count.describe("Matching descendants over all pages."),
      items: z.array(DESCENDANT_ITEM),
      nextCursor: z.string().optional().describe("Pass as cursor for the next page; absent on the last page."),
      inferred: INFERRED_FLAG,
    }),
  ),
  ok: "One page.",
  errors: [400, 404],
});

export const GROWTH_PERIOD = component(
  "GrowthPeriod",
  z.object({
    start: z.iso.date().describe("First day of the period (UTC); weeks start on Monday."),
    ...RELATION_COUNTS.shape,
  }),
);

export const GROWTH_ROUTE = defineRoute({
  path: "/api/models/{id}/growth",
  summary: "Descendants created per week or month",
  description:
    `From each descendant's createdAt; the Hub's placeholder date ${HUB_PLACEHOLDER_CREATED_AT} (repos ` +
    `older than its records) counts as unknown, not as a period.`,
  pathParams,
  query: z.strictObject({
    inferred: inferredParam,
    interval: oneOf(GROWTH_INTERVALS).default("month").describe("Period length."),
    relation: relationFilter,
  }),
  response: component(
    "Growth",
    z.object({
      ...target,
      interval: z.enum(GROWTH_INTERVALS),
      relation,
      periods: z
        .array(GROWTH_PERIOD)
        .describe("Every period from the first dated descendant's to the last one's (empty ones as zeros)."),
      unknown: RELATION_COUNTS,
      total: count,
      inferred: INFERRED_FLAG,
    }),
  ),
  ok: "The series.",
  errors: [400, 404],
});
