// GET /api/models/<id>[/ancestors|/descendants|/growth]: one model's lineage, ids with `/` raw or URL-encoded.
import { Router, type Request } from "express";
import { resolveId } from "../../db/aliases";
import { idKey } from "../../lineage/id-key";
import { pickModelFields } from "../../db/model-fields";
import { getAncestry } from "../../db/queries/ancestors";
import { pageDescendants, sortDescendants } from "../../db/queries/descendants";
import { getGrowth } from "../../db/queries/growth";
import { countLicenseChangesBelow } from "../../db/queries/license-changes";
import { getModelDetail, type ParentDetail } from "../../db/queries/model-detail";
import { ANCESTORS_ROUTE, DESCENDANTS_ROUTE, GROWTH_ROUTE, MODEL_ROUTE } from "../contract/models";
import { LIMITS, parseModelId, TWO_PART_ID } from "../contract/params";
import type { AncestorsResponse, DescendantsPage, GrowthResponse, ModelDetail, ModelParent } from "../contract/types";
import { decodeCursor, encodeCursor } from "../descendants-cursor";
import { ModelNotFoundError } from "../errors";
import { hubModelUrl } from "../model-links";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";

export const MODEL_SUB_ROUTES = ["ancestors", "descendants", "growth"] as const;
type SubRoute = (typeof MODEL_SUB_ROUTES)[number];

/**
 * Splits the wildcard into a model id and a sub-route. Hub ids have at most two parts, so `a/b/ancestors` is
 * always the ancestors of `a/b`; `a/ancestors` is ambiguous (a model named "ancestors" by owner "a", or the
 * ancestors of the legacy id "a") and means the model when the database knows it, else the sub-route.
 */
function splitModelPath(segments: string[], isKnown: (id: string) => boolean): { id: string; sub: SubRoute | null } {
  const joined = segments.join("/");
  const last = segments[segments.length - 1];
  const sub = (MODEL_SUB_ROUTES as readonly string[]).includes(last) && segments.length > 1 ? (last as SubRoute) : null;
  if (!sub) return { id: joined, sub: null };
  const rest = segments.slice(0, -1).join("/");
  if (joined.split("/").length === 2 && isKnown(joined)) return { id: joined, sub: null };
  return { id: rest, sub };
}

function toModelParent(parent: ParentDetail): ModelParent {
  return {
    id: parent.parent,
    relation: parent.relation,
    source: parent.source,
    confidence: parent.confidence,
    ...(parent.evidence.length ? { evidence: parent.evidence } : {}),
    sources: parent.sources,
    license: parent.license,
  };
}

