// The OpenAPI 3.1 document, generated from the route contracts (zod 4's JSON Schema output, draft 2020-12).
import { z } from "zod";
import { PARAM_JSON_SCHEMAS } from "./params";
import type { ApiRoute, ErrorStatus } from "./route";
import { ERROR_BODY } from "./shapes";

type JsonSchema = Record<string, unknown>;

interface OpenApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description: string;
  schema: JsonSchema;
}

interface OpenApiOperation {
  summary: string;
  description?: string;
  parameters: OpenApiParameter[];
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  paths: Record<string, { get: OpenApiOperation }>;
  components: { schemas: Record<string, JsonSchema> };
}

const COMPONENTS = "#/components/schemas/";

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: "A parameter is invalid; the message names it and what is accepted.",
  404: "Unknown model (or author).",
  503:
    "Busy: as many exports as the server runs at once are streaming (`too_many_exports`); retry after " +
    "`Retry-After` seconds.",
};

/** Shows parameters as they are meant (a number, an id) rather than as their wire strings; drops zod's safe-integer
 *  bounds, which say nothing a reader needs. */
function override(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const shown = PARAM_JSON_SCHEMAS.get(ctx.zodSchema as z.ZodType);
  if (shown) Object.assign(ctx.jsonSchema, shown);
  if (ctx.jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete ctx.jsonSchema.maximum;
  if (ctx.jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete ctx.jsonSchema.minimum;
}

/** A schema without the `$schema`/`$id` zod adds at the top: the document's own dialect applies. */
function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id !== undefined) return { $ref: `${COMPONENTS}${id}` };
  return bare(z.toJSONSchema(schema, { io, override }) as JsonSchema);
}

function parametersOf(route: ApiRoute): OpenApiParameter[] {
  const path = Object.entries(route.pathParams ?? {}).map(([name, schema]): OpenApiParameter => {
    const { description = "", ...rest } = jsonSchemaOf(schema, "input");
    return { name, in: "path", required: true, description: String(description), schema: rest };
  });
  const query = jsonSchemaOf(route.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const queryParams = Object.entries(query.properties ?? {}).map(([name, schema]): OpenApiParameter => {
    const { description = "", ...rest } = schema;
    return {
      name,
      in: "query",
      required: query.required?.includes(name) ?? false,
      description: String(description),
      schema: rest,
    };
  });
  return [...path, ...queryParams];
}

function operationOf(route: ApiRoute): OpenApiOperation {
  const content =
    "mediaTypes" in route.response
      ? Object.fromEntries(
          route.response.mediaTypes.map((type) => [type.split(";")[0], { schema: { type: "string" } }]),
        )
      : {
          "application/json": { schema: jsonSchemaOf(route.response, "output") },
          ...Object.fromEntries(
            (route.alsoMediaTypes ?? []).map((type) => [type, { schema: { type: "string", format: "binary" } }]),
          ),
        };
  const errors = Object.fromEntries(
    route.errors.map((status) => [
      String(status),
      {
        description: ERROR_TEXT[status],
        content: { "application/json": { schema: jsonSchemaOf(ERROR_BODY, "output") } },
      },
    ]),
  );
  return {
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    parameters: parametersOf(route),
    responses: {
      "200": { description: route.ok, content },
      ...(route.streamed
        ? {}
        : { "304": { description: "Not modified (the ETag sent in If-None-Match still matches)." } }),
      ...errors,
    },
  };
}

/** Builds the document from `routes`; every schema registered as a component (see shapes.ts) is listed once. */
export function buildOpenApiDocument(routes: readonly ApiRoute[]): OpenApiDocument {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    io: "output",
    override,
    uri: (id) => `${COMPONENTS}${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  return {
    openapi: "3.1.0",
    info: {
      title: "hf-lineage API",
      version: "1",
      description:
        "Read-only lineage of models on the Hugging Face Hub: how models derive from each other " +
        "(fine-tunes, adapters, quantizations, merges). " +
        'Every answer is JSON (errors: `{"error":{"code","message"}}`), carries an ETag and ' +
        "`Cache-Control: no-cache`; unknown query parameters are rejected with 400.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    paths: Object.fromEntries(routes.map((route) => [route.path, { get: operationOf(route) }])),
    components: { schemas: Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, bare(schema)])) },
  };
}
