// Takes the README screenshot of a whole synthetic family (issue 11's shape) in the same Chromium as the tests.
// Run: npx tsx tests/e2e/screenshot-synthetic-family.ts [derivatives] [output.png] [--discs]
import { resolve } from "node:path";
import { createSyntheticFamily, writeSyntheticFamily } from "../../bench/synthetic-family";
import { openDatabase } from "../../db/open-database";
import { buildClient } from "./helpers/build-client";
import { launchChromium } from "./helpers/launch-chromium";
import { serveClient } from "./helpers/serve-client";

const ROOT = "Qwen/Synthetic-Base";

async function main(): Promise<void> {
  const derivatives = Number(process.argv[2] ?? 150_000);
  const output = resolve(process.argv[3] ?? resolve(__dirname, "../../docs/screenshot-family-150k.png"));
  const db = openDatabase(":memory:");
  writeSyntheticFamily(db, createSyntheticFamily(ROOT, derivatives), "2026-12-01T00:00:00.000Z");
  const { server, baseUrl } = await serveClient(db, buildClient());
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${baseUrl}/model/${ROOT}`);
    await page
      .locator('[data-testid="graph-canvas"][data-ready="true"]')
      .waitFor({ state: "attached", timeout: 900_000 });
    await page.locator('[data-testid="details-panel"][data-loaded="true"]').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="children-list"][data-loaded="true"]').waitFor({ timeout: 120_000 });
    if (process.argv.includes("--discs")) await page.locator('[data-testid="toggle-subfamilies"]').check();
    await page.locator(".mix summary").click();
    await page.waitForTimeout(2000);
    await page.screenshot({ path: output });
    console.log(`wrote ${output} (${derivatives} derivatives)`);
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
