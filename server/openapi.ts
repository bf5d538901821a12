// The OpenAPI 3.1 description of every route, and a plain HTML rendering of it for /api/docs.
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS } from "../db/export/export";
import { DESCENDANT_SORTS } from "../db/queries/descendants";
import { FAMILY_RANKINGS } from "../db/queries/families";
import { GROWTH_INTERVALS, HUB_PLACEHOLDER_CREATED_AT } from "../db/queries/growth";
import { EDGE_SOURCES, RELATIONS } from "../lineage/types";
import { ATOM_CONTENT_TYPE } from "./atom";
import { FORK_LIMITS } from "./routes/forks";
import { LIMITS } from "./validation";

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: "path" | "query";
  required?: boolean;
  description: string;
  schema: Schema;
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string): Schema => ({ type: [type, "null"] });
const int = (minimum: number, maximum: number, fallback?: number): Schema => ({
  type: "integer",
  minimum,
  maximum,
  ...(fallback === undefined ? {} : { default: fallback }),
});

const PARAMS = {
  modelId: {
    name: "id",
    in: "path",
    required: true,
    description:
      "Model id, `owner/name` (or a legacy id without owner). The slash may be sent raw or as %2F. An old (renamed) id answers for the canonical model and says so in `renamedFrom`.",
    schema: { type: "string", pattern: "^[A-Za-z0-9._-]{1,96}(/[A-Za-z0-9._-]{1,96})?$" },
  },
  inferred: {
    name: "inferred",
    in: "query",
    description:
      "`include` follows and counts inferred edges too; by default only declared edges (Hub tags, card front matter) count.",
    schema: { type: "string", enum: ["include", "exclude"], default: "exclude" },
  },
  relation: {
    name: "relation",
    in: "query",
    description: "Only descendants of this relation to their parent.",
    schema: { type: "string", enum: [...RELATIONS] },
  },
} satisfies Record<string, Parameter>;

const limit = (max: number, fallback: number, what: string): Parameter => ({
  name: "limit",
  in: "query",
  description: `${what} At least 1; larger values are capped to ${max}.`,
  schema: int(1, max, fallback),
});

function jsonResponse(description: string, schema: Schema) {
  return { description, content: { "application/json": { schema } } };
}

const ERRORS = {
  "400": jsonResponse("A parameter is invalid; the message names it and what is accepted.", ref("Error")),
  "404": jsonResponse("Unknown model (or author).", ref("Error")),
};

function get(
  summary: string,
  description: string,
  parameters: Parameter[],
  ok: unknown,
  extra: Record<string, unknown> = {},
) {
  return {
    get: {
      summary,
      description,
      parameters,
      responses: {
        "200": ok,
        "304": { description: "Not modified (the ETag sent in If-None-Match still matches)." },
        ...ERRORS,
        ...extra,
      },
    },
  };
}

const RELATION_COUNTS: Schema = {
  type: "object",
  required: ["total", ...RELATIONS],
  properties: Object.fromEntries(["total", ...RELATIONS].map((k) => [k, { type: "integer", minimum: 0 }])),
};

const RELATION_TALLY: Schema = {
  type: "object",
  properties: Object.fromEntries([...RELATIONS, "unknown"].map((k) => [k, { type: "integer", minimum: 0 }])),
};

const MODEL_SUMMARY_PROPS = {
  id: { type: "string" },
  author: nullable("string"),
  createdAt: nullable("string"),
  downloads: nullable("integer"),
  likes: nullable("integer"),
  descendants: { type: "integer", description: "Transitive descendants (declared, or all with inferred=include)." },
};

const PARENT_REF: Schema = {
  type: "object",
  required: ["id", "relation", "source", "confidence"],
  properties: {
    id: { type: "string" },
    relation: { type: ["string", "null"], enum: [...RELATIONS, null] },
    source: { type: "string", enum: [...EDGE_SOURCES] },
    confidence: { type: "number", minimum: 0, maximum: 1 },
    evidence: {
      type: "array",
      items: { type: "object", properties: { kind: { type: "string" }, text: { type: "string" } } },
    },
  },
};

