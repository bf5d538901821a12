// GET /api/forks and GET /api/forks.atom: the watcher's new-fork events, as JSON pages and as an Atom feed.
import { z } from "zod";
import { ATOM_CONTENT_TYPE, isRfc3339 } from "../atom";
import { cursorParam, LIMITS, limitParam, modelIdParam, relationParam } from "./params";
import { defineRoute } from "./route";
import { component, count, relation } from "./shapes";

/** `since`: an RFC 3339 date-time, or a day (YYYY-MM-DD, from its start in UTC); normalised to the stored form. */
const since = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return null;
    const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
    if (!isRfc3339(text)) {
      ctx.addIssue({
        code: "custom",
        message: `must be a date (2025-08-01) or an RFC 3339 date-time (2025-08-01T12:00:00Z), got ${JSON.stringify(value.slice(0, 40))}`,
      });
      return z.NEVER;
    }
    return new Date(Date.parse(text)).toISOString();
  })
  .describe("Only events seen at or after this date (2025-08-01) or RFC 3339 date-time.");

export const FORK_ITEM = component(
  "ForkItem",
  z.object({
    model: z.string(),
    root: z.string().describe("The tracked family's root."),
    relation,
    depth: count.describe("Hops from the model up to the root (1 = direct child)."),
    createdAt: z.string().nullable().describe("The model's createdAt on the Hub."),
    seenAt: z.string().describe("When the watcher recorded the event."),
    kind: z
      .enum(["new", "joined"])
      .describe(
        "new: a newly published model; joined: an existing model whose changed base_model now puts it under the family.",
      ),
  }),
);

export const FORKS_ROUTE = defineRoute({
  path: "/api/forks",
  summary: "New forks of tracked families, newest first",
  description:
    "The watcher's new-fork events (a model entering a tracked family: newly published, or joined through a changed base_model), keyset-paginated.",
  query: z.strictObject({
    root: modelIdParam("root", "Only events of this family (its root id; an old id is followed)."),
    relation: relationParam.optional().describe("Only events of this relation."),
    since,
    limit: limitParam(LIMITS.forks, "Events per page."),
    cursor: cursorParam(LIMITS.cursor.forks, "nextCursor of the previous page, unchanged."),
  }),
  response: component(
    "ForksPage",
    z.object({
      items: z.array(FORK_ITEM),
      nextCursor: z.string().optional().describe("Absent on the last page."),
    }),
  ),
  ok: "One page.",
  errors: [400, 404],
});

export const FORKS_FEED_ROUTE = defineRoute({
  path: "/api/forks.atom",
  summary: "New forks as an Atom feed",
  description: `The ${LIMITS.forks.feed} newest events, for feed readers.`,
  query: z.strictObject({ root: modelIdParam("root", "Only events of this family.") }),
  response: { mediaTypes: [ATOM_CONTENT_TYPE] },
  ok: "Atom 1.0.",
  errors: [400, 404],
});
