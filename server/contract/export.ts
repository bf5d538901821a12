// GET /api/export: the CLI's exporters over HTTP.
import { z } from "zod";
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS } from "../../db/export/export";
import { inferredParam, modelIdParam, oneOf } from "./params";
import { defineRoute } from "./route";

export const EXPORT_ROUTE = defineRoute({
  path: "/api/export",
  summary: "Export the graph (streamed)",
  description: "The same exporters as `hf-lineage export`. Without root, the whole graph.",
  query: z.strictObject({
    root: modelIdParam("root", "Export only this model's family (it and its descendants)."),
    format: oneOf(EXPORT_FORMATS).default("jsonl").describe("Output format."),
    inferred: inferredParam,
  }),
  response: { mediaTypes: EXPORT_FORMATS.map((format) => EXPORT_CONTENT_TYPES[format]) },
  ok: "The export, streamed as an attachment.",
  streamed: true,
  errors: [400, 404, 503],
});
