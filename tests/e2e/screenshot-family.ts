// Takes the README screenshot: the family view of a real model (replay data) in the same Chromium as the tests.
// Run: npx tsx tests/e2e/screenshot-family.ts [model id] [output.png] [query, e.g. "?color=license"] [id to select]
import { resolve } from "node:path";
import { PROBE_GLOBAL, type LineageProbe } from "../../client/src/test-probe";
import { HAS_HUB_DATA, HUB_DATA } from "../helpers/hub-data";
import { buildReplayDb, loadReplayRecords, SMOLLM2_ROOT } from "../helpers/replay-db";
import { buildClient } from "./helpers/build-client";
import { launchChromium } from "./helpers/launch-chromium";
import { serveClient } from "./helpers/serve-client";

async function main(): Promise<void> {
  const id = process.argv[2] ?? SMOLLM2_ROOT;
  const output = resolve(process.argv[3] ?? resolve(__dirname, "../../docs/screenshot-family.png"));
  if (!HAS_HUB_DATA) throw new Error(`the screenshot needs the recorded Hub data at ${HUB_DATA}`);
  const db = buildReplayDb(loadReplayRecords());
  const { server, baseUrl } = await serveClient(db, buildClient());
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const url = `${baseUrl}/model/${id.split("/").map(encodeURIComponent).join("/")}${process.argv[4] ?? ""}`;
    await page.goto(url);
    await page
      .locator('[data-testid="graph-canvas"][data-ready="true"]')
      .waitFor({ state: "attached", timeout: 120_000 });
    await page.locator('[data-testid="details-panel"][data-loaded="true"]').waitFor();
    const select = process.argv[5];
    if (select) {
      // Click the node as a user would, where the view's probe says it is drawn, and wait for its panel.
      const at = await page.evaluate(
        ([name, node]) =>
          (globalThis as unknown as Record<string, LineageProbe>)[name].modelView?.nodeToViewport(node) ?? null,
        [PROBE_GLOBAL, select] as const,
      );
      if (!at) throw new Error(`screenshot: ${select} is not drawn in the view of ${id}`);
      const canvas = await page.getByTestId("graph-canvas").boundingBox();
      await page.mouse.click((canvas?.x ?? 0) + at.x, (canvas?.y ?? 0) + at.y);
      // Off the node again, so the picture shows the whole family rather than the hover's fade.
      await page.mouse.move((canvas?.x ?? 0) + 5, (canvas?.y ?? 0) + 5);
      await page.getByTestId("panel-title").filter({ hasText: select }).waitFor();
      await page.locator('[data-testid="details-panel"][data-loaded="true"]').waitFor();
    } else await page.locator('[data-testid="growth-chart"]').waitFor();
    await page.screenshot({ path: output });
    console.log(`wrote ${output} (${id})`);
  } finally {
    await browser.close();
    server.close();
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
