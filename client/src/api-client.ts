// The client's only door to the data: typed calls to the HTTP API (types come from the server's contract).
import type {
  AncestorsResponse,
  ApiError,
  DescendantsPage,
  FamilyItem,
  FamiliesResponse,
  ForksPage,
  GraphSlice,
  GrowthResponse,
  ModelDetail,
  OrgResponse,
  Relation,
  SearchHit,
  SearchHits,
  StatsResponse,
  TopOrgsResponse,
} from "../../server/contract/types";
import { FAMILY_BINARY_MEDIA_TYPE } from "../../common/family-binary-layout";
import { type FamilyQuery, familyParams, familyRequestPath } from "../../common/model-page";
import { decodeColumnarBinary } from "./columnar-binary";
import type { FamilyColumns } from "./family-columns";
import { encodeModelId } from "./encode-model-id";

/** A non-2xx answer from the API, with the stable error code the server sent (or "http_<status>"). */
export class ApiRequestError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/** A family slice as the API is asked for it. */
export type GraphQuery = FamilyQuery;

/** One page of a model's direct children with one relation (the panel's lists). */
export interface ChildrenQuery {
  id: string;
  relation: Relation;
  sort: DescendantsPage["sort"];
  limit: number;
  cursor?: string;
  inferred?: boolean;
}

export interface ForksQuery {
  root: string | null;
  relation: Relation | null;
  limit: number;
}

/** A conditional read: the page and its ETag, or "not-modified" when the ETag sent still matches. */
export type ForksAnswer = { status: "modified"; page: ForksPage; etag: string | null } | { status: "not-modified" };

export interface ApiClientOptions {
  fetch?: typeof globalThis.fetch;
  /** Origin and prefix of the API; defaults to the page's own origin. */
  baseUrl?: string;
}

function isApiError(body: unknown): body is ApiError {
  const error = (body as ApiError | null)?.error;
  return typeof error?.code === "string" && typeof error?.message === "string";
}

async function toRequestError(url: string, response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  if (isApiError(body)) return new ApiRequestError(url, response.status, body.error.code, body.error.message);
  return new ApiRequestError(
    url,
    response.status,
    `http_${response.status}`,
    `${url} answered HTTP ${response.status}`,
  );
}

