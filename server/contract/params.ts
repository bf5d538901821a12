// Request-side building blocks of the contract: the id pattern, bounds and defaults, and the parameter schemas.
import { z } from "zod";
import { RELATIONS, type Relation } from "../../lineage/types";
import { InvalidParameterError } from "../errors";

/** Hub names: letters, digits, `-`, `_`, `.`, at most 96 characters (owner and repository alike). */
const SEGMENT_SOURCE = "[A-Za-z0-9._-]{1,96}";
const SEGMENT = new RegExp(`^${SEGMENT_SOURCE}$`);
/** A model id as the docs publish it: `owner/name` or a legacy `name`. */
const MODEL_ID_PATTERN = `^${SEGMENT_SOURCE}(/${SEGMENT_SOURCE})?$`;
/** Only a well-formed two-part id is looked up while splitting a model path (hostile paths never reach SQL). */
export const TWO_PART_ID = new RegExp(`^${SEGMENT_SOURCE}/${SEGMENT_SOURCE}$`);

/** Every bound and default of the API, once: validation, the OpenAPI document and the routes read them here. */
// Every list that pages or ranks caps limit at 1,000 (search, a typeahead, at 100); larger values are capped.
export const LIMITS = {
  descendants: { default: 100, max: 1000 },
  graph: { default: 5000, max: 50_000, up: 3 },
  /** The whole-family view: families up to this size are drawn whole (the columnar answer is ~75 bytes a model). */
  graphColumnar: { default: 400_000, max: 400_000 },
  depth: { max: 100 },
  search: { default: 20, max: 100, queryLength: 200 },
  families: { default: 50, max: 1000 },
  orgs: { default: 100, max: 1000 },
  topOrgs: { default: 50, max: 1000 },
  ancestors: { maxPaths: { default: 100, max: 1000 }, maxNodes: 10_000 },
  forks: { default: 50, max: 1000, feed: 50 },
  cursor: { descendants: 1024, forks: 200, orgs: 200 },
} as const;

/**
 * What the OpenAPI document shows for a parameter whose wire form (a string) differs from its meaning (a
 * number, an id): read by the document builder in place of zod's input schema.
 */
export const PARAM_JSON_SCHEMAS = z.registry<Record<string, unknown>>();

/** Checks one owner or repository name; `what` names it in the message. */
function checkSegment(segment: string, what: string, param: string): void {
  if (segment === "." || segment === ".." || !SEGMENT.test(segment)) {
    const shown = segment.length > 60 ? `${segment.slice(0, 60)}…` : segment;
    throw new InvalidParameterError(
      `${param}: ${JSON.stringify(shown)} is not a valid ${what}: use letters, digits, "-", "_" and "." (at most ` +
        `96), not "." or ".."`,
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

/** A zod transform running `parse` (which throws an InvalidParameterError) and reporting its message as an issue. */
function checkedBy(param: string, parse: (raw: string, param: string) => string) {
  return (value: string, ctx: Pick<z.RefinementCtx<unknown>, "addIssue">): string => {
    try {
      return parse(value, param);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message.replace(`${param}: `, "") });
      return z.NEVER;
    }
  };
}

/** An optional model id or author parameter: null when absent. */
function optionalChecked(
  param: string,
  parse: (raw: string, param: string) => string,
  pattern: string,
  description: string,
) {
  const check = checkedBy(param, parse);
  const schema = z
    .string()
    .optional()
    .transform((value, ctx) => (value === undefined ? null : check(value, ctx)))
    .describe(description);
  PARAM_JSON_SCHEMAS.add(schema, { type: "string", pattern });
  return schema;
}

export const modelIdParam = (param: string, description: string) =>
  optionalChecked(param, parseModelId, MODEL_ID_PATTERN, description);
export const authorParam = (param: string, description: string) =>
  optionalChecked(param, parseAuthor, `^${SEGMENT_SOURCE}$`, description);

/** A required model id parameter. */
export function requiredModelIdParam(param: string, description: string) {
  const schema = z
    .string({ message: "is required: a model id" })
    .transform(checkedBy(param, parseModelId))
    .describe(description);
  PARAM_JSON_SCHEMAS.add(schema, { type: "string", pattern: MODEL_ID_PATTERN });
  return schema;
}

/** The path parameter `id` of the model routes, as documented (the routes split and check it themselves). */
export const MODEL_ID_PATH = z.string().regex(new RegExp(MODEL_ID_PATTERN));
export const AUTHOR_PATH = z.string().regex(SEGMENT);

/**
 * A whole number parameter. Digits only (no sign, exponent or fraction); below `min` is an error, above `max`
 * is capped to `max` (the documented cap), beyond 2^53 is an error since it cannot be a meant value.
 */
export function wholeNumber(min: number, max: number, fallback: number, description: string) {
  const schema = z
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
    })
    .describe(description);
  PARAM_JSON_SCHEMAS.add(schema, { type: "integer", minimum: min, maximum: max, default: fallback });
  return schema;
}

/** `limit`: at least 1, capped to `max`; `what` says what is counted. */
export const limitParam = (bounds: { default: number; max: number }, what: string) =>
  wholeNumber(1, bounds.max, bounds.default, `${what} At least 1; larger values are capped to ${bounds.max}.`);

/** One of a fixed list of words. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of ${values.join(", ")}` });

export const relationParam = oneOf(RELATIONS);

/** `relations=finetune,adapter`: a comma-separated set of relations; absent means all. */
export const relationListParam = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return null;
    const parts = value.split(",").map((part) => part.trim());
    const bad = parts.filter((part) => !(RELATIONS as readonly string[]).includes(part));
    if (bad.length) {
      ctx.addIssue({
        code: "custom",
        message:
          `must be a comma-separated list of ${RELATIONS.join(", ")}; not ` + `${JSON.stringify(bad[0].slice(0, 40))}`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as Relation[];
  })
  .describe(`Comma-separated relations to follow (${RELATIONS.join(", ")}); all by default.`);

/** `inferred=include` counts and follows inferred edges too; the default leaves them out. */
export const inferredParam = z
  .enum(["include", "exclude"], { message: 'must be "include" or "exclude"' })
  .default("exclude")
  .transform((value) => value === "include")
  .describe(
    "`include` follows and counts inferred edges too; by default only declared edges (Hub tags, card front matter) " +
      "count.",
  );

/** An opaque cursor a previous page gave. */
export const cursorParam = (max: number, description: string) =>
  z.string().max(max, "is too long to be a cursor this API gave").optional().describe(description);
