// Typed configuration of Hub access (which Hub, which token, what budget), read from flags and the environment.

import { HUB_URL } from "@huggingface/hub";

/** A request budget: at most `limit` requests in any `windowMs` milliseconds. */
export interface Rate {
  limit: number;
  windowMs: number;
}

export interface HubConfig {
  /** Base URL of the Hub, without a trailing slash (`@huggingface/hub` builds `${hubUrl}/api/...`). */
  hubUrl: string;
  /** `hf_...` token, sent only to the hubUrl's origin; null when anonymous. */
  token: string | null;
  /** Budget of the API bucket (`/api/...`) set by the user; null: the one the Hub advertises (RateLimit-Policy). */
  rate: Rate | null;
  /**
   * Budget of the `/resolve/` (file download) bucket, which the Hub counts separately and more generously; null:
   * advertised.
   */
  resolveRate: Rate | null;
  /** Requests in flight at once. */
  concurrency: number;
  /** A request that has not answered in full after this long is aborted and retried. */
  timeoutMs: number;
  /** Retries after a 5xx, a network error or a timeout (429s are waited out and counted apart). */
  maxRetries: number;
}

/** What the user may give: flags as typed on the command line, all optional. */
export interface HubConfigInput {
  hubUrl?: string;
  rate?: string;
  resolveRate?: string;
  concurrency?: number | string;
  timeoutMs?: number | string;
  maxRetries?: number | string;
}

/** The environment variables read, named as the official clients name them. */
export interface HubEnv {
  HF_ENDPOINT?: string;
  HF_TOKEN?: string;
}

// The anonymous budgets the Hub documents (Sept 2025): API 500 and /resolve/ 3,000 per fixed 5-minute window. They
// pace only until the Hub's first answer advertises the real budget (a token's tier raises it), or for a Hub that
// advertises none; --rate overrides the advertised budget.
export const DEFAULTS = {
  hubUrl: HUB_URL,
  rate: "500/300",
  resolveRate: "3000/300",
  concurrency: 4,
  timeoutMs: 30_000,
  maxRetries: 5,
} as const;

const MAX_CONCURRENCY = 64;

export type HubConfigField = "hubUrl" | "token" | "rate" | "resolveRate" | "concurrency" | "timeoutMs" | "maxRetries";

export class HubConfigError extends Error {
  readonly field: HubConfigField;
  constructor(field: HubConfigField, message: string) {
    super(message);
    this.name = "HubConfigError";
    this.field = field;
  }
}

/** Parses a budget written `N/SECONDS` (e.g. `1000/300`: 1,000 requests per 300 s). */
export function parseRate(text: string, field: "rate" | "resolveRate" = "rate"): Rate {
  const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  const limit = match ? Number(match[1]) : NaN;
  const seconds = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(limit) || limit < 1 || !(seconds > 0)) {
    throw new HubConfigError(
      field,
      `--${field === "rate" ? "rate" : "resolve-rate"} "${text}" is not a budget: ` +
        "write REQUESTS/SECONDS with both above 0, e.g. 1000/300",
    );
  }
  return { limit, windowMs: Math.round(seconds * 1000) };
}

/** Checks a Hub base URL and removes trailing slashes (with one, `@huggingface/hub` requests `//api/...`). */
export function normalizeHubUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new HubConfigError("hubUrl", `Hub URL "${text}" is not a URL: give one like https://huggingface.co`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new HubConfigError("hubUrl", `Hub URL "${text}" must use http or https`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new HubConfigError(
      "hubUrl",
      `Hub URL "${text}" must not carry credentials, a query or a fragment; use HF_TOKEN for the token`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

function parseToken(raw: string | undefined): string | null {
  const token = raw?.trim();
  if (!token) return null;
  // The message never repeats the value: it is a secret even when malformed.
  if (!token.startsWith("hf_") || /\s/.test(token)) {
    throw new HubConfigError(
      "token",
      "HF_TOKEN is not a Hugging Face token: it must start with hf_ and contain no spaces",
    );
  }
  return token;
}

function parseInteger(field: HubConfigField, value: number | string, min: number, max: number): number {
  const number = typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new HubConfigError(field, `${field} "${value}" must be a whole number from ${min} to ${max}`);
  }
  return number;
}

/**
 * Builds the config: flags win over the environment, which wins over DEFAULTS. Throws HubConfigError naming the bad
 * field.
 */
export function validateHubConfig(input: HubConfigInput = {}, env: HubEnv = process.env): HubConfig {
  return {
    hubUrl: normalizeHubUrl(input.hubUrl || env.HF_ENDPOINT || DEFAULTS.hubUrl),
    token: parseToken(env.HF_TOKEN),
    rate: input.rate === undefined ? null : parseRate(input.rate, "rate"),
    resolveRate: input.resolveRate === undefined ? null : parseRate(input.resolveRate, "resolveRate"),
    concurrency: parseInteger("concurrency", input.concurrency ?? DEFAULTS.concurrency, 1, MAX_CONCURRENCY),
    timeoutMs: parseInteger("timeoutMs", input.timeoutMs ?? DEFAULTS.timeoutMs, 1, 3_600_000),
    maxRetries: parseInteger("maxRetries", input.maxRetries ?? DEFAULTS.maxRetries, 0, 100),
  };
}
