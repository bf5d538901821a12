// A fetch for the Hub: budget and concurrency bounds, 429 waits, retries with backoff, timeouts, manual redirects,
// and the token sent to the Hub's origin only. Pass its `fetch` to @huggingface/hub and to hub-client.

import { DEFAULTS, parseRate, type Rate } from "./hub-config";
import { abortableSleep, type Sleep } from "../../common/abortable-sleep";
import { backoffWithJitter } from "../../common/backoff";
import { RateBudget, type RateLimitHint } from "./rate-budget";

export interface HubFetchOptions {
  /** The underlying fetch; `globalThis.fetch` by default. It is always called with `redirect: "manual"`. */
  fetch?: typeof fetch;
  /** Base URL of the Hub; only its origin (scheme, host, port) ever receives the token. */
  hubUrl: string;
  token?: string | null;
  /** Budget of the API bucket: every request to the Hub's origin except `/resolve/` downloads. */
  rate: Rate;
  /** Budget of the `/resolve/` bucket; DEFAULTS.resolveRate (the anonymous 3,000 per 300 s) when omitted. */
  resolveRate?: Rate;
  concurrency: number;
  /** Time allowed for headers and body together, per attempt. */
  timeoutMs: number;
  /** Retries after a 5xx, a network error, a timeout or an unreadable JSON body; 429s are counted apart. */
  maxRetries: number;
  now?: () => number;
  sleep?: Sleep;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Told of every retry, rate-limit wait and redirect. Events carry URLs, never headers. */
  onEvent?: (event: HubFetchEvent) => void;
}

export type HubFetchEvent =
  | { type: "retry"; url: string; reason: RetryReason; status: number | null; attempt: number; waitMs: number }
  | { type: "rate-limited"; url: string; waitMs: number; source: "ratelimit" | "retry-after" | "backoff" }
  | { type: "redirect"; from: string; to: string; status: number; crossOrigin: boolean };

export interface HubFetchCounters {
  /** Every request sent, including retries and redirect hops. */
  requests: number;
  apiRequests: number;
  resolveRequests: number;
  retries: number;
  rateLimited: number;
  serverErrors: number;
  networkErrors: number;
  timeouts: number;
  invalidBodies: number;
  redirects: number;
}

export interface HubFetcher {
  fetch: typeof fetch;
  counters(): HubFetchCounters;
}

type RetryReason = "server-error" | "network" | "timeout" | "invalid-body";
export type HubRequestFailure = RetryReason | "rate-limited" | "too-many-redirects" | "http-status";

const HOW_TO_FIX: Record<HubRequestFailure, string> = {
  "server-error": "the Hub kept failing; rerun later and the crawl resumes",
  network: "check the network and --hub-url / HF_ENDPOINT; rerun to resume",
  timeout: "the Hub did not answer in time; rerun to resume",
  "invalid-body": "the server kept sending a body that is not the JSON it announced",
  "rate-limited": "the Hub kept refusing with 429; lower --rate or --concurrency and rerun",
  "too-many-redirects": "check --hub-url / HF_ENDPOINT",
  "http-status": "see the status; a 401/403 may need HF_TOKEN",
};

/** A Hub request that failed for good. `url` and `message` never contain the token. */
export class HubRequestError extends Error {
  readonly reason: HubRequestFailure;
  readonly status: number | null;
  readonly url: string;
  readonly attempts: number;
  constructor(reason: HubRequestFailure, status: number | null, url: string, attempts: number, detail?: string) {
    super(
      `Hub request failed (${reason}${status === null ? "" : `, HTTP ${status}`}) ` +
        `after ${attempts} attempt(s): ${url}${detail ? ` (${detail})` : ""}; ${HOW_TO_FIX[reason]}`,
    );
    this.name = "HubRequestError";
    this.reason = reason;
    this.status = status;
    this.url = url;
    this.attempts = attempts;
  }
}

/**
 * Reads `RateLimit: "api";r=<remaining>;t=<seconds>` (also the IETF draft's `remaining=`/`reset=`); null if absent or
 * unreadable.
 */
export function parseRateLimit(value: string | null): RateLimitHint | null {
  if (!value) return null;
  const remaining = /(?:^|[;,\s])(?:r|remaining)=(\d+)/.exec(value);
  const reset = /(?:^|[;,\s])(?:t|reset)=(\d+)/.exec(value);
  return remaining && reset ? { remaining: Number(remaining[1]), resetSeconds: Number(reset[1]) } : null;
}

