// GET /api/search: search-as-you-type over model ids, best first (`{items: SearchHit[]}`).
import { Router } from "express";
import { createModelSearcher } from "../../db/queries/search";
import { SEARCH_ROUTE } from "../contract/search";
import type { SearchHits } from "../contract/types";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";

export function searchRoutes(ctx: RouteContext): Router {
  const router = Router();
  const search = createModelSearcher(ctx.db);
  router.get("/api/search", (req, res) => {
    const query = parseQuery(SEARCH_ROUTE.query, req.query);
    const body: SearchHits = { items: search(query.q, { limit: query.limit, includeInferred: query.inferred }) };
    res.json(body);
  });
  return router;
}
