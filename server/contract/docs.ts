// GET /api/openapi.json and GET /api/docs: the API's own description.
import { z } from "zod";
import { defineRoute } from "./route";

export const OPENAPI_ROUTE = defineRoute({
  path: "/api/openapi.json",
  summary: "This document",
  query: z.strictObject({}),
  response: z.record(z.string(), z.unknown()),
  ok: "OpenAPI 3.1.",
  errors: [400],
});

export const DOCS_ROUTE = defineRoute({
  path: "/api/docs",
  summary: "This document as a web page",
  query: z.strictObject({}),
  response: { mediaTypes: ["text/html"] },
  ok: "HTML.",
  errors: [400],
});
