// The JSON bodies hubFetch parses to check them, kept with the answer so that their readers do not parse them again.

// Statuses whose answer has no body.
export const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** A JSON body parsed, with the bytes it was parsed from. */
export interface ParsedBody {
  value: unknown;
  body: ArrayBuffer;
}

const PARSED_BODIES = new WeakMap<Response, ParsedBody>();

/** A 2xx JSON body parsed (undefined: not a JSON answer), or null when it does not parse (truncated?). */
export function parseJsonBody(response: Response, body: ArrayBuffer): ParsedBody | undefined | null {
  if (response.status < 200 || response.status > 299 || NULL_BODY_STATUSES.has(response.status)) return undefined;
  if (!response.headers.get("content-type")?.includes("json")) return undefined;
  try {
    return { value: JSON.parse(new TextDecoder().decode(body)), body };
  } catch {
    return null;
  }
}

/** Keeps `parsed` as the body of `response` for readJson and readJsonBytes. */
export function rememberJson(response: Response, parsed: ParsedBody): void {
  PARSED_BODIES.set(response, parsed);
}

/** The bytes of a body hubFetch parsed (the JSON exactly as served), or null when it parsed none. */
export function readJsonBytes(response: Response): Uint8Array | null {
  const parsed = PARSED_BODIES.get(response);
  return parsed ? new Uint8Array(parsed.body) : null;
}

/** `response.json()`, without parsing again a body hubFetch has already parsed to check it. */
export function readJson(response: Response): Promise<unknown> {
  const parsed = PARSED_BODIES.get(response);
  return parsed ? Promise.resolve(parsed.value) : response.json();
}
