// Typed API errors and the one Express error middleware that maps them to a status and `{error:{code,message}}`.
import type { ErrorRequestHandler } from "express";
import { ZodError } from "zod";
import type { ApiError as ApiErrorBody } from "./contract/types";

/** An error the API answers with on purpose: it carries its HTTP status and a stable machine-readable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A query or path parameter failed validation. `params` names the offending parameters. */
export class InvalidParameterError extends ApiError {
  constructor(
    message: string,
    readonly params: string[],
  ) {
    super(400, "invalid_parameter", message);
    this.name = "InvalidParameterError";
  }
}

export class ModelNotFoundError extends ApiError {
  constructor(readonly modelId: string) {
    super(
      404,
      "model_not_found",
      `no model "${modelId}" in this database; crawl it first (hf-lineage crawl --seed ID)`,
    );
    this.name = "ModelNotFoundError";
  }
}

export class AuthorNotFoundError extends ApiError {
  constructor(readonly author: string) {
    super(404, "author_not_found", `no model authored by "${author}" in this database`);
    this.name = "AuthorNotFoundError";
  }
}

export class RouteNotFoundError extends ApiError {
  constructor(readonly path: string) {
    super(
      404,
      "not_found",
      `no API route ${path.length > 200 ? `${path.slice(0, 200)}…` : path}; see /api/docs for the routes`,
    );
    this.name = "RouteNotFoundError";
  }
}

export class MethodNotAllowedError extends ApiError {
  constructor(readonly method: string) {
    super(405, "method_not_allowed", `${method} is not allowed: this API is read-only (GET and HEAD only)`);
    this.name = "MethodNotAllowedError";
  }
}

/** Turns zod issues into one readable sentence naming each parameter, e.g. `limit: must be at most 500`. */
export function fromZodError(err: ZodError, where: string): InvalidParameterError {
  const params = err.issues.map((issue) => issue.path.map(String).join(".") || where);
  const parts = err.issues.map((issue, i) => `${params[i]}: ${issue.message}`);
  return new InvalidParameterError(`invalid ${where}: ${parts.join("; ")}`, [...new Set(params)]);
}

/** Express's own 4xx errors (a path that does not percent-decode, ...) carry `status`; keep them 4xx. */
function clientStatusOf(err: unknown): number | null {
  const status =
    (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown })?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

export interface ErrorLogger {
  error(message: string): void;
}

/** The last middleware: every thrown or forwarded error ends here and leaves as JSON. */
export function errorMiddleware(logger: ErrorLogger): ErrorRequestHandler {
  // Express recognises an error handler by its four parameters, so `_next` stays although it is unused.
  return (err, req, res, _next) => {
    if (res.headersSent) {
      // A streamed answer failed half-way: the status is gone, so cut the connection rather than send a lie.
      logger.error(`${req.method} ${req.originalUrl} failed after the answer started: ${String(err)}`);
      res.destroy();
      return;
    }
    let status: number;
    let body: ApiErrorBody;
    if (err instanceof ApiError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message } };
    } else if (err instanceof ZodError) {
      const mapped = fromZodError(err, "request");
      status = mapped.status;
      body = { error: { code: mapped.code, message: mapped.message } };
    } else if (clientStatusOf(err) !== null) {
      status = clientStatusOf(err) as number;
      body = { error: { code: "bad_request", message: `malformed request: ${(err as Error).message}` } };
    } else {
      status = 500;
      body = { error: { code: "internal", message: "internal error; the server log has the details" } };
      logger.error(
        `${req.method} ${req.originalUrl}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    }
    if (status === 405) res.setHeader("Allow", "GET, HEAD");
    res.status(status).setHeader("Cache-Control", "no-store").json(body);
  };
}
