// The JSON bodies hubFetch parses to check them, kept with the answer so that their readers do not parse them again.

// Statuses whose answer has no body.
export const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const PARSED_BODIES = new WeakMap<Response, { value: unknown }>();

/** A 2xx JSON body parsed (undefined: not a JSON answer), or null when it does not parse (truncated?). */
export function parseJsonBody(response: Response, body: ArrayBuffer): { value: unknown } | undefined | null {
  if (response.status < 200 || response.status > 299 || NULL_BODY_STATUSES.has(response.status)) return undefined;
  if (!response.headers.get("content-type")?.includes("json")) return undefined;
  try {
    return { value: JSON.parse(new TextDecoder().decode(body)) };
  } catch {
    return null;
  }
}

/** Keeps `parsed` as the body of `response` for readJson. */
export function rememberJson(response: Response, parsed: { value: unknown }): void {
  PARSED_BODIES.set(response, parsed);
}

/** `response.json()`, without parsing again a body hubFetch has already parsed to check it. */
export function readJson(response: Response): Promise<unknown> {
  const parsed = PARSED_BODIES.get(response);
  return parsed ? Promise.resolve(parsed.value) : response.json();
}
