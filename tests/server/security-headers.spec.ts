// securityHeaders: every answer forbids framing and scripts from elsewhere; the docs page's own inline style is
// allowed by its hash only.
import { createHash } from "node:crypto";
import request from "supertest";
import { createApp } from "../../server/create-app";
import { CONTENT_SECURITY_POLICY, policyForInlineStyles } from "../../server/security-headers";
import { buildLineageDb } from "../helpers/lineage-db";

describe("securityHeaders", () => {
  const db = buildLineageDb(["o/root"], []);
  const app = createApp({ db });
  afterAll(() => db.close());

  it.each(["/", "/model/o/root", "/api/stats", "/api/nothing", "/nothing"])(
    "%s carries CSP and X-Frame-Options",
    async (url) => {
      const res = await request(app).get(url);
      expect(res.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers["content-security-policy"]).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(res.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    },
  );

  it("lets the docs page keep its inline style, by hash, and nothing more", async () => {
    const res = await request(app).get("/api/docs").expect(200);
    const css = /<style>([\s\S]*?)<\/style>/.exec(res.text)?.[1];
    expect(css).toBeDefined();
    const hash = createHash("sha256")
      .update(css as string)
      .digest("base64");
    expect(res.headers["content-security-policy"]).toContain(`style-src 'self' 'sha256-${hash}';`);
    expect(res.headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(res.headers["content-security-policy"]).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });

  it("leaves the policy as it is for a page without inline style", () => {
    expect(policyForInlineStyles("<p>plain</p>")).toBe(CONTENT_SECURITY_POLICY);
  });
});
