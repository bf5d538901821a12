// The app's URLs as values: parse a location into a route and format a route back (pure, no DOM).
import type { Relation } from "../../server/contract/types";
import { DEFAULT_DOWN, DEFAULT_UP, decodeSegments, MODEL_PAGE_PREFIX, parseModelPage } from "../../common/model-page";
import { encodeModelId } from "./encode-model-id";
import { type ColorBy, RELATIONS } from "./graph-style";

export { DEFAULT_DOWN, DEFAULT_UP, MAX_DEPTH } from "../../common/model-page";

export interface ModelRoute {
  kind: "model";
  id: string;
  up: number;
  down: number;
  /** Relations the view follows; null means all of them. */
  relations: Relation[] | null;
  /** Follow and count inferred links too (`?inferred=include`); off by default, as in the API. */
  inferred: boolean;
  /** Colour models by relation (default) or by licence family (`?color=license`). */
  colorBy: ColorBy;
}

/** The new-forks feed, optionally narrowed to one family (its root id) and one relation. */
export interface ForksRoute {
  kind: "forks";
  root: string | null;
  relation: Relation | null;
}

/** An org (author): what it builds on, what is built on it, its models. */
export interface OrgRoute {
  kind: "org";
  author: string;
  inferred: boolean;
}

export type Route = { kind: "home" } | ModelRoute | ForksRoute | OrgRoute | { kind: "not-found"; path: string };

const FORKS_PATH = "/forks";
const ORG_PREFIX = "/org/";

/** The route a location names. Bad query values fall back to defaults; an undecodable path is not found. */
export function parseRoute(pathname: string, search: string): Route {
  if (pathname === "/" || pathname === "") return { kind: "home" };
  if (pathname === FORKS_PATH || pathname === `${FORKS_PATH}/`) {
    const params = new URLSearchParams(search);
    const relation = params.get("relation");
    return {
      kind: "forks",
      root: params.get("root")?.trim() || null,
      relation: RELATIONS.find((known) => known === relation) ?? null,
    };
  }
  if (pathname.startsWith(ORG_PREFIX) && pathname.length > ORG_PREFIX.length) {
    const author = decodeSegments(pathname.slice(ORG_PREFIX.length).replace(/\/+$/, ""));
    if (author === null || author === "" || author.includes("/")) return { kind: "not-found", path: pathname };
    return { kind: "org", author, inferred: new URLSearchParams(search).get("inferred") === "include" };
  }
  const page = parseModelPage(pathname, search);
  if (page !== null) {
    const { params, ...settings } = page;
    return { kind: "model", ...settings, colorBy: params.get("color") === "license" ? "license" : "relation" };
  }
  return { kind: "not-found", path: pathname };
}

/** The URL of a route; defaults are left out so shared links stay short. */
export function formatRoute(route: Route): string {
  if (route.kind === "home") return "/";
  if (route.kind === "not-found") return route.path;
  const params = new URLSearchParams();
  if (route.kind === "org") {
    return `${ORG_PREFIX}${encodeURIComponent(route.author)}${route.inferred ? "?inferred=include" : ""}`;
  }
  if (route.kind === "forks") {
    if (route.root !== null) params.set("root", route.root);
    if (route.relation !== null) params.set("relation", route.relation);
    const query = params.toString();
    return `${FORKS_PATH}${query ? `?${query}` : ""}`;
  }
  if (route.up !== DEFAULT_UP) params.set("up", String(route.up));
  if (route.down !== DEFAULT_DOWN) params.set("down", String(route.down));
  if (route.relations !== null && route.relations.length < RELATIONS.length) {
    params.set("relations", route.relations.join(","));
  }
  if (route.inferred) params.set("inferred", "include");
  if (route.colorBy === "license") params.set("color", "license");
  const query = params.toString();
  return `${MODEL_PAGE_PREFIX}${encodeModelId(route.id)}${query ? `?${query}` : ""}`;
}

/** The forks feed of one family (or of every tracked family when `root` is null). */
export function forksRoute(root: string | null = null): ForksRoute {
  return { kind: "forks", root, relation: null };
}

/** The model route for an id with the default view settings. */
export function modelRoute(id: string): ModelRoute {
  return {
    kind: "model",
    id,
    up: DEFAULT_UP,
    down: DEFAULT_DOWN,
    relations: null,
    inferred: false,
    colorBy: "relation",
  };
}

/** The org page of an author, declared links only. */
export function orgRoute(author: string, inferred = false): OrgRoute {
  return { kind: "org", author, inferred };
}
