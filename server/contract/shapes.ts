// Response pieces several routes share (counts, parent links, model summaries, the error body), each a named
// component of the OpenAPI document.
import { z } from "zod";
import { LICENSE_CHANGE_KINDS, LICENSE_FAMILY_NAMES } from "../../lineage/license-family";
import { EDGE_SOURCES, RELATIONS } from "../../lineage/types";

/** Registers `schema` as `#/components/schemas/<id>` of the OpenAPI document. */
export function component<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  return schema.meta({ id, ...(description === undefined ? {} : { description }) });
}

export const count = z.int().min(0);
export const relation = z.enum(RELATIONS).nullable();
export const edgeSource = z.enum(EDGE_SOURCES);
export const confidence = z.number().min(0).max(1);

export const ERROR_BODY = component(
  "Error",
  z.object({
    error: z.object({
      code: z
        .string()
        .describe(
          "Stable: invalid_parameter, model_not_found, author_not_found, not_found, method_not_allowed, " +
            "bad_request, internal.",
        ),
      message: z.string(),
    }),
  }),
);

const countsShape = { total: count, finetune: count, adapter: count, quantized: count, merge: count };
export const RELATION_COUNTS = component("RelationCounts", z.object(countsShape));
/** Descendant counts: per relation, and the farthest descendant in fewest hops. */
export const DESCENDANT_COUNTS = component(
  "DescendantCounts",
  z.object({
    ...countsShape,
    maxDepth: count,
    licenseChanges: count.describe("Descendants with at least one licence change from a parent."),
  }),
  "Distinct transitive descendants; each counts once, under its own relation (merge if any parent link is a merge, " +
    "else its strongest-sourced links'), the relation direct children count under too. maxDepth: the farthest " +
    "descendant, in fewest hops.",
);
/** Per relation, with "unknown" for links whose relation nothing tells. */
export const RELATION_TALLY = component(
  "RelationTally",
  z.object({ finetune: count, adapter: count, quantized: count, merge: count, unknown: count }),
);

export const PARENT_REF = component(
  "ParentRef",
  z.object({
    id: z.string(),
    relation,
    source: edgeSource,
    confidence,
    evidence: z.array(z.object({ kind: z.string(), text: z.string() })).optional(),
  }),
);

export const licenseChangeKind = z
  .enum(LICENSE_CHANGE_KINDS)
  .describe("may-conflict: the child's licence drops a restriction of the parent's (lineage/license-family.ts).");
export const licenseFamily = z
  .enum(LICENSE_FAMILY_NAMES)
  .describe("The licence's family in the table of lineage/license-family.ts.");

export const LICENSE_CHANGE = component(
  "LicenseChange",
  z.object({ parent: z.string(), parentLicense: z.string(), license: z.string(), kind: licenseChangeKind }),
  "A parent whose known licence differs from the model's own known licence (unknown is never a change).",
);

/** What one source says of a (parent, child) pair. */
export const LINK_SOURCE = component("LinkSource", z.object({ source: edgeSource, relation, confidence }));

/** A model as lists show it. */
export const modelSummaryShape = {
  id: z.string(),
  author: z.string().nullable(),
  createdAt: z.string().nullable(),
  downloads: count.nullable(),
  likes: count.nullable(),
  descendants: count.describe("Transitive descendants (declared, or all with inferred=include)."),
};
export const MODEL_SUMMARY = component("ModelSummary", z.object(modelSummaryShape));

/** Whether inferred edges were followed and counted (`?inferred=include`). */
export const INFERRED_FLAG = z.object({ included: z.boolean() });

/** Present when the id asked for is an old (renamed) id: the id that was asked for. */
export const renamedFrom = z.string().optional().describe("Present when the id asked for is an old (renamed) id.");