export function createApiClient(options: ApiClientOptions = {}) {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const baseUrl = options.baseUrl ?? "";

  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    const url = `${baseUrl}${path}`;
    const response = await fetchFn(url, { signal, headers: { accept: "application/json" } });
    if (!response.ok) throw await toRequestError(url, response);
    return (await response.json()) as T;
  }

  /** Like getJson, but a 404 is an expected absence and yields null. */
  async function getJsonOrNull<T>(path: string, signal?: AbortSignal): Promise<T | null> {
    try {
      return await getJson<T>(path, signal);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) return null;
      throw error;
    }
  }

  const inferredQuery = (inferred: boolean | undefined) => (inferred ? "inferred=include" : "");

  return {
    /** A model with its parents and counts; counts take inferred links in only when `inferred` is set. */
    getModel(id: string, signal?: AbortSignal, inferred = false): Promise<ModelDetail | null> {
      const query = inferredQuery(inferred);
      return getJsonOrNull<ModelDetail>(`/api/models/${encodeModelId(id)}${query ? `?${query}` : ""}`, signal);
    },
    /** Every path up to the roots, with each ancestor's fewest hops up. */
    getAncestors(id: string, signal?: AbortSignal, inferred = false): Promise<AncestorsResponse | null> {
      const query = inferredQuery(inferred);
      return getJsonOrNull<AncestorsResponse>(
        `/api/models/${encodeModelId(id)}/ancestors${query ? `?${query}` : ""}`,
        signal,
      );
    },
    getGraph(query: GraphQuery, signal?: AbortSignal): Promise<GraphSlice | null> {
      return getJsonOrNull<GraphSlice>(`/api/graph?${familyParams(query)}`, signal);
    },
    /**
     * The whole family (up to the server's cap) in columns, laid out by the server: the binary answer, its columns
     * typed arrays over the received bytes; null for a root the database does not know.
     */
    async getColumnarGraph(query: GraphQuery, signal?: AbortSignal): Promise<FamilyColumns | null> {
      // The path the server names in a model page's preload (common/model-page.ts): the browser reuses that answer.
      const url = `${baseUrl}${familyRequestPath(query)}`;
      const response = await fetchFn(url, { signal, headers: { accept: FAMILY_BINARY_MEDIA_TYPE } });
      if (response.status === 404) return null;
      if (!response.ok) throw await toRequestError(url, response);
      const buffer = await response.arrayBuffer();
      performance.mark("lineage:family-received");
      const columns = decodeColumnarBinary(buffer);
      performance.mark("lineage:family-decoded");
      return columns;
    },
    /** Direct children with one relation, sorted, a page at a time; null for a model the database does not know. */
    getChildren(query: ChildrenQuery, signal?: AbortSignal): Promise<DescendantsPage | null> {
      const params = new URLSearchParams({
        maxDepth: "1",
        relation: query.relation,
        sort: query.sort,
        limit: String(query.limit),
      });
      if (query.cursor) params.set("cursor", query.cursor);
      if (query.inferred) params.set("inferred", "include");
      return getJsonOrNull<DescendantsPage>(`/api/models/${encodeModelId(query.id)}/descendants?${params}`, signal);
    },
    /** Derivatives created per month; null for a model the database does not know. */
    getGrowth(id: string, signal?: AbortSignal, inferred = false): Promise<GrowthResponse | null> {
      const query = inferredQuery(inferred);
      return getJsonOrNull<GrowthResponse>(
        `/api/models/${encodeModelId(id)}/growth?interval=month${query ? `&${query}` : ""}`,
        signal,
      );
    },
    /**
     * The newest fork events. With `etag` (from the previous answer) the request is conditional: an unchanged feed
     * costs the server no body and answers "not-modified". The browser cache is bypassed so a 304 reaches us.
     */
    async getForks(query: ForksQuery, etag: string | null, signal?: AbortSignal): Promise<ForksAnswer> {
      const params = new URLSearchParams({ limit: String(query.limit) });
      if (query.root !== null) params.set("root", query.root);
      if (query.relation !== null) params.set("relation", query.relation);
      const url = `${baseUrl}/api/forks?${params}`;
      const headers: Record<string, string> = { accept: "application/json" };
      if (etag !== null) headers["if-none-match"] = etag;
      const response = await fetchFn(url, { signal, headers, cache: "no-store" });
      if (response.status === 304) return { status: "not-modified" };
      if (!response.ok) throw await toRequestError(url, response);
      return { status: "modified", page: (await response.json()) as ForksPage, etag: response.headers.get("etag") };
    },
    getStats(signal?: AbortSignal): Promise<StatsResponse> {
      return getJson<StatsResponse>("/api/stats", signal);
    },
    async getTopFamilies(limit: number, signal?: AbortSignal, withDerivatives = false): Promise<FamilyItem[]> {
      const query = `limit=${limit}${withDerivatives ? "&derivatives=include" : ""}`;
      return (await getJson<FamiliesResponse>(`/api/families/top?${query}`, signal)).items;
    },
    async getTopOrgs(limit: number, signal?: AbortSignal): Promise<TopOrgsResponse["items"]> {
      return (await getJson<TopOrgsResponse>(`/api/orgs/top?limit=${limit}`, signal)).items;
    },
    getOrg(author: string, signal?: AbortSignal, inferred = false): Promise<OrgResponse | null> {
      const query = inferred ? "?inferred=include" : "";
      return getJsonOrNull<OrgResponse>(`/api/orgs/${encodeURIComponent(author)}${query}`, signal);
    },
    async search(q: string, limit: number, signal?: AbortSignal): Promise<SearchHit[]> {
      const params = new URLSearchParams({ q, limit: String(limit) });
      return (await getJson<SearchHits>(`/api/search?${params}`, signal)).items;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
