// GET /api/families/top: leaderboard of base models by descendants or direct children, per relation and author.
import { Router } from "express";
import { getTopFamilies } from "../../db/queries/families";
import { FAMILIES_ROUTE } from "../contract/families";
import type { FamiliesResponse } from "../contract/types";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";

export function familyRoutes(ctx: RouteContext): Router {
  const router = Router();
  router.get("/api/families/top", (req, res) => {
    const query = parseQuery(FAMILIES_ROUTE.query, req.query);
    const options = {
      by: query.by,
      relation: query.relation ?? null,
      author: query.author,
      includeDerivatives: query.derivatives,
      limit: query.limit,
      includeInferred: query.inferred,
    };
    const body = ctx.cache.get(`families\n${JSON.stringify(options)}`, () => {
      const entries = getTopFamilies(ctx.db, options);
      const value: FamiliesResponse = {
        by: options.by,
        relation: options.relation,
        author: options.author,
        derivatives: { included: options.includeDerivatives },
        items: entries.map((entry, i) => ({
          rank: i + 1,
          id: entry.id,
          author: entry.author,
          createdAt: entry.createdAt,
          downloads: entry.downloads,
          likes: entry.likes,
          score: entry.score,
          children: entry.children,
          descendants: { ...entry.descendants, licenseChanges: entry.licenseChanges },
        })),
        inferred: { included: options.includeInferred },
      };
      return { value, weight: entries.length };
    });
    res.json(body);
  });
  return router;
}
