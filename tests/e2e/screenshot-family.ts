// Takes the README screenshot: the family view of a real model (replay data) in the same Chromium as the tests.
// Run: npx tsx tests/e2e/screenshot-family.ts [model id] [output.png]
import { resolve } from "node:path";
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
    const url = `${baseUrl}/model/${id.split("/").map(encodeURIComponent).join("/")}`;
    await page.goto(url);
    await page
      .locator('[data-testid="graph-canvas"][data-ready="true"]')
      .waitFor({ state: "attached", timeout: 30_000 });
    await page.locator('[data-testid="details-panel"][data-loaded="true"]').waitFor();
    await page.locator('[data-testid="growth-chart"]').waitFor();
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
