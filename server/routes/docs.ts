// GET /api/openapi.json and GET /api/docs: the API's own description, machine- and human-readable.
import { Router } from "express";
import { renderDocsPage } from "../contract/docs-page";
import { DOCS_ROUTE, OPENAPI_ROUTE } from "../contract/docs";
import { buildOpenApiDocument } from "../contract/openapi-document";
import { API_ROUTES } from "../contract/routes";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";

export function docsRoutes(_ctx: RouteContext): Router {
  const router = Router();
  const document = buildOpenApiDocument(API_ROUTES);
  const page = renderDocsPage(document);
  router.get(OPENAPI_ROUTE.path, (req, res) => {
    parseQuery(OPENAPI_ROUTE.query, req.query);
    res.json(document);
  });
  router.get(DOCS_ROUTE.path, (req, res) => {
    parseQuery(DOCS_ROUTE.query, req.query);
    res.type("html").send(page);
  });
  return router;
}
