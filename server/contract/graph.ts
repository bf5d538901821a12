// GET /api/graph: a lineage slice in graphology's SerializedGraph shape; GET /api/graph/columnar: the same slice as
// parallel arrays with server-side positions, for whole families.
import { z } from "zod";
import { FAMILY_BINARY_MEDIA_TYPE } from "../../common/family-binary-layout";
import {
  inferredParam,
  LIMITS,
  limitParam,
  oneOf,
  relationListParam,
  requiredModelIdParam,
  wholeNumber,
} from "./params";
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

const SLICE_ATTRIBUTES = z.object({
  root: z.string(),
  truncated: z.boolean(),
  omitted: z
    .array(z.object({ generation: z.int(), count }))
    .describe("Models found within up/down but left out to fit limit, per generation."),
  total: count.describe("Models found within up/down before trimming."),
});

/** The slice's parameters, with the node budget of the route's answer. */
const sliceQuery = (limits: { default: number; max: number }) =>
  z.strictObject({
    root: requiredModelIdParam("root", "The focused model id."),
    up: wholeNumber(0, LIMITS.depth.max, LIMITS.graph.up, "Generations of ancestors."),
    down: wholeNumber(0, LIMITS.depth.max, LIMITS.depth.max, "Generations of descendants."),
    relations: relationListParam,
    limit: limitParam(limits, "Node budget."),
    inferred: inferredParam,
  });

export const GRAPH_ROUTE = defineRoute({
  path: "/api/graph",
  summary: "A lineage slice for graph views (graphology SerializedGraph)",
  description:
    "Ancestors up to `up` generations and descendants down to `down`. Above `limit` models, the most significant " +
    "descendants (by descendant count, then downloads) are kept, always connected to the root; `truncated`, " +
    "`omitted` per generation and `hasHiddenChildren` on nodes say what is left out.",
  query: sliceQuery(LIMITS.graph),
  response: component(
    "GraphSlice",
    z.object({
      attributes: SLICE_ATTRIBUTES,
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

const ints = z.array(z.int());

export const GRAPH_COLUMNAR_ROUTE = defineRoute({
  path: "/api/graph/columnar",
  summary: "A whole family for the graph view, as parallel arrays with positions",
  description:
    "The slice of /api/graph (the same walk and trimming, a larger node budget) with one array per field: entry k " +
    "of every `nodes` array is model k (0 is the focus); links by model number; relations and sources as codes " +
    "into `relationCodes` and `sourceCodes`. Positions (`x`, `y`) come from the generation-ring layout, computed " +
    "once per family, options and data version and cached with the answer. `format=binary` sends the same " +
    `content as \`${FAMILY_BINARY_MEDIA_TYPE}\`: a little-endian header of 7 Uint32 (magic "HFLC", version 1, ` +
    "models, links, labelled, metadata bytes, id bytes), one byte per section naming its element type (0-7: " +
    "Uint8, Int8, Uint16, Int16, Uint32, Int32, Float32, Float64; integer columns take the narrowest that holds " +
    "them), the metadata as UTF-8 JSON (`attributes` and the code tables), then the sections, each starting at a " +
    "multiple of 8 bytes: x, y (Float32), downloads (-1 unknown), descendants, subfamily, idLength (each id's " +
    "length in UTF-16 code units), license, generation, relation, hasHiddenChildren (per model), labelled, link " +
    "parent, child, relation, source, licenseChange (per link), and the ids' UTF-8 text, concatenated " +
    "(common/family-binary-layout.ts).",
  query: sliceQuery(LIMITS.graphColumnar).extend({
    format: oneOf(["json", "binary"])
      .default("json")
      .describe("`binary`: the same answer as typed arrays (see the description), for clients that map them."),
  }),
  alsoMediaTypes: [FAMILY_BINARY_MEDIA_TYPE],
  response: component(
    "ColumnarGraphSlice",
    z.object({
      attributes: SLICE_ATTRIBUTES,
      relationCodes: z.array(relation),
      licenseCodes: z
        .array(z.object({ license: z.string(), family: licenseFamily }))
        .describe("The known licences in the slice, each with its family."),
      licenseChangeCodes: z.array(licenseChangeKind),
      sourceCodes: z.array(edgeSource),
      nodes: z.object({
        id: z.array(z.string()),
        x: z.array(z.number()),
        y: z.array(z.number()),
        generation: ints,
        relation: ints.describe("Index into relationCodes."),
        descendants: z.array(count),
        downloads: z.array(count.nullable()),
        hasHiddenChildren: ints.describe("1 when some of its children were left out of the slice."),
        license: ints.describe("Index into licenseCodes; -1 when the licence is unknown."),
        subfamily: ints.describe(
          "The first-generation model (by number) whose subtree holds it in the layout; -1 for the focus and above.",
        ),
      }),
      labelled: ints.describe("The models worth a label, most significant first (by descendants, then downloads)."),
      edges: z.object({
        parent: ints,
        child: ints,
        relation: ints.describe("Index into relationCodes."),
        source: ints.describe("Index into sourceCodes."),
        licenseChange: ints.describe("Index into licenseChangeCodes; -1 when the licence does not change."),
      }),
    }),
    "A slice in columns: one array per field, models and links by number.",
  ),
  ok: "The slice in columns.",
  errors: [400, 404],
});