export function modelRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { db } = ctx;

  /** The canonical id of a validated id, or a 404 naming the id asked for. */
  const resolve = (id: string): { id: string; renamedFrom?: string } => {
    const canonical = resolveId(db, id);
    if (canonical === null) throw new ModelNotFoundError(id);
    return idKey(canonical) === idKey(id) ? { id: canonical } : { id: canonical, renamedFrom: id };
  };

  router.get("/api/models/*path", (req, res) => {
    const segments = (req.params as { path: string[] }).path;
    const { id: rawId, sub } = splitModelPath(segments, (id) => TWO_PART_ID.test(id) && resolveId(db, id) !== null);
    const id = parseModelId(rawId, "id");
    switch (sub) {
      case null:
        res.json(detail(id, req));
        return;
      case "ancestors":
        res.json(ancestors(resolve(id), req));
        return;
      case "descendants":
        res.json(descendants(resolve(id), req));
        return;
      case "growth":
        res.json(growth(resolve(id), req));
        return;
    }
  });

  function detail(id: string, req: Request): ModelDetail {
    const { inferred } = parseQuery(MODEL_ROUTE.query, req.query);
    // Cached: the direct-children figures of a base with 100k children take a scan of its edges.
    const found = ctx.cache.get(`detail\n${id}\n${inferred}`, () => ({
      value: getModelDetail(db, id, { includeInferred: inferred }),
      weight: 1,
    }));
    if (!found) throw new ModelNotFoundError(id);
    const { model } = found;
    return {
      ...pickModelFields(model),
      ...(found.renamedFrom ? { renamedFrom: found.renamedFrom } : {}),
      url: hubModelUrl(model.id),
      newVersion: model.newVersion,
      fetchedAt: model.fetchedAt,
      goneAt: model.goneAt,
      parents: found.parents.map(toModelParent),
      children: found.children,
      descendants: {
        ...found.descendants,
        licenseChanges: found.licenseChangesBelow ?? licenseChangesBelow(inferred).get(idKey(model.id)) ?? 0,
      },
      roots: found.roots,
      licenseChanges: found.licenseChanges,
      inferred: {
        included: inferred,
        children: found.inferredOnly.children,
        descendants: found.inferredOnly.descendants,
      },
    };
  }

  /**
   * When no lineage graph is current: per data version (the cache is dropped on a change), one walk up from the
   * changed models serves every model.
   */
  function licenseChangesBelow(inferred: boolean): Map<string, number> {
    return ctx.cache.get(`licenseChangesBelow\n${inferred}`, () => {
      const value = countLicenseChangesBelow(db, { includeInferred: inferred });
      return { value, weight: value.size };
    });
  }

  function ancestors(target: { id: string; renamedFrom?: string }, req: Request): AncestorsResponse {
    const query = parseQuery(ANCESTORS_ROUTE.query, req.query);
    const limits = { maxNodes: LIMITS.ancestors.maxNodes, maxPaths: query.limit };
    const ancestry = getAncestry(db, target.id, { includeInferred: query.inferred }, limits);
    return {
      ...target,
      nodes: ancestry.nodes.map((node) => ({
        id: node.id,
        author: node.author,
        createdAt: node.createdAt,
        downloads: node.downloads,
        likes: node.likes,
        descendants: node.descendants,
        depth: node.depth,
        parents: node.parents.map((link) => ({
          id: link.parent,
          relation: link.relation,
          source: link.source,
          confidence: link.confidence,
        })),
      })),
      paths: ancestry.paths,
      roots: ancestry.roots,
      truncated: ancestry.capped.nodes || ancestry.capped.paths,
      capped: ancestry.capped,
      limits,
      inferred: { included: query.inferred },
    };
  }

  function descendants(target: { id: string; renamedFrom?: string }, req: Request): DescendantsPage {
    const query = parseQuery(DESCENDANTS_ROUTE.query, req.query);
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, query.sort);
    const options = {
      includeInferred: query.inferred,
      relation: query.relation ?? null,
      maxDepth: query.maxDepth,
      sort: query.sort,
    };
    const key = `descendants\n${idKey(target.id)}\n${JSON.stringify(options)}`;
    const sorted = ctx.cache.get(key, () => {
      const value = sortDescendants(db, target.id, options);
      return { value, weight: value.keyed.length };
    });
    const page = pageDescendants(sorted, after, query.limit);
    return {
      ...target,
      sort: query.sort,
      total: page.total,
      items: page.items,
      ...(page.next ? { nextCursor: encodeCursor(query.sort, page.next) } : {}),
      inferred: { included: query.inferred },
    };
  }

  function growth(target: { id: string; renamedFrom?: string }, req: Request): GrowthResponse {
    const query = parseQuery(GROWTH_ROUTE.query, req.query);
    const relation = query.relation ?? null;
    const options = { includeInferred: query.inferred, interval: query.interval, relation };
    const result = ctx.cache.get(`growth\n${idKey(target.id)}\n${JSON.stringify(options)}`, () => {
      const value = getGrowth(db, target.id, { ...options, now: ctx.now() });
      return { value, weight: value.periods.length };
    });
    return { ...target, ...result, relation, inferred: { included: query.inferred } };
  }

  return router;
}
