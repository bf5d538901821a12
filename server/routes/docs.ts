// GET /api/openapi.json and GET /api/docs: the API's own description, machine- and human-readable.
import { Router } from "express";
import { OPENAPI_DOCUMENT, renderDocsPage } from "../openapi";
import { parseQuery, SCHEMAS } from "../validation";
import type { RouteContext } from "./context";

export function docsRoutes(_ctx: RouteContext): Router {
  const router = Router();
  const page = renderDocsPage(OPENAPI_DOCUMENT);
  router.get("/api/openapi.json", (req, res) => {
    parseQuery(SCHEMAS.none, req.query);
    res.json(OPENAPI_DOCUMENT);
  });
  router.get("/api/docs", (req, res) => {
    parseQuery(SCHEMAS.none, req.query);
    res.type("html").send(page);
  });
  return router;
}
