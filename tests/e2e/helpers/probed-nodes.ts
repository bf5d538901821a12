// Reads the web client's test probe from a Playwright page, for the browser tests.
import type { Page } from "playwright-core";
import { PROBE_GLOBAL, type ProbedNode } from "../../../client/src/test-probe";

/** The nodes the open model view draws, read through the client's test probe; none when no model view is open. */
export function probedNodes(page: Page): Promise<ProbedNode[]> {
  return page.evaluate((name) => {
    const probe = (globalThis as Record<string, unknown>)[name] as { modelView: { nodes(): ProbedNode[] } | null };
    return probe.modelView ? probe.modelView.nodes() : [];
  }, PROBE_GLOBAL);
}
