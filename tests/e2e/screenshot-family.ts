// Takes the README screenshots: the family view of a real model (replay data), or of a whole synthetic family
// (issue 11's shape), in the same Chromium as the tests.
// Run: npx tsx tests/e2e/screenshot-family.ts [model id | --synthetic N] [output.png] [query, e.g. "?color=license"]
import { resolve } from "node:path";
import { createSyntheticFamily, writeSyntheticFamily } from "../../bench/synthetic-family";
import { openDatabase, type Db } from "../../db/open-database";
import { HAS_HUB_DATA, HUB_DATA } from "../helpers/hub-data";
import { buildReplayDb, loadReplayRecords, SMOLLM2_ROOT } from "../helpers/replay-db";
import { buildClient } from "./helpers/build-client";
import { launchChromium } from "./helpers/launch-chromium";
import { serveClient } from "./helpers/serve-client";

const SYNTHETIC_ROOT = "Qwen/Synthetic-Base";
/** A whole synthetic family takes minutes to draw on a loaded machine with software GL. */
const DRAW_TIMEOUT = 900_000;

/** The database and the model to show: the recorded Hub data, or a synthetic family of `--synthetic N`. */
function openFamily(): { db: Db; id: string } {
  const synthetic = process.argv.indexOf("--synthetic");
  if (synthetic >= 0) {
    const db = openDatabase(":memory:");
    const derivatives = Number(process.argv[synthetic + 1]);
    writeSyntheticFamily(db, createSyntheticFamily(SYNTHETIC_ROOT, derivatives), "2026-12-01T00:00:00.000Z");
    return { db, id: SYNTHETIC_ROOT };
  }
  if (!HAS_HUB_DATA) throw new Error(`the screenshot needs the recorded Hub data at ${HUB_DATA}`);
  return { db: buildReplayDb(loadReplayRecords()), id: process.argv[2] ?? SMOLLM2_ROOT };
}

async function main(): Promise<void> {
  const isSynthetic = process.argv.includes("--synthetic");
  const output = resolve(process.argv[isSynthetic ? 4 : 3] ?? resolve(__dirname, "../../docs/screenshot-family.png"));
  const { db, id } = openFamily();
  const { server, baseUrl } = await serveClient(db, buildClient());
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const url = `${baseUrl}/model/${id.split("/").map(encodeURIComponent).join("/")}${process.argv[isSynthetic ? 5 : 4] ?? ""}`;
    await page.goto(url);
    await page
      .locator('[data-testid="graph-canvas"][data-ready="true"]')
      .waitFor({ state: "attached", timeout: DRAW_TIMEOUT });
    await page.locator('[data-testid="details-panel"][data-loaded="true"]').waitFor({ timeout: DRAW_TIMEOUT });
    await page.locator('[data-testid="children-list"][data-loaded="true"]').waitFor({ timeout: DRAW_TIMEOUT });
    await page.locator(".mix summary").click();
    await page.waitForTimeout(2000);
    await page.screenshot({ path: output });
    console.log(`wrote ${output} (${id}, ${await page.getByTestId("slice-summary").textContent()})`);
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
