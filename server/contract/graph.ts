// GET /api/graph: a lineage slice in graphology's SerializedGraph shape.
import { z } from "zod";
import { inferredParam, LIMITS, limitParam, relationListParam, requiredModelIdParam, wholeNumber } from "./params";
import { defineRoute } from "./route";
import { component, confidence, count, edgeSource, licenseChangeKind, licenseFamily, relation } from "./shapes";

export const GRAPH_NODE_ATTRIBUTES = component(
  "GraphNodeAttributes",
  z.object({
    label: z.string(),
    author: z.string().nullable(),
    relation,
    descendants: count,
    downloads: count.nullable(),
    likes: count.nullable(),
    createdAt: z.string().nullable(),
    generation: z.int().describe("0 the focus, +n descendants n hops down, -n ancestors n hops up."),
    hasHiddenChildren: z
      .boolean()
      .describe("True when some of this node's children were left out of the slice (the view offers to expand it)."),
    license: z.string().nullable().describe("Null when unknown."),
    licenseFamily: licenseFamily.nullable(),
  }),
);

export const GRAPH_EDGE_ATTRIBUTES = component(
  "GraphEdgeAttributes",
  z.object({
    relation,
    source: edgeSource,
    confidence,
    licenseChange: licenseChangeKind.nullable().describe("How the child's known licence differs from the parent's."),
  }),
);

export const GRAPH_ROUTE = defineRoute({
  path: "/api/graph",
  summary: "A lineage slice for graph views (graphology SerializedGraph)",
  description:
    "Ancestors up to `up` generations and descendants down to `down`. Above `limit` models, the most significant descendants (by descendant count, then downloads) are kept, always connected to the root; `truncated`, `omitted` per generation and `hasHiddenChildren` on nodes say what is left out.",
  query: z.strictObject({
    root: requiredModelIdParam("root", "The focused model id."),
    up: wholeNumber(0, LIMITS.depth.max, LIMITS.graph.up, "Generations of ancestors."),
    down: wholeNumber(0, LIMITS.depth.max, LIMITS.depth.max, "Generations of descendants."),
    relations: relationListParam,
    limit: limitParam(LIMITS.graph, "Node budget."),
    inferred: inferredParam,
  }),
  response: component(
    "GraphSlice",
    z.object({
      attributes: z.object({
        root: z.string(),
        truncated: z.boolean(),
        omitted: z
          .array(z.object({ generation: z.int(), count }))
          .describe("Models found within up/down but left out to fit limit, per generation."),
        total: count.describe("Models found within up/down before trimming."),
      }),
      options: z.object({ type: z.literal("directed"), multi: z.literal(false), allowSelfLoops: z.literal(true) }),
      nodes: z.array(z.object({ key: z.string(), attributes: GRAPH_NODE_ATTRIBUTES })),
      edges: z.array(
        z.object({
          key: z.string().describe("parent->child"),
          source: z.string().describe("The parent."),
          target: z.string().describe("The child."),
          attributes: GRAPH_EDGE_ATTRIBUTES,
        }),
      ),
    }),
    "graphology's SerializedGraph: `new Graph().import(slice)` loads it as is.",
  ),
  ok: "The slice.",
  errors: [400, 404],
});