const INFERRED_FLAG: Schema = { type: "object", properties: { included: { type: "boolean" } } };

const SCHEMAS: Record<string, Schema> = {
  Error: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: {
            type: "string",
            description:
              "Stable: invalid_parameter, model_not_found, author_not_found, not_found, method_not_allowed, bad_request, internal.",
          },
          message: { type: "string" },
        },
      },
    },
  },
  RelationCounts: RELATION_COUNTS,
  ParentRef: PARENT_REF,
  ModelDetail: {
    type: "object",
    required: ["id", "url", "parents", "children", "descendants", "roots", "licenseChanges", "inferred"],
    properties: {
      id: { type: "string" },
      renamedFrom: { type: "string", description: "Present when the id asked for is an old (renamed) id." },
      url: { type: "string", description: "The model's page on huggingface.co." },
      author: nullable("string"),
      createdAt: nullable("string"),
      lastModified: nullable("string"),
      downloads: nullable("integer"),
      likes: nullable("integer"),
      pipelineTag: nullable("string"),
      libraryName: nullable("string"),
      license: nullable("string"),
      gated: {
        oneOf: [{ const: false }, { type: "string", enum: ["auto", "manual"] }, { type: "null" }],
        description: "As the Hub sends it: false, auto or manual; null when unknown.",
      },
      private: nullable("boolean"),
      sha: nullable("string"),
      newVersion: {
        type: ["string", "null"],
        description: "A successor named by the card's new_version (never a parent).",
      },
      fetchedAt: { type: ["string", "null"], description: "Null for a model known only as someone's parent." },
      goneAt: { type: ["string", "null"], description: "Since when the Hub answers 404 for it." },
      parents: {
        type: "array",
        items: {
          allOf: [
            ref("ParentRef"),
            {
              type: "object",
              required: ["sources", "license"],
              properties: {
                sources: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      source: { type: "string", enum: [...EDGE_SOURCES] },
                      relation: { type: ["string", "null"], enum: [...RELATIONS, null] },
                      confidence: { type: "number" },
                    },
                  },
                  description: "Every source of the pair, strongest first; they may name different relations.",
                },
                license: { type: ["string", "null"], description: "The parent's licence; null when unknown." },
              },
            },
          ],
        },
        description:
          "One link per parent: relation, source and confidence of its strongest source (tag > card > inferred).",
      },
      licenseChanges: {
        type: "array",
        items: {
          type: "object",
          required: ["parent", "parentLicense", "license", "kind"],
          properties: {
            parent: { type: "string" },
            parentLicense: { type: "string" },
            license: { type: "string" },
            kind: { type: "string", enum: ["may-conflict", "changed"] },
          },
        },
        description:
          "Parents whose known licence differs from the model's known licence; may-conflict when the model's licence drops a restriction of the parent's.",
      },
      children: { ...RELATION_COUNTS, description: "Distinct direct children, per relation." },
      descendants: {
        ...RELATION_COUNTS,
        required: ["total", ...RELATIONS, "maxDepth", "licenseChanges"],
        properties: {
          ...(RELATION_COUNTS.properties as object),
          maxDepth: { type: "integer" },
          licenseChanges: { type: "integer" },
        },
        description:
          "Distinct transitive descendants; each counts once, under its own relation (merge if any parent link is a merge, else its strongest-sourced links'), as direct children do. maxDepth: the farthest descendant, in fewest hops. licenseChanges: descendants with a licence change from a parent.",
      },
      roots: {
        type: "array",
        items: { type: "string" },
        description: "Ancestors without parents (the model itself when it has none).",
      },
      inferred: {
        type: "object",
        properties: {
          included: { type: "boolean" },
          children: { type: "integer", description: "Children reached only through inferred edges." },
          descendants: { type: "integer", description: "Descendants reached only through inferred edges." },
        },
      },
    },
  },
  Ancestors: {
    type: "object",
    properties: {
      id: { type: "string" },
      renamedFrom: { type: "string" },
      nodes: {
        type: "array",
        items: {
          type: "object",
          properties: {
            ...MODEL_SUMMARY_PROPS,
            depth: { type: "integer" },
            parents: { type: "array", items: ref("ParentRef") },
          },
        },
      },
      paths: {
        type: "array",
        items: {
          type: "object",
          properties: { ids: { type: "array", items: { type: "string" } }, endsInCycle: { type: "boolean" } },
        },
        description: "Each path runs from the model (first) up to a root (last).",
      },
      roots: { type: "array", items: { type: "string" } },
      truncated: { type: "boolean", description: "True when a cap (limits) cut the answer short; capped says which." },
      capped: { type: "object", properties: { nodes: { type: "boolean" }, paths: { type: "boolean" } } },
      limits: { type: "object", properties: { maxNodes: { type: "integer" }, maxPaths: { type: "integer" } } },
      inferred: INFERRED_FLAG,
    },
  },
  DescendantsPage: {
    type: "object",
    required: ["id", "sort", "total", "items", "inferred"],
    properties: {
      id: { type: "string" },
      renamedFrom: { type: "string" },
      sort: { type: "string", enum: [...DESCENDANT_SORTS] },
      total: { type: "integer", description: "Matching descendants over all pages." },
      items: {
        type: "array",
        items: {
          type: "object",
          properties: {
            ...MODEL_SUMMARY_PROPS,
            depth: { type: "integer", description: "Fewest hops below the model." },
            parent: {
              type: "string",
              description: "The parent reaching it in fewest hops (best source, then smallest id).",
            },
            relation: { type: ["string", "null"], enum: [...RELATIONS, null] },
            source: { type: "string", enum: [...EDGE_SOURCES] },
            confidence: { type: "number" },
          },
        },
      },
      nextCursor: { type: "string", description: "Pass as cursor for the next page; absent on the last page." },
      inferred: INFERRED_FLAG,
    },
  },
  Growth: {
    type: "object",
    properties: {
      id: { type: "string" },
      renamedFrom: { type: "string" },
      interval: { type: "string", enum: [...GROWTH_INTERVALS] },
      relation: { type: ["string", "null"] },
      periods: {
        type: "array",
        items: {
          ...RELATION_COUNTS,
          properties: { start: { type: "string", format: "date" }, ...(RELATION_COUNTS.properties as object) },
        },
        description:
          "Every period from the first dated descendant's to the last one's (empty ones as zeros); weeks start on Monday (UTC).",
      },
      unknown: {
        ...RELATION_COUNTS,
        description: `Descendants without a usable date, including the Hub's placeholder ${HUB_PLACEHOLDER_CREATED_AT}.`,
      },
      total: { type: "integer" },
      inferred: INFERRED_FLAG,
    },
  },
  GraphSlice: {
    type: "object",
    description: "graphology's SerializedGraph: `new Graph().import(slice)` loads it as is.",
    properties: {
      attributes: {
        type: "object",
        properties: {
          root: { type: "string" },
          truncated: { type: "boolean" },
          omitted: {
            type: "array",
            items: { type: "object", properties: { generation: { type: "integer" }, count: { type: "integer" } } },
            description: "Models found within up/down but left out to fit limit, per generation.",
          },
          total: { type: "integer", description: "Models found within up/down before trimming." },
        },
      },
      options: {
        type: "object",
        properties: { type: { const: "directed" }, multi: { const: false }, allowSelfLoops: { const: true } },
      },
      nodes: {
        type: "array",
        items: {
          type: "object",
          properties: {
            key: { type: "string" },
            attributes: {
              type: "object",
              properties: {
                label: { type: "string" },
                author: nullable("string"),
                relation: { type: ["string", "null"] },
                descendants: { type: "integer" },
                downloads: nullable("integer"),
                likes: nullable("integer"),
                createdAt: nullable("string"),
                generation: { type: "integer", description: "0 the focus, +n descendants, -n ancestors." },
                hasHiddenChildren: { type: "boolean" },
                license: { type: ["string", "null"], description: "Null when unknown." },
                licenseFamily: {
                  type: ["string", "null"],
                  enum: ["permissive", "copyleft", "non-commercial", "use-restricted", "other", null],
                  description: "The licence's family (the table in lineage/license-family.ts); null when unknown.",
                },
              },
            },
          },
        },
      },
      edges: {
        type: "array",
        items: {
          type: "object",
          properties: {
            key: { type: "string", description: "parent->child" },
            source: { type: "string", description: "The parent." },
            target: { type: "string", description: "The child." },
            attributes: {
              type: "object",
              properties: {
                relation: { type: ["string", "null"] },
                source: { type: "string", enum: [...EDGE_SOURCES] },
                confidence: { type: "number" },
                licenseChange: {
                  type: ["string", "null"],
                  enum: ["may-conflict", "changed", null],
                  description:
                    "How the child's known licence differs from the parent's; null when not known to differ.",
                },
              },
            },
          },
        },
      },
    },
  },
  SearchHit: {
    type: "object",
    properties: {
      ...MODEL_SUMMARY_PROPS,
      isPrefix: { type: "boolean", description: "The id or its name part starts with q." },
    },
  },
  Families: {
    type: "object",
    properties: {
      by: { type: "string", enum: [...FAMILY_RANKINGS] },
      relation: { type: ["string", "null"] },
      author: { type: ["string", "null"] },
      items: {
        type: "array",
        items: {
          type: "object",
          properties: {
            rank: { type: "integer" },
            ...MODEL_SUMMARY_PROPS,
            descendants: { ...RELATION_COUNTS },
            children: RELATION_COUNTS,
            score: { type: "integer", description: "The figure ranked by." },
          },
        },
      },
      inferred: INFERRED_FLAG,
    },
  },
  Org: {
    type: "object",
    properties: {
      author: { type: "string" },
      total: {
        type: "integer",
        description: "All of the author's models; models lists the most downloaded limit of them.",
      },
      models: {
        type: "array",
        items: {
          type: "object",
          properties: { ...MODEL_SUMMARY_PROPS, parents: { type: "array", items: ref("ParentRef") } },
        },
      },
      bases: {
        type: "array",
        description:
          "Outside models the author's models derive from, directly or through the author's own models; most used first.",
        items: {
          type: "object",
          properties: {
            ...MODEL_SUMMARY_PROPS,
            models: { type: "integer", description: "The author's models deriving from it." },
            direct: {
              ...RELATION_TALLY,
              description: "Of those, the ones linking to it directly, per relation of the link.",
            },
            roots: { type: "array", items: { type: "string" } },
          },
        },
      },
      basesTotal: { type: "integer" },
      inferred: INFERRED_FLAG,
    },
  },
  ForksPage: {
    type: "object",
    required: ["items"],
    properties: {
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["model", "root", "relation", "depth", "createdAt", "seenAt"],
          properties: {
            model: { type: "string" },
            root: { type: "string", description: "The tracked family's root." },
            relation: { type: ["string", "null"], enum: [...RELATIONS, null] },
            depth: { type: "integer", description: "Hops from the model up to the root." },
            createdAt: { type: ["string", "null"], description: "The model's createdAt on the Hub." },
            seenAt: { type: "string", description: "When the watcher recorded the event." },
            kind: { type: "string", enum: ["new", "joined"] },
          },
        },
      },
      nextCursor: { type: "string", description: "Absent on the last page." },
    },
  },
  Stats: {
    type: "object",
    properties: {
      models: {
        type: "object",
        properties: { total: { type: "integer" }, fetched: { type: "integer" }, gone: { type: "integer" } },
      },
      families: { type: "integer", description: "Models with at least one declared descendant." },
      edges: {
        type: "object",
        properties: {
          total: { type: "integer" },
          byRelation: RELATION_TALLY,
          bySource: {
            type: "object",
            properties: Object.fromEntries(EDGE_SOURCES.map((s) => [s, { type: "integer" }])),
          },
          disagreements: { type: "integer", description: "Pairs whose sources name different relations." },
        },
        description: "One link per (parent, child) pair, under its strongest source.",
      },
      lastRun: { type: ["object", "null"], description: "The latest crawl run and its counters." },
      dbBytes: { type: "integer" },
    },
  },
};

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "hf-lineage API",
    version: "1",
    description:
      "Read-only lineage of models on the Hugging Face Hub: how models derive from each other (fine-tunes, adapters, quantizations, merges). " +
      'Every answer is JSON (errors: `{"error":{"code","message"}}`), carries an ETag and `Cache-Control: no-cache`; unknown query parameters are rejected with 400.',
    license: { name: "Apache-2.0", identifier: "Apache-2.0" },
  },
  paths: {
    "/api/models/{id}": get(
      "A model and its lineage figures",
      "Stored fields, parents (relation, source, confidence), direct children and transitive descendant counts per relation, roots. Counts come from maintained tables, never a recursive query.",
      [PARAMS.modelId, PARAMS.inferred],
      jsonResponse("The model.", ref("ModelDetail")),
    ),
    "/api/models/{id}/ancestors": get(
      "Every path from a model up to its roots",
      "Merges have several parents, so several paths. Cycle-safe; at most `limit` paths and 10,000 ancestors, with `truncated` saying so. " +
        "An id of two parts whose second part is `ancestors`, `descendants` or `growth` is the model with that id when it is known.",
      [
        PARAMS.modelId,
        PARAMS.inferred,
        limit(LIMITS.ancestors.maxPaths.max, LIMITS.ancestors.maxPaths.default, "Paths to list."),
      ],
      jsonResponse("The ancestry.", ref("Ancestors")),
    ),
    "/api/models/{id}/descendants": get(
      "A model's descendants, one keyset page at a time",
      "Each distinct descendant once, with its depth, the parent reaching it first and its relation. Pages are stable: the order is total (sort key, then id).",
      [
        PARAMS.modelId,
        PARAMS.relation,
        {
          name: "maxDepth",
          in: "query",
          description: "Only descendants at most this many hops below.",
          schema: int(1, LIMITS.depth.max, LIMITS.depth.max),
        },
        {
          name: "sort",
          in: "query",
          description: "downloads, likes, created (newest first; unknown last) or depth (nearest first).",
          schema: { type: "string", enum: [...DESCENDANT_SORTS], default: "downloads" },
        },
        limit(LIMITS.descendants.max, LIMITS.descendants.default, "Items per page."),
        {
          name: "cursor",
          in: "query",
          description: "nextCursor of the previous page, unchanged (same sort).",
          schema: { type: "string", maxLength: 1024 },
        },
        PARAMS.inferred,
      ],
      jsonResponse("One page.", ref("DescendantsPage")),
    ),
    "/api/models/{id}/growth": get(
      "Descendants created per week or month",
      `From each descendant's createdAt; the Hub's placeholder date ${HUB_PLACEHOLDER_CREATED_AT} (repos older than its records) counts as unknown, not as a period.`,
      [
        PARAMS.modelId,
        {
          name: "interval",
          in: "query",
          description: "Period length.",
          schema: { type: "string", enum: [...GROWTH_INTERVALS], default: "month" },
        },
        PARAMS.relation,
        PARAMS.inferred,
      ],
      jsonResponse("The series.", ref("Growth")),
    ),
    "/api/graph": get(
      "A lineage slice for graph views (graphology SerializedGraph)",
      "Ancestors up to `up` generations and descendants down to `down`. Above `limit` models, the most significant descendants (by descendant count, then downloads) are kept, always connected to the root; `truncated`, `omitted` per generation and `hasHiddenChildren` on nodes say what is left out.",
      [
        {
          name: "root",
          in: "query",
          required: true,
          description: "The focused model id.",
          schema: PARAMS.modelId.schema,
        },
        { name: "up", in: "query", description: "Generations of ancestors.", schema: int(0, LIMITS.depth.max, 3) },
        {
          name: "down",
          in: "query",
          description: "Generations of descendants.",
          schema: int(0, LIMITS.depth.max, LIMITS.depth.max),
        },
        {
          name: "relations",
          in: "query",
          description: `Comma-separated relations to follow (${RELATIONS.join(", ")}); all by default.`,
          schema: { type: "string" },
        },
        limit(LIMITS.graph.max, LIMITS.graph.default, "Node budget."),
        PARAMS.inferred,
      ],
      jsonResponse("The slice.", ref("GraphSlice")),
    ),
    "/api/search": get(
      "Search model ids as you type",
      "Substring matches (trigram index, 3+ characters; shorter queries match id prefixes, and name prefixes among the models with the most descendants). Exact id first, then prefix matches, then by descendants and downloads. Candidates are capped per query so common substrings stay fast: the first id-prefix and substring matches, plus every match among the 5,000 models with the most descendants.",
      [
        {
          name: "q",
          in: "query",
          required: true,
          description: "Text to find in ids (1 to 200 characters).",
          schema: { type: "string", minLength: 1, maxLength: 200 },
        },
        limit(LIMITS.search.max, LIMITS.search.default, "Results."),
        PARAMS.inferred,
      ],
      jsonResponse("Matches, best first.", { type: "array", items: ref("SearchHit") }),
    ),
    "/api/families/top": get(
      "Leaderboard of base models",
      "Models ranked by transitive descendants or direct children, of one relation or in total, optionally of one author.",
      [
        {
          name: "by",
          in: "query",
          description: "descendants or direct (children).",
          schema: { type: "string", enum: [...FAMILY_RANKINGS], default: "descendants" },
        },
        { ...PARAMS.relation, description: "Rank by the count of this relation." },
        { name: "author", in: "query", description: "Only models of this owner.", schema: { type: "string" } },
        limit(LIMITS.families.max, LIMITS.families.default, "Entries."),
        PARAMS.inferred,
      ],
      jsonResponse("The leaderboard.", ref("Families")),
    ),
    "/api/orgs/{author}": get(
      "An author's models and the bases they derive from",
      "For example skt -> Qwen/Qwen2.5-72B (with inferred=include when the lineage is only in the card's prose).",
      [
        {
          name: "author",
          in: "path",
          required: true,
          description: "The owner name.",
          schema: { type: "string", pattern: "^[A-Za-z0-9._-]{1,96}$" },
        },
        limit(LIMITS.orgs.max, LIMITS.orgs.default, "Models and bases listed."),
        PARAMS.inferred,
      ],
      jsonResponse("The overview.", ref("Org")),
    ),
    "/api/stats": get(
      "Database totals",
      "Models, families, edges per relation and source, the last crawl run, the database size.",
      [],
      jsonResponse("Totals.", ref("Stats")),
    ),
    "/api/export": {
      get: {
        summary: "Export the graph (streamed)",
        description: "The same exporters as `hf-lineage export`. Without root, the whole graph.",
        parameters: [
          {
            name: "root",
            in: "query",
            description: "Export only this model's family (it and its descendants).",
            schema: PARAMS.modelId.schema,
          },
          {
            name: "format",
            in: "query",
            description: "Output format.",
            schema: { type: "string", enum: [...EXPORT_FORMATS], default: "jsonl" },
          },
          PARAMS.inferred,
        ],
        responses: {
          "200": {
            description: "The export, streamed as an attachment.",
            content: Object.fromEntries(
              EXPORT_FORMATS.map((f) => [EXPORT_CONTENT_TYPES[f].split(";")[0], { schema: { type: "string" } }]),
            ),
          },
          ...ERRORS,
        },
      },
    },
    "/api/forks": get(
      "New forks of tracked families, newest first",
      "The watcher's new-fork events (a model entering a tracked family: newly published, or joined through a changed base_model), keyset-paginated.",
      [
        {
          name: "root",
          in: "query",
          description: "Only events of this family (its root id; an old id is followed).",
          schema: PARAMS.modelId.schema,
        },
        { ...PARAMS.relation, description: "Only events of this relation." },
        {
          name: "since",
          in: "query",
          description: "Only events seen at or after this date (2025-08-01) or RFC 3339 date-time.",
          schema: { type: "string" },
        },
        limit(FORK_LIMITS.page.max, FORK_LIMITS.page.default, "Events per page."),
        {
          name: "cursor",
          in: "query",
          description: "nextCursor of the previous page, unchanged.",
          schema: { type: "string", maxLength: 200 },
        },
      ],
      jsonResponse("One page.", ref("ForksPage")),
    ),
    "/api/forks.atom": {
      get: {
        summary: "New forks as an Atom feed",
        description: `The ${FORK_LIMITS.feed} newest events, for feed readers.`,
        parameters: [
          { name: "root", in: "query", description: "Only events of this family.", schema: PARAMS.modelId.schema },
        ],
        responses: {
          "200": {
            description: "Atom 1.0.",
            content: { [ATOM_CONTENT_TYPE.split(";")[0]]: { schema: { type: "string" } } },
          },
          ...ERRORS,
        },
      },
    },
    "/api/openapi.json": {
      get: {
        summary: "This document",
        responses: {
          "200": { description: "OpenAPI 3.1.", content: { "application/json": { schema: { type: "object" } } } },
        },
      },
    },
    "/api/docs": {
      get: {
        summary: "This document as a web page",
        responses: { "200": { description: "HTML.", content: { "text/html": { schema: { type: "string" } } } } },
      },
    },
  },
  components: { schemas: SCHEMAS },
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Inline code spans (`x`) of the descriptions, over already escaped text. */
function withCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function schemaSummary(schema: Schema): string {
  const parts: string[] = [String(schema.type ?? "string")];
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.join(", ")}`);
  if (schema.default !== undefined) parts.push(`default ${String(schema.default)}`);
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    parts.push(`${String(schema.minimum)}–${String(schema.maximum)}`);
  return parts.join("; ");
}

/** The document as a self-contained page (no scripts, no external assets). */
export function renderDocsPage(doc: typeof OPENAPI_DOCUMENT): string {
  const sections = Object.entries(doc.paths).map(([path, item]) => {
    const op = (
      item as {
        get: {
          summary: string;
          description?: string;
          parameters?: readonly Parameter[];
          responses: Record<string, { description: string }>;
        };
      }
    ).get;
    const params = op.parameters ?? [];
    const rows = params
      .map(
        (p) =>
          `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}${p.required ? ", required" : ""}</td><td>${escapeHtml(schemaSummary(p.schema))}</td><td>${withCode(p.description)}</td></tr>`,
      )
      .join("\n");
    const responses = Object.entries(op.responses)
      .map(([status, r]) => `<li><b>${status}</b> ${withCode(r.description)}</li>`)
      .join("");
    return `<section id="${escapeHtml(path)}">
<h2><code>GET ${escapeHtml(path)}</code></h2>
<p><b>${withCode(op.summary)}</b>${op.description ? `. ${withCode(op.description)}` : ""}</p>
${params.length ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>\n${rows}</table>` : ""}
<ul>${responses}</ul>
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}code{background:#f4f4f4}</style>
</head><body>
<h1>${escapeHtml(doc.info.title)}</h1>
<p>${withCode(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${doc.openapi}).</p>
<nav><ul>${Object.keys(doc.paths)
    .map((p) => `<li><a href="#${escapeHtml(p)}"><code>${escapeHtml(p)}</code></a></li>`)
    .join("")}</ul></nav>
${sections.join("\n")}
</body></html>
`;
}
