// GET /api/orgs/<author>: an author's models, the outside bases they derive from and what others built on them;
// GET /api/orgs/top: the leaderboard of orgs by derivatives.
import { Router } from "express";
import { computeOrgCounts, type OrgCountsRow } from "../../db/counts/org-counts";
import { getOrgDerivatives } from "../../db/queries/org-derivatives";
import { getOrgOverview } from "../../db/queries/orgs";
import { getTopOrgs } from "../../db/queries/top-orgs";
import { getDataVersion } from "../../db/queries/stats";
import { ORG_ROUTE, TOP_ORGS_ROUTE } from "../contract/orgs";
import { parseAuthor } from "../contract/params";
import type { ModelSummary, OrgResponse, TopOrgsResponse } from "../contract/types";
import { AuthorNotFoundError } from "../errors";
import { decodeOrgCursor, encodeOrgCursor } from "../org-cursor";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";

function summary(node: ModelSummary): ModelSummary {
  return {
    id: node.id,
    author: node.author,
    createdAt: node.createdAt,
    downloads: node.downloads,
    likes: node.likes,
    descendants: node.descendants,
  };
}

export function orgRoutes(ctx: RouteContext): Router {
  const router = Router();
  // While org_counts is older than the last write, the leaderboard pages through counts computed in memory, once
  // per data version (kept here, not in the read cache, whose weights are list lengths).
  let computed: { version: string; rows: OrgCountsRow[] } | null = null;
  const computedRows = () => {
    const version = getDataVersion(ctx.db);
    if (computed?.version !== version) computed = { version, rows: computeOrgCounts(ctx.db) };
    return computed.rows;
  };
  router.get("/api/orgs/top", (req, res) => {
    const query = parseQuery(TOP_ORGS_ROUTE.query, req.query);
    const options = {
      includeInferred: query.inferred,
      limit: query.limit,
      after: query.cursor === undefined ? null : decodeOrgCursor(query.cursor),
    };
    const body = ctx.cache.get(`orgs-top\n${JSON.stringify(options)}`, () => {
      const page = getTopOrgs(ctx.db, options, computedRows);
      const last = page.items[page.items.length - 1];
      const value: TopOrgsResponse = {
        by: query.by,
        items: page.items,
        ...(page.hasMore && last ? { nextCursor: encodeOrgCursor(last) } : {}),
        inferred: { included: options.includeInferred },
      };
      return { value, weight: value.items.length };
    });
    res.json(body);
  });
  router.get("/api/orgs/:author", (req, res) => {
    const author = parseAuthor(req.params.author, "author");
    const query = parseQuery(ORG_ROUTE.query, req.query);
    const options = { includeInferred: query.inferred, limit: query.limit };
    const body = ctx.cache.get(`org\n${author.toLowerCase()}\n${JSON.stringify(options)}`, () => {
      const org = getOrgOverview(ctx.db, author, options);
      if (!org) throw new AuthorNotFoundError(author);
      const { growth, ...derivatives } = getOrgDerivatives(ctx.db, author, {
        ...options,
        topAuthors: options.limit,
        now: ctx.now(),
      });
      const value: OrgResponse = {
        author: org.author,
        total: org.total,
        models: org.models.map((model) => ({
          ...summary(model),
          parents: model.parents.map((link) => ({
            id: link.parent,
            relation: link.relation,
            source: link.source,
            confidence: link.confidence,
          })),
        })),
        bases: org.bases.map((base) => ({
          ...summary(base),
          models: base.models,
          direct: base.direct,
          roots: base.roots,
        })),
        basesTotal: org.basesTotal,
        derivatives: { ...derivatives, growth: growth.periods, undated: growth.unknown.total },
        inferred: { included: options.includeInferred },
      };
      return { value, weight: value.models.length + value.bases.length };
    });
    res.json(body);
  });
  return router;
}
