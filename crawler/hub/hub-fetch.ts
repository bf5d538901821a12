// A fetch for the Hub: budget and concurrency bounds, 429 waits, retries with backoff, timeouts, manual redirects,
// and the token sent to the Hub's origin only. Pass its `fetch` to @huggingface/hub and to hub-client.

import { DEFAULTS, parseRate, type Rate } from "./hub-config";
import { abortableSleep } from "../../common/abortable-sleep";
import { backoffWithJitter } from "../../common/backoff";
import { parseRateLimitPolicy } from "./advertised-budget";
import { createSemaphore } from "./create-semaphore";
import { createBucketPacer, type BucketName, type BudgetUsage } from "./bucket-pacer";
import type { Sleep } from "../../common/abortable-sleep";
import type { RateLimitHint } from "./rate-budget";
import { NULL_BODY_STATUSES, parseJsonBody, rememberJson, type ParsedBody } from "./json-body";

export interface HubFetchOptions {
  /** The underlying fetch; `globalThis.fetch` by default. It is always called with `redirect: "manual"`. */
  fetch?: typeof fetch;
  /** Base URL of the Hub; only its origin (scheme, host, port) ever receives the token. */
  hubUrl: string;
  token?: string | null;
  /**
   * Budget of the API bucket (every request to the Hub's origin except `/resolve/` downloads), overriding the one the
   * Hub advertises; null or absent: learn it from the answers' RateLimit-Policy (DEFAULTS.rate until one says).
   */
  rate?: Rate | null;
  /** Budget of the `/resolve/` bucket ("resolvers"), likewise; DEFAULTS.resolveRate until the Hub says one. */
  resolveRate?: Rate | null;
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
  | {
      type: "rate-limited";
      url: string;
      waitMs: number;
      /** When requests start again (epoch ms). */
      untilMs: number;
      source: "ratelimit" | "retry-after" | "backoff";
    }
  | { type: "budget-wait"; bucket: BucketName; waitMs: number; untilMs: number; limit: number; windowMs: number }
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
  /** Each bucket's budget (advertised, flag or default) and what was spent of it. */
  budgets(): BudgetUsage[];
}

type RetryReason = "server-error" | "network" | "timeout" | "invalid-body";
export type HubRequestFailure = RetryReason | "rate-limited" | "too-many-redirects" | "http-status";

const HOW_TO_FIX: Record<HubRequestFailure, string> = {
  "server-error": "the Hub kept failing; rerun later and the crawl resumes",
  network: "check the network and --hub-url / HF_ENDPOINT; rerun to resume",
  timeout: "the Hub did not answer in time; rerun to resume",
  "invalid-body": "the server kept sending a body that is not the JSON it announced",
  "rate-limited": "the Hub kept refusing with 429 (or asked for a wait over the 1-hour cap); rerun later to resume",
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
const MAX_REDIRECTS = 5;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 60_000;
// A 429 is the server telling us to wait, not a failure, so it does not use up maxRetries; this only stops a server
// that answers 429 forever.
const MAX_RATE_LIMIT_WAITS = 10;
// 429 without RateLimit or Retry-After: back off from 5 s up to the bucket's window.
const RATE_LIMIT_FALLBACK_BASE_MS = 5000;
/**
 * The longest 429 wait the crawler sits through (one hour). A Hub asking for more (`Retry-After: 86400`) gets a typed
 * error naming the time it gave, so the command stops and says when to rerun instead of waiting silently.
 */
export const MAX_RATE_LIMIT_WAIT_MS = 3_600_000;

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

/** Settles with `promise`, or rejects as soon as `signal` aborts (some fetch fakes and proxies ignore signals). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
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
  const pacer = (bucket: BucketName, rate: Rate | null, fallback: Rate) =>
    createBucketPacer({
      bucket,
      rate,
      fallback,
      now,
      sleep,
      onWait: (wait) => emit({ type: "budget-wait", ...wait }),
    });
  const buckets = {
    api: pacer("api", options.rate ?? null, parseRate(DEFAULTS.rate)),
    resolve: pacer("resolvers", options.resolveRate ?? null, parseRate(DEFAULTS.resolveRate, "resolveRate")),
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
    // The budget before a slot: a request waiting for one bucket's window must not hold a slot the other bucket
    // could use (card reads would stall the API's window, and the reverse).
    const bucket = bucketOf(url);
    let ticket = await bucket?.acquire();
    await slots.acquire();
    try {
      if (ticket) ticket = { ...ticket, sentAt: now() };
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
        // Placed as soon as the headers arrive: the budget's clock is the server's count, not the body's transfer.
        if (bucket && ticket) {
          const { headers } = response;
          bucket.observe(
            ticket,
            parseRateLimit(headers.get("ratelimit")),
            parseRateLimitPolicy(headers.get("ratelimit-policy")),
          );
          ticket = undefined;
        }
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
      if (bucket && ticket) bucket.abandon(ticket);
      slots.release();
    }
  }

  function rateLimitWait(headers: Headers, waits: number, windowMs: number) {
    const hint = parseRateLimit(headers.get("ratelimit"));
    if (hint) return { waitMs: hint.resetSeconds * 1000, source: "ratelimit" as const };
    const retryAfter = parseRetryAfter(headers.get("retry-after"), now());
    if (retryAfter !== null) return { waitMs: retryAfter, source: "retry-after" as const };
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
      let parsed: ParsedBody | undefined | null;
      try {
        attempt = await sendOnce(url, { method, headers: headersFor(url, baseHeaders), body }, callerSignal);
        parsed = parseJsonBody(attempt.response, attempt.body);
        if (parsed === null) throw new AttemptFailure("invalid-body", "JSON body does not parse (truncated?)");
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
        const { waitMs, source } = rateLimitWait(response.headers, rateLimitWaits, (bucket ?? buckets.api).windowMs());
        const untilMs = now() + waitMs;
        if (waitMs > MAX_RATE_LIMIT_WAIT_MS) {
          const until = new Date(untilMs).toISOString();
          throw new HubRequestError("rate-limited", 429, safeUrl(url), attempts, `the Hub asks to wait until ${until}`);
        }
        counters.retries++;
        emit({ type: "rate-limited", url: safeUrl(url), waitMs, untilMs, source });
        // The whole bucket is spent, so every request waits, not only this one; the retry waits in acquire(). A
        // budget that follows the Hub's window has already placed its end from this answer's RateLimit header.
        if (!bucket) await sleep(waitMs);
        else if (source !== "ratelimit" || !bucket.followsHub()) bucket.pauseFor(waitMs);
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
      if (parsed) rememberJson(result, parsed);
      return result;
    }
  }

  return {
    fetch: hubFetch as typeof fetch,
    counters: () => ({ ...counters }),
    budgets: () => [buckets.api.usage(), buckets.resolve.usage()],
  };
}
