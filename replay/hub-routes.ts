// The Hub API routes the replay answers, as a pure function from a request to a reply (no sockets, no faults).
import type { Relation } from "../lineage/types";
import type { HubStore } from "./hub-store";
import { BadListQuery, parseListQuery, type ListingEngine, type ListPage, type Visibility } from "./listing";
import { checkExpand, fieldsFor, selectFields, type ModelRoute } from "./model-fields";
import type { RouteKind } from "./fault-plan";
import { gitBlobSha } from "./wire-ids";

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface RouteContext {
  store: HubStore;
  listing: ListingEngine;
  visibility: Visibility;
  /** Renames configured on the server, old id (lower-cased) -> current id; on top of the store's own. */
  renames: ReadonlyMap<string, string>;
  /** 404 (what the Hub answers with a token) or 401 (what it answers anonymous callers) for a missing repo. */
  missingRepoStatus: 404 | 401;
  linkLoop: boolean;
  /** Listings say their size in `X-Total-Count` (the header the Hub names among those it exposes). */
  sendsTotalCount: boolean;
  /** The most records a listing page serves, whatever `limit` asks. */
  maxPageLimit: number;
  /** Scheme and host the client used, for absolute Link URLs. */
  origin: string;
}

const JSON_TYPE = "application/json; charset=utf-8";

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "Content-Type": JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

function hubError(status: number, message: string, code?: string): Reply {
  const headers: Record<string, string> = { "X-Error-Message": message };
  if (code) headers["X-Error-Code"] = code;
  return json(status, { error: message }, headers);
}

function missingRepo(ctx: RouteContext): Reply {
  // Anonymous callers get 401 without an error code, so that private repos cannot be told from missing ones.
  return ctx.missingRepoStatus === 401
    ? hubError(401, "Invalid username or password.")
    : hubError(404, "Repository not found", "RepoNotFound");
}

const pageNotFound = (): Reply => hubError(404, "Sorry, we can't find the page you are looking for.");

