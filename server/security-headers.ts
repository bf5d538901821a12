// Headers every answer carries so that a page of ours cannot run or frame anything it did not ship itself.
import { createHash } from "node:crypto";
import type { RequestHandler } from "express";

/**
 * The built client is one module script and one stylesheet from our own origin, talking to our own API; the icon
 * is a data: URL. Styles set from scripts (element.style) are not governed by style-src, so no 'unsafe-inline'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "no-referrer");
    next();
  };
}

/**
 * The policy for a page of ours that carries its styles inline (the API docs page): those exact <style> blocks
 * are allowed by their hashes, nothing else inline.
 */
export function policyForInlineStyles(html: string): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css]) => `'sha256-${createHash("sha256").update(css).digest("base64")}'`,
  );
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", ["style-src 'self'", ...hashes].join(" "));
}
