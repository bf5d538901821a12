// Parses a request's query with its route's contract schema, turning failures into one 400 naming each parameter.
import type { z } from "zod";
import { fromZodError } from "./errors";

/** Parses `query` with `schema`, or throws InvalidParameterError naming every bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query);
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}
