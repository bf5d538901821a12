// Node's own rejections of a request it cannot parse (400, 431, 408) answered with the API's JSON error shape.
import type { Server } from "node:http";
import type { Duplex } from "node:stream";

const REJECTIONS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: "Request Header Fields Too Large",
    code: "headers_too_large",
    message: "the request's headers are larger than this server accepts",
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: "Request Timeout",
    code: "request_timeout",
    message: "the request did not arrive in time",
  },
};

const BAD_REQUEST = {
  status: 400,
  reason: "Bad Request",
  code: "bad_request",
  message: "the request is not valid HTTP/1.1",
};

/** The raw HTTP answer to a request Node refused before any route saw it. */
export function clientErrorResponse(errorCode: string | undefined): string {
  const rejection = (errorCode && REJECTIONS[errorCode]) || BAD_REQUEST;
  const body = JSON.stringify({ error: { code: rejection.code, message: rejection.message } });
  return [
    `HTTP/1.1 ${rejection.status} ${rejection.reason}`,
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Cache-Control: no-store",
    "X-Content-Type-Options: nosniff",
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

/**
 * Replaces Node's default 'clientError' answer (an empty 400/431) with the JSON error shape. Where Node allows it
 * only: a socket that is gone, or that already carries part of an answer, is just closed.
 */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const isAnswerable =
      error.code !== "ECONNRESET" && socket.writable && !(socket as Duplex & { _httpMessage?: unknown })._httpMessage;
    if (isAnswerable) socket.end(clientErrorResponse(error.code));
    else socket.destroy();
  });
}
