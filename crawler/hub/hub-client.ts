// The Hub requests the walks make: one page of a children listing or of the newest-first sweep, one model record,
// one model card. Every request goes through the fetch it is given (crawler/hub/hub-fetch.ts in production).

import { isRecord } from "../../common/is-record";
import { HubRequestError } from "./hub-fetch";
import { readJson, readJsonBytes } from "./json-body";
import type { HubModelRecord } from "./hub-types";
import { MAX_CARD_BYTES } from "../../lineage/card/parse-card";

/**
 * The record properties requested with `expand`. With `expand` the Hub returns `_id`, `id` and only the listed
 * properties, so everything the parsers read must be here (the library's own default six lack tags and cardData).
 */
export const RECORD_EXPAND = [
  "author",
  "cardData",
  "createdAt",
  "downloads",
  "gated",
  "lastModified",
  "library_name",
  "likes",
  "pipeline_tag",
  "private",
  "sha",
  "tags",
] as const;

/** What a single model's record is asked for: the listing's properties and the Hub's count of direct children. */
const MODEL_RECORD_EXPAND = [...RECORD_EXPAND, "childrenModelCount"] as const;
/** The properties kept from a single model's record: the expanded ones and the two ids the Hub always sends. */
const MODEL_RECORD_FIELDS: ReadonlySet<string> = new Set(["_id", "id", ...MODEL_RECORD_EXPAND]);

/** Records per page of a children or newest-first listing (what `@huggingface/hub`'s listModels asks for). */
export const PAGE_LIMIT = 500;

/**
 * Records per page of the whole-Hub sweep: the most the Hub serves per `/api/models` page (1,000, observed; the
 * replay caps `limit` there too). Twice PAGE_LIMIT halves the sweep's requests, the scarce thing at 500 per 5 min.
 */
export const SWEEP_PAGE_LIMIT = 1000;

export type ListedRecord = HubModelRecord & { id: string };

export interface HubModelPage {
  records: ListedRecord[];
  /** Absolute URL of the next page (the cursor to store for resuming), or null on the last page. */
  nextUrl: string | null;
  /** Items of the page that were not records with a string `id`, left out. */
  dropped: number;
  /** The listing's size when the answer says it (`X-Total-Count`), else null. */
  total: number | null;
  /**
   * The page's JSON as served, when it is exactly `records` (nothing dropped) and the fetch kept it: a sweep stages
   * these bytes instead of writing the records out again.
   */
  json?: Uint8Array;
}

export interface ModelRecordResult {
  record: ListedRecord;
  /** The id asked for, when the Hub answered with another (a renamed repo redirects to its new id). */
  renamedFrom?: string;
  /** Direct children as the Hub counts them (`childrenModelCount`), or null when it did not say. */
  childrenCount: number | null;
}

export interface HubClient {
  /** One page of `id`'s direct children (`filter=base_model:<id>`); pass the previous page's nextUrl to go on. */
  listChildrenPage(id: string, cursorUrl?: string | null): Promise<HubModelPage>;
  /** One page of every model, newest first, SWEEP_PAGE_LIMIT a page: the whole-Hub sweep. */
  sweepPage(cursorUrl?: string | null): Promise<HubModelPage>;
  /**
   * How many models the Hub holds, from one newest-first listing of a single record: its `X-Total-Count`, or null
   * when the Hub does not say.
   */
  countModels(): Promise<number | null>;
  /** The newest models first (the watcher's poll); `limit` up to SWEEP_PAGE_LIMIT. */
  listNewestPage(options?: { limit?: number; cursorUrl?: string | null }): Promise<HubModelPage>;
  /** The most recently modified models first (the watcher's changes listing); `limit` up to SWEEP_PAGE_LIMIT. */
  listRecentlyModifiedPage(options?: { limit?: number; cursorUrl?: string | null }): Promise<HubModelPage>;
  /** A model's record with `childrenModelCount`; null when the Hub does not know the id. */
  getModelRecord(id: string): Promise<ModelRecordResult | null>;
  /**
   * A model's README.md, or null when the repo or the file does not exist. At most MAX_CARD_BYTES + 1 bytes are
   * read: a longer text comes back cut there, and the card parser refuses it as too large.
   */
  fetchCard(id: string): Promise<string | null>;
}

export interface HubClientOptions {
  fetch: typeof fetch;
  hubUrl: string;
}

function expandParams(keys: readonly string[] = RECORD_EXPAND): [string, string][] {
  return keys.map((key) => ["expand", key]);
}

/** Reads `Link: <https://...>; rel="next"`; a relative target is resolved against the page's own URL. */
function parseNextLink(header: string | null, base: string): string | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const match = /<([^>]+)>\s*;(?:[^;]*;)*\s*rel="?next"?/.exec(part);
    if (match) return new URL(match[1], base).href;
  }
  return null;
}

/**
 * `X-Total-Count: <n>`: the size of the whole listing. The Hub names this header among those it exposes
 * (`Access-Control-Expose-Headers` on its API answers); anything but a whole number reads as not said.
 */
export function readTotalCount(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  const total = Number(header);
  return Number.isSafeInteger(total) ? total : null;
}

function isListedRecord(value: unknown): value is ListedRecord {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string";
}

/** `childrenModelCount` is read as a number, or as per-relation numbers summed; anything else is unknown. */
function readChildrenCount(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "object" || value === null) return null;
  const counts = Object.values(value).filter((count): count is number => typeof count === "number");
  return counts.length ? counts.reduce((sum, count) => sum + count, 0) : null;
}

