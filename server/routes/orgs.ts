// GET /api/orgs/<author>: an author's models and the outside bases they derive from.
import { Router } from "express";
import { getOrgOverview } from "../../db/queries/orgs";
import { ORG_ROUTE } from "../contract/orgs";
import { parseAuthor } from "../contract/params";
import type { ModelSummary, OrgResponse } from "../contract/types";
import { AuthorNotFoundError } from "../errors";
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
  router.get("/api/orgs/:author", (req, res) => {
    const author = parseAuthor(req.params.author, "author");
    const query = parseQuery(ORG_ROUTE.query, req.query);
    const options = { includeInferred: query.inferred, limit: query.limit };
    const body = ctx.cache.get(`org\n${author.toLowerCase()}\n${JSON.stringify(options)}`, () => {
      const org = getOrgOverview(ctx.db, author, options);
      if (!org) throw new AuthorNotFoundError(author);
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
        inferred: { included: options.includeInferred },
      };
      return { value, weight: value.models.length + value.bases.length };
    });
    res.json(body);
  });
  return router;
}
