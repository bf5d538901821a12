// GET /api/search: search-as-you-type over model ids, best first (an array of SearchHit).
import { Router } from "express";
import { createModelSearcher } from "../../db/queries/search";
import { SEARCH_ROUTE } from "../contract/search";
import type { SearchHit } from "../contract/types";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";

export function searchRoutes(ctx: RouteContext): Router {
  const router = Router();
  const search = createModelSearcher(ctx.db);
  router.get("/api/search", (req, res) => {
    const query = parseQuery(SEARCH_ROUTE.query, req.query);
    const hits: SearchHit[] = search(query.q, { limit: query.limit, includeInferred: query.inferred });
    res.json(hits);
  });
  return router;
}