/**
 * A single model's record as the listings give it: only the properties asked for (a server may send more), and a
 * lastModified that is no readable date after the epoch left out, so that a record stores the same fields however
 * it was read.
 */
function pickRecordFields(data: Record<string, unknown>): HubModelRecord {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value !== undefined && MODEL_RECORD_FIELDS.has(key)) record[key] = value;
  }
  if ("lastModified" in record) {
    const time = new Date(record.lastModified as string).getTime();
    if (time > 0) record.lastModified = new Date(time).toISOString();
    else delete record.lastModified;
  }
  return record;
}

/** The body's first `limit` bytes as text; the rest is never downloaded (a 30 MB README costs 1 MB). */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= limit) await reader.cancel();
  return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
}

function encodeRepoId(id: string): string {
  return id.split("/").map(encodeURIComponent).join("/");
}

/** The Hub answers 404, or 401 with `X-Error-Code: RepoNotFound` to anonymous callers, for repos it does not have. */
function isRepoMissing(status: number, errorCode: string | null): boolean {
  return status === 404 || errorCode === "RepoNotFound";
}

export function createHubClient(options: HubClientOptions): HubClient {
  const hubUrl = options.hubUrl.replace(/\/+$/, "");
  const fetchHub = options.fetch;

  async function readPage(url: string): Promise<HubModelPage> {
    const response = await fetchHub(url, { headers: { accept: "application/json" } });
    if (!response.ok) throw new HubRequestError("http-status", response.status, url, 1);
    const items: unknown = await readJson(response);
    if (!Array.isArray(items))
      throw new HubRequestError("invalid-body", response.status, url, 1, "a listing page must be a JSON array");
    const records = items.filter(isListedRecord);
    const dropped = items.length - records.length;
    const json = dropped === 0 ? readJsonBytes(response) : null;
    return {
      records,
      nextUrl: parseNextLink(response.headers.get("link"), response.url || url),
      dropped,
      total: readTotalCount(response.headers.get("x-total-count")),
      ...(json ? { json } : {}),
    };
  }

  // Pages are requested here rather than through listModels: a walk commits page by page and must resume from the
  // page cursor (the Link URL), which listModels follows internally and never exposes. The first URL carries the
  // same parameters listModels would send (limit, filter, expand), so any server that serves listModels serves this.
  function listingUrl(params: [string, string][]): string {
    return `${hubUrl}/api/models?${new URLSearchParams([...params, ...expandParams()])}`;
  }

  function listDescendingPage(
    sort: "createdAt" | "lastModified",
    page: { limit?: number; cursorUrl?: string | null },
  ): Promise<HubModelPage> {
    const limit = Math.min(SWEEP_PAGE_LIMIT, Math.max(1, Math.floor(page.limit ?? PAGE_LIMIT)));
    return readPage(
      page.cursorUrl ??
        listingUrl([
          ["sort", sort],
          ["direction", "-1"],
          ["limit", String(limit)],
        ]),
    );
  }

  const listNewestPage = (page: { limit?: number; cursorUrl?: string | null } = {}) =>
    listDescendingPage("createdAt", page);

  return {
    listChildrenPage(id, cursorUrl) {
      return readPage(
        cursorUrl ??
          listingUrl([
            ["filter", `base_model:${id}`],
            ["limit", String(PAGE_LIMIT)],
          ]),
      );
    },

    sweepPage(cursorUrl) {
      return listNewestPage({ limit: SWEEP_PAGE_LIMIT, cursorUrl });
    },

    async countModels() {
      return (await listNewestPage({ limit: 1 })).total;
    },

    listNewestPage,

    listRecentlyModifiedPage(page = {}) {
      return listDescendingPage("lastModified", page);
    },

    // The route modelInfo of @huggingface/hub uses (revision HEAD), in one plain GET like the listings: a renamed
    // repo answers 307 to its new id, which hub-fetch follows.
    async getModelRecord(id) {
      const query = new URLSearchParams(expandParams(MODEL_RECORD_EXPAND));
      const url = `${hubUrl}/api/models/${encodeRepoId(id)}/revision/HEAD?${query}`;
      const response = await fetchHub(url, { headers: { accept: "application/json" } });
      if (!response.ok) {
        if (isRepoMissing(response.status, response.headers.get("x-error-code"))) return null;
        throw new HubRequestError("http-status", response.status, response.url || url, 1);
      }
      const data: unknown = await readJson(response);
      const record = isRecord(data) ? pickRecordFields(data) : null;
      if (!isListedRecord(record))
        throw new HubRequestError(
          "invalid-body",
          response.status,
          response.url || url,
          1,
          "a model record needs a string id",
        );
      // Ids compare case-insensitively on the Hub; a different id means the request was redirected to a new name.
      const isRenamed = record.id.toLowerCase() !== id.toLowerCase();
      return {
        record,
        childrenCount: readChildrenCount(record.childrenModelCount),
        ...(isRenamed ? { renamedFrom: id } : {}),
      };
    },

    // A plain GET of /resolve/ rather than downloadFile: downloadFile spends two /resolve/ requests per card (a
    // `Range: bytes=0-0` probe, then the file) and hides the X-Error-Code header that tells a missing repo from a
    // refused token. An LFS-stored README redirects to a CDN, which hub-fetch follows without the token.
    async fetchCard(id) {
      const url = `${hubUrl}/${encodeRepoId(id)}/resolve/main/README.md`;
      const response = await fetchHub(url);
      if (isRepoMissing(response.status, response.headers.get("x-error-code"))) return null;
      if (!response.ok) throw new HubRequestError("http-status", response.status, url, 1);
      return readCapped(response, MAX_CARD_BYTES + 1);
    },
  };
}
