// A model page's address (/model/<id>?up=&down=&relations=&inferred=) and the family request it makes first, defined
// once: the client routes by them and sends the request; the server names that request in the page's HTML (a
// preload) so that it leaves with the page instead of after the scripts.

export const MODEL_PAGE_PREFIX = "/model/";
export const FAMILY_RELATIONS = ["finetune", "adapter", "quantized", "merge"] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];
export const DEFAULT_UP = 3;
/** The whole family below by default: deeper than any family seen on the Hub. */
export const DEFAULT_DOWN = 20;
export const MAX_DEPTH = 20;

/** A family slice as the API is asked for it (GET /api/graph, GET /api/graph/columnar). */
export interface FamilyQuery {
  root: string;
  up: number;
  down: number;
  /** Relations to follow; null follows every relation. */
  relations: readonly FamilyRelation[] | null;
  limit?: number;
  /** Follow inferred links too. */
  inferred?: boolean;
}

/** What a model page's address says: the model, the family settings, and every parameter (the view reads more). */
export interface ModelPage {
  id: string;
  up: number;
  down: number;
  relations: FamilyRelation[] | null;
  inferred: boolean;
  params: URLSearchParams;
}

function parseDepth(value: string | null, fallback: number): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  return Math.min(Number(value), MAX_DEPTH);
}

function parseRelations(value: string | null): FamilyRelation[] | null {
  if (value === null) return null;
  const wanted = new Set(value.split(","));
  return FAMILY_RELATIONS.filter((relation) => wanted.has(relation));
}

/** Each segment of a path URL-decoded, the slashes kept; null when one does not decode. */
export function decodeSegments(path: string): string | null {
  try {
    return path
      .split("/")
      .map((segment) => decodeURIComponent(segment))
      .join("/");
  } catch {
    return null;
  }
}

/** The model page a location names; null when it names none (another page, an undecodable or empty id). */
export function parseModelPage(pathname: string, search: string): ModelPage | null {
  if (!pathname.startsWith(MODEL_PAGE_PREFIX) || pathname.length <= MODEL_PAGE_PREFIX.length) return null;
  const id = decodeSegments(pathname.slice(MODEL_PAGE_PREFIX.length).replace(/\/+$/, ""));
  if (id === null || id === "") return null;
  const params = new URLSearchParams(search);
  return {
    id,
    up: parseDepth(params.get("up"), DEFAULT_UP),
    down: parseDepth(params.get("down"), DEFAULT_DOWN),
    relations: parseRelations(params.get("relations")),
    inferred: params.get("inferred") === "include",
    params,
  };
}

/** The query parameters of a family slice request. */
export function familyParams(query: FamilyQuery): URLSearchParams {
  const params = new URLSearchParams({ root: query.root, up: String(query.up), down: String(query.down) });
  if (query.relations) params.set("relations", query.relations.join(","));
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  if (query.inferred) params.set("inferred", "include");
  return params;
}

/** The family's binary columnar answer: the request a model page makes first, exactly as the client sends it. */
export function familyRequestPath(query: FamilyQuery): string {
  const params = familyParams(query);
  params.set("format", "binary");
  return `/api/graph/columnar?${params}`;
}

/** The family request of a model page's own settings. */
export function familyQueryOf(page: Pick<ModelPage, "id" | "up" | "down" | "relations" | "inferred">): FamilyQuery {
  return { root: page.id, up: page.up, down: page.down, relations: page.relations, inferred: page.inferred };
}