/** Reads `Retry-After` as delay-seconds or an HTTP-date; returns milliseconds to wait (>= 0), or null. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const MAX_REDIRECTS = 5;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 60_000;
// A 429 is the server telling us to wait, not a failure, so it does not use up maxRetries; this only stops a server
// that answers 429 forever.
const MAX_RATE_LIMIT_WAITS = 10;
// 429 without RateLimit or Retry-After: back off from 5 s up to the bucket's window.
const RATE_LIMIT_FALLBACK_BASE_MS = 5000;
const MAX_RATE_LIMIT_WAIT_MS = 3_600_000;

class AttemptFailure extends Error {
  constructor(
    readonly reason: RetryReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

interface Attempt {
  response: Response;
  body: ArrayBuffer;
}

function createSemaphore(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async acquire(): Promise<void> {
      if (active < size) {
        active++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else active--;
    },
  };
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (some fetch fakes and proxies ignore signals). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function isUnreadableJson(attempt: Attempt): boolean {
  const { response, body } = attempt;
  if (response.status < 200 || response.status > 299 || NULL_BODY_STATUSES.has(response.status)) return false;
  if (!response.headers.get("content-type")?.includes("json")) return false;
  try {
    JSON.parse(new TextDecoder().decode(body));
    return false;
  } catch {
    return true;
  }
}

export function createHubFetch(options: HubFetchOptions): HubFetcher {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const hubOrigin = new URL(options.hubUrl).origin;
  const token = options.token || null;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const emit = options.onEvent ?? (() => undefined);
  const slots = createSemaphore(options.concurrency);
  const apiRate = options.rate;
  const resolveRate = options.resolveRate ?? parseRate(DEFAULTS.resolveRate, "resolveRate");
  const buckets = {
    api: { rate: apiRate, budget: new RateBudget({ ...apiRate, now, sleep }) },
    resolve: { rate: resolveRate, budget: new RateBudget({ ...resolveRate, now, sleep }) },
  };
  const counters: HubFetchCounters = {
    requests: 0,
    apiRequests: 0,
    resolveRequests: 0,
    retries: 0,
    rateLimited: 0,
    serverErrors: 0,
    networkErrors: 0,
    timeouts: 0,
    invalidBodies: 0,
    redirects: 0,
  };

  const scrub = (text: string): string => (token ? text.split(token).join("hf_***") : text);
  const safeUrl = (url: URL): string => {
    const copy = new URL(url.href);
    copy.username = "";
    copy.password = "";
    return scrub(copy.href);
  };
  const bucketOf = (url: URL) =>
    url.origin !== hubOrigin ? null : url.pathname.includes("/resolve/") ? buckets.resolve : buckets.api;

  // The caller's Authorization is always dropped: the token comes from here, and only for the Hub's origin, so a
  // redirect to another host (a CDN, a mirror) never carries it.
  function headersFor(url: URL, base: Headers): Headers {
    const headers = new Headers(base);
    headers.delete("authorization");
    if (token && url.origin === hubOrigin) headers.set("authorization", `Bearer ${token}`);
    return headers;
  }

  async function sendOnce(url: URL, init: RequestInit, callerSignal: AbortSignal | null): Promise<Attempt> {
    await slots.acquire();
    try {
      const bucket = bucketOf(url);
      await bucket?.budget.acquire();
      callerSignal?.throwIfAborted();
      counters.requests++;
      if (bucket === buckets.api) counters.apiRequests++;
      if (bucket === buckets.resolve) counters.resolveRequests++;
      const controller = new AbortController();
      const timer = new AbortController();
      let hasTimedOut = false;
      void sleep(options.timeoutMs, timer.signal).then(() => {
        if (timer.signal.aborted) return;
        hasTimedOut = true;
        controller.abort();
      });
      const signal = callerSignal ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal;
      try {
        const response = await raceAbort(baseFetch(url.href, { ...init, redirect: "manual", signal }), signal);
        const body = await raceAbort(response.arrayBuffer(), signal);
        return { response, body };
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (hasTimedOut) throw new AttemptFailure("timeout", `no complete answer within ${options.timeoutMs} ms`);
        throw new AttemptFailure("network", scrub(error instanceof Error ? error.message : String(error)));
      } finally {
        timer.abort();
      }
    } finally {
      slots.release();
    }
  }

  function rateLimitWait(headers: Headers, waits: number, windowMs: number) {
    const hint = parseRateLimit(headers.get("ratelimit"));
    if (hint)
      return { waitMs: Math.min(MAX_RATE_LIMIT_WAIT_MS, hint.resetSeconds * 1000), source: "ratelimit" as const };
    const retryAfter = parseRetryAfter(headers.get("retry-after"), now());
    if (retryAfter !== null)
      return { waitMs: Math.min(MAX_RATE_LIMIT_WAIT_MS, retryAfter), source: "retry-after" as const };
    const waitMs = backoffWithJitter(waits, RATE_LIMIT_FALLBACK_BASE_MS, windowMs, random);
    return { waitMs, source: "backoff" as const };
  }

  async function hubFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : null;
    if (request?.body || init?.body instanceof ReadableStream) {
      throw new TypeError("hub fetch: a streamed request body cannot be retried; pass a string or bytes");
    }
    let url = new URL(request ? request.url : String(input));
    let method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    let body = init?.body ?? null;
    const baseHeaders = new Headers(request?.headers);
    new Headers(init?.headers).forEach((value, key) => {
      baseHeaders.set(key, value);
    });
    const callerSignal = init?.signal ?? request?.signal ?? null;
    let attempts = 0;
    let failures = 0;
    let rateLimitWaits = 0;
    let redirects = 0;

    const retryAfterFailure = async (reason: RetryReason, status: number | null, detail: string, floorMs = 0) => {
      failures++;
      if (failures > options.maxRetries) throw new HubRequestError(reason, status, safeUrl(url), attempts, detail);
      const waitMs = Math.max(backoffWithJitter(failures, BACKOFF_BASE_MS, BACKOFF_CAP_MS, random), floorMs);
      counters.retries++;
      emit({ type: "retry", url: safeUrl(url), reason, status, attempt: failures, waitMs });
      await sleep(waitMs);
    };

    for (;;) {
      attempts++;
      let attempt: Attempt;
      try {
        attempt = await sendOnce(url, { method, headers: headersFor(url, baseHeaders), body }, callerSignal);
        if (isUnreadableJson(attempt))
          throw new AttemptFailure("invalid-body", "JSON body does not parse (truncated?)");
      } catch (error) {
        if (!(error instanceof AttemptFailure)) throw error;
        if (error.reason === "timeout") counters.timeouts++;
        else if (error.reason === "network") counters.networkErrors++;
        else counters.invalidBodies++;
        await retryAfterFailure(error.reason, null, error.detail);
        continue;
      }
      const { response } = attempt;
      const bucket = bucketOf(url);
      const hint = parseRateLimit(response.headers.get("ratelimit"));
      if (bucket && hint) bucket.budget.observe(hint);

      const location = response.headers.get("location");
      if (REDIRECT_STATUSES.has(response.status) && location) {
        if (++redirects > MAX_REDIRECTS) {
          throw new HubRequestError("too-many-redirects", response.status, safeUrl(url), attempts);
        }
        const to = new URL(location, url);
        counters.redirects++;
        emit({
          type: "redirect",
          from: safeUrl(url),
          to: safeUrl(to),
          status: response.status,
          crossOrigin: to.origin !== url.origin,
        });
        if (response.status === 303 || (response.status <= 302 && method === "POST")) {
          method = "GET";
          body = null;
        }
        url = to;
        continue;
      }
      if (response.status === 429) {
        counters.rateLimited++;
        if (++rateLimitWaits > MAX_RATE_LIMIT_WAITS)
          throw new HubRequestError("rate-limited", 429, safeUrl(url), attempts);
        const { waitMs, source } = rateLimitWait(response.headers, rateLimitWaits, (bucket?.rate ?? apiRate).windowMs);
        counters.retries++;
        emit({ type: "rate-limited", url: safeUrl(url), waitMs, source });
        // The whole bucket is spent, so every request waits, not only this one; the retry waits in acquire().
        if (bucket) bucket.budget.pauseFor(waitMs);
        else await sleep(waitMs);
        continue;
      }
      if (response.status >= 500) {
        counters.serverErrors++;
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"), now()) ?? 0;
        await retryAfterFailure("server-error", response.status, "", Math.min(retryAfter, BACKOFF_CAP_MS));
        continue;
      }
      const result = new Response(NULL_BODY_STATUSES.has(response.status) ? null : attempt.body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      // Like fetch's own: where the answer came from after redirects (@huggingface/hub reads `url`).
      Object.defineProperty(result, "url", { value: url.href });
      Object.defineProperty(result, "redirected", { value: redirects > 0 });
      return result;
    }
  }

  return { fetch: hubFetch as typeof fetch, counters: () => ({ ...counters }) };
}
