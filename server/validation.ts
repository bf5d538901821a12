// Zod schemas for every path and query parameter of the API, and the parse helpers that turn failures into 400s.
import { z } from "zod";
import { EXPORT_FORMATS } from "../db/export/export";
import { DESCENDANT_SORTS, type DescendantKey, type DescendantSort } from "../db/queries/descendants";
import { FAMILY_RANKINGS } from "../db/queries/families";
import { GROWTH_INTERVALS } from "../db/queries/growth";
import { RELATIONS, type Relation } from "../lineage/types";
import { fromZodError, InvalidParameterError } from "./errors";

/** Hub names: letters, digits, `-`, `_`, `.`, at most 96 characters (owner and repository alike). */
const SEGMENT = /^[A-Za-z0-9._-]{1,96}$/;

/** Checks one owner or repository name; `what` names it in the message. */
function checkSegment(segment: string, what: string, param: string): void {
  if (segment === "." || segment === ".." || !SEGMENT.test(segment)) {
    const shown = segment.length > 60 ? `${segment.slice(0, 60)}…` : segment;
    throw new InvalidParameterError(
      `${param}: ${JSON.stringify(shown)} is not a valid ${what}: use letters, digits, "-", "_" and "." (at most 96), not "." or ".."`,
      [param],
    );
  }
}

/** A Hub model id: `owner/name`, or a legacy id without owner (`gpt2`). */
export function parseModelId(raw: string, param: string): string {
  const segments = raw.split("/");
  if (segments.length > 2) {
    throw new InvalidParameterError(
      `${param}: a model id is "owner/name" or a legacy "name", got ${segments.length} parts`,
      [param],
    );
  }
  for (const segment of segments) checkSegment(segment, "model id part", param);
  return raw;
}

export function parseAuthor(raw: string, param: string): string {
  checkSegment(raw, "author name", param);
  return raw;
}

const modelId = (param: string) =>
  z.string().transform((value, ctx) => {
    try {
      return parseModelId(value, param);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message.replace(`${param}: `, "") });
      return z.NEVER;
    }
  });

/**
 * A whole number parameter. Digits only (no sign, exponent or fraction); below `min` is an error, above `max`
 * is capped to `max` (the documented cap), beyond 2^53 is an error since it cannot be a meant value.
 */
export function wholeNumber(min: number, max: number, fallback: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return fallback;
      const number = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(number)) {
        ctx.addIssue({
          code: "custom",
          message: `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value.slice(0, 40))}`,
        });
        return z.NEVER;
      }
      if (number < min) {
        ctx.addIssue({ code: "custom", message: `must be at least ${min}, got ${number}` });
        return z.NEVER;
      }
      return Math.min(number, max);
    });
}

const relation = z.enum(RELATIONS, { message: `must be one of ${RELATIONS.join(", ")}` });

