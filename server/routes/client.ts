// The built web client (vite output in dist/client): static files, and index.html for /, /forks, /model/<id> and
// /org/<author> deep links; a model page's HTML names its family request as a preload, so that it leaves with the page.
import express, { Router, type Request, type Response } from "express";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { familyQueryOf, familyRequestPath, parseModelPage } from "../../common/model-page";

export const DEFAULT_CLIENT_DIR = resolve(__dirname, "../../dist/client");

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hf-lineage</title></head>
<body><h1>hf-lineage</h1>
<p>The web client is not built. Run <code>npm run build</code>, then restart the server.</p>
<p>The JSON API works meanwhile: see <a href="/api/docs">/api/docs</a>.</p></body></html>
`;

/** The brand mark (three linked nodes), served at /favicon.ico as SVG, which browsers accept there. */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M9 9L23 16L9 23" stroke="#2563eb" ' +
  'stroke-width="3" fill="none"/><circle cx="9" cy="9" r="5" fill="#e11d48"/><circle cx="23" cy="16" r="5" ' +
  'fill="#2563eb"/><circle cx="9" cy="23" r="5" fill="#ea8c00"/></svg>';

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The preload of the family answer the model page's script asks for first, with the same URL and mode (`fetch()`'s
 * default: cors, same-origin credentials, which `crossorigin` gives), so that the browser hands the script this answer
 * instead of asking again. An inline script could start the request too, but the CSP allows no inline script.
 */
function familyPreload(req: Request): string {
  const url = new URL(req.originalUrl, "http://page.invalid");
  const page = parseModelPage(url.pathname, url.search);
  if (page === null) return "";
  const href = escapeAttribute(familyRequestPath(familyQueryOf(page)));
  return `<link rel="preload" as="fetch" crossorigin href="${href}">`;
}

export function clientRoutes(clientDir: string): Router {
  const router = Router();
  const indexFile = join(clientDir, "index.html");
  // Hashed asset names change with every build, so they may be cached for good; index.html must not be.
  router.use(
    express.static(clientDir, {
      index: false,
      fallthrough: true,
      setHeaders: (res, path) =>
        res.setHeader(
          "Cache-Control",
          path.includes(`${join(clientDir, "assets")}`) ? "public, max-age=31536000, immutable" : "no-cache",
        ),
    }),
  );
  /** `head`: markup put first in the page's head. */
  const sendIndex = (res: Response, head = "") => {
    // Read per request (the client may be built while the server runs), at once: a small file, in the page cache.
    let html: string;
    try {
      html = readFileSync(indexFile, "utf8");
    } catch {
      res.status(200).type("html").setHeader("Cache-Control", "no-store").send(NOT_BUILT_PAGE);
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(head === "" ? html : html.replace(/<head>/i, (tag) => `${tag}\n    ${head}`));
  };
  router.get("/", (_req, res) => sendIndex(res));
  router.get("/model/*id", (req, res) => sendIndex(res, familyPreload(req)));
  router.get("/forks", (_req, res) => sendIndex(res));
  router.get("/org/:author", (_req, res) => sendIndex(res));
  router.get("/favicon.ico", (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.type("image/svg+xml").send(FAVICON_SVG);
  });
  return router;
}
