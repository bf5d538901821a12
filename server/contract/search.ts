// GET /api/search: search-as-you-type over model ids.
import { z } from "zod";
import { inferredParam, LIMITS, limitParam, PARAM_JSON_SCHEMAS } from "./params";
import { defineRoute } from "./route";
import { component, count } from "./shapes";

export const SEARCH_HIT = component(
  "SearchHit",
  z.object({
    id: z.string(),
    author: z.string().nullable(),
    descendants: count,
    downloads: count.nullable(),
    isPrefix: z.boolean().describe("The id, or its name after the owner, starts with q (these rank first)."),
  }),
);

/** The text to find: trimmed, then 1 to 200 characters. */
const searchText = z
  .string({ message: "is required: the text to search for" })
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, "must not be empty")
      .max(LIMITS.search.queryLength, `must be at most ${LIMITS.search.queryLength} characters`),
  )
  .describe(`Text to find in ids (1 to ${LIMITS.search.queryLength} characters).`);
PARAM_JSON_SCHEMAS.add(searchText, { type: "string", minLength: 1, maxLength: LIMITS.search.queryLength });

export const SEARCH_ROUTE = defineRoute({
  path: "/api/search",
  summary: "Search model ids as you type",
  description:
    "Substring matches (trigram index, 3+ characters; spaces, dashes, dots and underscores match each other; shorter queries match id prefixes, and name prefixes among the models with the most descendants). Exact id first, then prefix matches, then by descendants and downloads. Candidates are capped per query so common substrings stay fast: the first id-prefix and substring matches, plus every match among the 5,000 models with the most descendants.",
  query: z.strictObject({
    q: searchText,
    limit: limitParam(LIMITS.search, "Results."),
    inferred: inferredParam,
  }),
  response: component(
    "SearchHits",
    z.object({ items: z.array(SEARCH_HIT).describe("Matches, best first.") }),
    "Matches, best first, in `items` like every other list.",
  ),
  ok: "Matches, best first.",
  errors: [400],
});