/** `relations=finetune,adapter`: a comma-separated set of relations; absent means all. */
const relationList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return null;
    const parts = value.split(",").map((part) => part.trim());
    const bad = parts.filter((part) => !(RELATIONS as readonly string[]).includes(part));
    if (bad.length) {
      ctx.addIssue({
        code: "custom",
        message: `must be a comma-separated list of ${RELATIONS.join(", ")}; not ${JSON.stringify(bad[0].slice(0, 40))}`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as Relation[];
  });

/** `inferred=include` counts and follows inferred edges too; the default leaves them out. */
const inferred = z
  .enum(["include", "exclude"], { message: 'must be "include" or "exclude"' })
  .optional()
  .transform((value) => value === "include");

export const LIMITS = {
  descendants: { default: 100, max: 1000 },
  graph: { default: 5000, max: 50_000 },
  /** The whole-family view: families up to this size are drawn whole (columnar answers are lighter). */
  graphColumnar: { default: 400_000, max: 400_000 },
  depth: { max: 100 },
  search: { default: 20, max: 100 },
  families: { default: 50, max: 500 },
  orgs: { default: 100, max: 5000 },
  ancestors: { maxPaths: { default: 100, max: 1000 }, maxNodes: 10_000 },
} as const;

export const SCHEMAS = {
  modelDetail: z.strictObject({ inferred }),
  ancestors: z.strictObject({
    inferred,
    limit: wholeNumber(1, LIMITS.ancestors.maxPaths.max, LIMITS.ancestors.maxPaths.default),
  }),
  descendants: z.strictObject({
    inferred,
    relation: relation.optional(),
    maxDepth: wholeNumber(1, LIMITS.depth.max, LIMITS.depth.max),
    sort: z.enum(DESCENDANT_SORTS, { message: `must be one of ${DESCENDANT_SORTS.join(", ")}` }).default("downloads"),
    limit: wholeNumber(1, LIMITS.descendants.max, LIMITS.descendants.default),
    cursor: z.string().max(1024, "is too long to be a cursor this API gave").optional(),
  }),
  growth: z.strictObject({
    inferred,
    interval: z.enum(GROWTH_INTERVALS, { message: `must be one of ${GROWTH_INTERVALS.join(", ")}` }).default("month"),
    relation: relation.optional(),
  }),
  graph: z.strictObject({
    root: modelId("root"),
    up: wholeNumber(0, LIMITS.depth.max, 3),
    down: wholeNumber(0, LIMITS.depth.max, LIMITS.depth.max),
    relations: relationList,
    limit: wholeNumber(1, LIMITS.graph.max, LIMITS.graph.default),
    inferred,
  }),
  graphColumnar: z.strictObject({
    root: modelId("root"),
    up: wholeNumber(0, LIMITS.depth.max, 3),
    down: wholeNumber(0, LIMITS.depth.max, LIMITS.depth.max),
    relations: relationList,
    limit: wholeNumber(1, LIMITS.graphColumnar.max, LIMITS.graphColumnar.default),
    inferred,
  }),
  search: z.strictObject({
    q: z
      .string({ message: "is required: the text to search for" })
      .transform((value) => value.trim())
      .pipe(z.string().min(1, "must not be empty").max(200, "must be at most 200 characters")),
    limit: wholeNumber(1, LIMITS.search.max, LIMITS.search.default),
    inferred,
  }),
  families: z.strictObject({
    by: z.enum(FAMILY_RANKINGS, { message: `must be one of ${FAMILY_RANKINGS.join(", ")}` }).default("descendants"),
    relation: relation.optional(),
    author: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return null;
        try {
          return parseAuthor(value, "author");
        } catch (err) {
          ctx.addIssue({ code: "custom", message: (err as Error).message.replace("author: ", "") });
          return z.NEVER;
        }
      }),
    limit: wholeNumber(1, LIMITS.families.max, LIMITS.families.default),
    inferred,
  }),
  org: z.strictObject({ inferred, limit: wholeNumber(1, LIMITS.orgs.max, LIMITS.orgs.default) }),
  stats: z.strictObject({}),
  export: z.strictObject({
    root: modelId("root").optional(),
    format: z.enum(EXPORT_FORMATS, { message: `must be one of ${EXPORT_FORMATS.join(", ")}` }).default("jsonl"),
    inferred,
  }),
  none: z.strictObject({}),
};

/** Parses a request's query with `schema`, or throws InvalidParameterError naming every bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query);
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}

const cursorSchema = z.tuple([
  z.enum(DESCENDANT_SORTS),
  z.union([z.number().int().min(-1), z.string().max(64)]),
  z.string().min(1).max(256),
]);

/** A descendants cursor is opaque to clients: base64url of [sort, last value, last id]. */
export function encodeCursor(sort: DescendantSort, key: DescendantKey): string {
  return Buffer.from(JSON.stringify([sort, key.value, key.id])).toString("base64url");
}

export function decodeCursor(cursor: string, sort: DescendantSort): DescendantKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) {
    throw new InvalidParameterError(
      "cursor: not a cursor this API gave; pass nextCursor from the previous page unchanged",
      ["cursor"],
    );
  }
  const [cursorSort, value, id] = parsed.data;
  const expectsText = sort === "created";
  if (cursorSort !== sort || (typeof value === "string") !== expectsText) {
    throw new InvalidParameterError(
      `cursor: it belongs to sort=${cursorSort}; keep the same sort while paging, or start without a cursor`,
      ["cursor"],
    );
  }
  return { value, id };
}