/** Which budget and counters a path belongs to. */
export function classifyRoute(pathname: string): RouteKind {
  if (pathname === "/api/models" || pathname === "/api/models/") return "list";
  if (pathname.startsWith("/api/models/")) return "info";
  if (/^\/[^/]+(?:\/[^/]+)?\/resolve\//.test(pathname)) return "resolve";
  return "other";
}

type Resolved = { kind: "ok"; index: number } | { kind: "moved"; id: string } | { kind: "missing" };

/** A renamed or differently-cased id moves (307) to the current spelling, as on the Hub. */
function resolveModel(ctx: RouteContext, id: string): Resolved {
  let found = ctx.store.lookup(id);
  if (!found) {
    const renamedTo = ctx.renames.get(id.toLowerCase());
    const target = renamedTo === undefined ? null : ctx.store.lookup(renamedTo);
    if (target) found = { kind: "renamed", index: target.index };
  }
  if (!found || !ctx.visibility.isVisible(found.index)) return { kind: "missing" };
  const current = ctx.store.id(found.index);
  return current === id ? { kind: "ok", index: found.index } : { kind: "moved", id: current };
}

function redirect(location: string): Reply {
  return {
    status: 307,
    headers: { Location: location, "Content-Type": "text/plain; charset=utf-8" },
    body: `Temporary Redirect. Redirecting to ${location}`,
  };
}

function isKnownRevision(ctx: RouteContext, index: number, revision: string): boolean {
  if (revision === "main" || revision === "HEAD") return true;
  const sha = ctx.store.record(index).sha;
  return typeof sha === "string" && revision.length >= 7 && sha.startsWith(revision);
}

function childrenModelCount(ctx: RouteContext, index: number): Record<Relation, number> {
  const counts: Record<Relation, number> = { adapter: 0, merge: 0, quantized: 0, finetune: 0 };
  const children = ctx.store.childIndexes(index);
  for (let k = 0; k < children.length; k++) {
    const child = children[k];
    const relation = ctx.store.relation(child);
    if (relation && ctx.visibility.isVisible(child)) counts[relation]++;
  }
  return counts;
}

function baseModels(ctx: RouteContext, index: number): unknown {
  const relation = ctx.store.relation(index);
  const models = ctx.store
    .declaredParents(index)
    .filter((p) => p.index >= 0 && ctx.visibility.isVisible(p.index))
    .map((p) => {
      const record = ctx.store.record(p.index);
      return { _id: record._id, id: record.id };
    });
  return relation && models.length ? { relation, models } : undefined;
}

function modelBody(ctx: RouteContext, index: number, fields: string[] | null): Record<string, unknown> {
  return selectFields(ctx.store.record(index), fields, (field) => {
    if (field === "childrenModelCount") return childrenModelCount(ctx, index);
    if (field === "baseModels") return baseModels(ctx, index);
    if (field === "trendingScore") return 0;
    return undefined;
  });
}

function readExpand(params: URLSearchParams, route: ModelRoute): { fields: string[] | null } | Reply {
  const expand = [...params.getAll("expand"), ...params.getAll("expand[]")];
  const problem = checkExpand(expand, route);
  return problem ? hubError(400, problem) : { fields: fieldsFor(route, expand, params) };
}

function answerList(ctx: RouteContext, url: URL): Reply {
  const fields = readExpand(url.searchParams, "list");
  if ("status" in fields) return fields;
  let page: ListPage;
  try {
    page = ctx.listing.page(parseListQuery(url.searchParams, ctx.maxPageLimit), ctx.visibility);
  } catch (err) {
    if (err instanceof BadListQuery) return hubError(400, err.message);
    throw err;
  }
  const headers: Record<string, string> = {};
  if (ctx.sendsTotalCount) headers["X-Total-Count"] = String(page.total);
  const linkParams = new URLSearchParams([...url.searchParams].filter(([key]) => key !== "cursor"));
  if (page.next !== null) linkParams.append("cursor", page.next);
  if (page.next !== null || ctx.linkLoop) {
    const query = linkParams.toString();
    headers.Link = `<${ctx.origin}/api/models${query ? `?${query}` : ""}>; rel="next"`;
  }
  return json(
    200,
    page.indexes.map((i) => modelBody(ctx, i, fields.fields)),
    headers,
  );
}

function splitRepoPath(segments: string[], marker: string): { id: string; rest: string[] } | null {
  if (segments.length >= 3 && segments[2] === marker)
    return { id: `${segments[0]}/${segments[1]}`, rest: segments.slice(3) };
  if (segments.length >= 2 && segments[1] === marker) return { id: segments[0], rest: segments.slice(2) };
  return null;
}

function answerInfo(ctx: RouteContext, url: URL, segments: string[]): Reply {
  const withRevision = splitRepoPath(segments, "revision");
  const id = withRevision ? withRevision.id : segments.join("/");
  if (withRevision ? withRevision.rest.length !== 1 : segments.length < 1 || segments.length > 2) return pageNotFound();
  const resolved = resolveModel(ctx, id);
  if (resolved.kind === "missing") return missingRepo(ctx);
  if (resolved.kind === "moved") {
    const tail = withRevision ? `/revision/${encodeURIComponent(withRevision.rest[0])}` : "";
    return redirect(`/api/models/${resolved.id}${tail}${url.search}`);
  }
  if (withRevision && !isKnownRevision(ctx, resolved.index, withRevision.rest[0])) {
    return hubError(404, `Invalid rev id: ${withRevision.rest[0]}`, "RevisionNotFound");
  }
  const fields = readExpand(url.searchParams, "detail");
  if ("status" in fields) return fields;
  return json(200, modelBody(ctx, resolved.index, fields.fields));
}

/** Serves README.md like a regular (non-LFS) git file: ETag = blob id, X-Repo-Commit, byte ranges. */
function answerResolve(ctx: RouteContext, url: URL, segments: string[], headers: Headers): Reply {
  const parts = splitRepoPath(segments, "resolve");
  if (!parts || parts.rest.length < 2) return pageNotFound();
  const [revision, ...file] = parts.rest;
  const resolved = resolveModel(ctx, parts.id);
  if (resolved.kind === "missing") return missingRepo(ctx);
  if (resolved.kind === "moved") {
    return redirect(
      `/${resolved.id}/resolve/${encodeURIComponent(revision)}/${file.map(encodeURIComponent).join("/")}${url.search}`,
    );
  }
  if (!isKnownRevision(ctx, resolved.index, revision)) {
    return hubError(404, `Invalid rev id: ${revision}`, "RevisionNotFound");
  }
  const card = file.join("/") === "README.md" ? ctx.store.card(resolved.index) : null;
  if (card === null) return hubError(404, "Entry not found", "EntryNotFound");
  const content = Buffer.from(card, "utf8");
  const common: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Disposition": `inline; filename*=UTF-8''README.md; filename="README.md";`,
    ETag: `"${gitBlobSha(content)}"`,
    "X-Repo-Commit": String(ctx.store.record(resolved.index).sha ?? ""),
    "Accept-Ranges": "bytes",
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(headers.get("range") ?? "");
  if (!range || (range[1] === "" && range[2] === "")) return { status: 200, headers: common, body: content };
  const size = content.length;
  const start = range[1] === "" ? Math.max(0, size - Number(range[2])) : Number(range[1]);
  const end = range[1] === "" || range[2] === "" ? size - 1 : Math.min(Number(range[2]), size - 1);
  if (start >= size || start > end) {
    return { status: 416, headers: { ...common, "Content-Range": `bytes */${size}` }, body: "" };
  }
  return {
    status: 206,
    headers: { ...common, "Content-Range": `bytes ${start}-${end}/${size}` },
    body: content.subarray(start, end + 1),
  };
}

export function answerHubRequest(ctx: RouteContext, method: string, url: URL, headers: Headers): Reply {
  if (method !== "GET" && method !== "HEAD") return hubError(405, `Method ${method} not allowed`);
  let segments: string[];
  try {
    segments = url.pathname
      .split("/")
      .filter((s) => s !== "")
      .map(decodeURIComponent);
  } catch {
    return hubError(400, "Malformed URL encoding");
  }
  const route = classifyRoute(url.pathname);
  if (route === "list") return answerList(ctx, url);
  if (route === "info") return answerInfo(ctx, url, segments.slice(2));
  if (route === "resolve") return answerResolve(ctx, url, segments, headers);
  return pageNotFound();
}
