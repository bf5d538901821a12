// What one API route promises: its path and query parameters, its answer and its errors, and words for the docs.
import type { z } from "zod";

/** The error statuses a route may answer with (the body is always the Error component). */
export type ErrorStatus = 400 | 404 | 503;

export interface ApiRoute {
  /** The OpenAPI path, with `{name}` for path parameters. */
  path: string;
  summary: string;
  description?: string;
  /** Path parameters, in path order; each schema's description documents it. */
  pathParams?: Record<string, z.ZodType>;
  /** The accepted query (a strict object: unknown parameters are 400s); routes parse requests with it. */
  query: z.ZodObject;
  /** A JSON answer's schema, or the media types of a non-JSON one (an export, a feed, a page). */
  response: z.ZodType | { mediaTypes: string[] };
  /** Non-JSON media types a JSON route also answers with when a query parameter asks for them. */
  alsoMediaTypes?: string[];
  /** What the 200 answer is, in a few words. */
  ok: string;
  /** Sent in chunks as it is read, without an ETag (so never a 304); every other answer has one. */
  streamed?: boolean;
  errors: ErrorStatus[];
}

/** Checks a route literal against ApiRoute while keeping its precise schema types for inference. */
export const defineRoute = <const R extends ApiRoute>(route: R): R => route;

/** The JSON body of a route, as the server sends it and the client reads it. */
export type ResponseOf<R extends { response: z.ZodType }> = z.output<R["response"]>;
