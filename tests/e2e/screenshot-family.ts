// Takes the README screenshots: the family view of a real model (replay data), or of a whole synthetic family
// (issue 11's shape), in the same Chromium as the tests.
// Run: npx tsx tests/e2e/screenshot-family.ts [model id | --synthetic N [--licenses]] [output.png] [query, e.g.
// "?color=license"] (--help says more)
import { resolve } from "node:path";
import { createSyntheticFamily, licenseSyntheticFamily, writeSyntheticFamily } from "../../bench/synthetic-family";
import { openDatabase, type Db } from "../../db/open-database";
import { HAS_HUB_DATA, HUB_DATA } from "../helpers/hub-data";
import { buildReplayDb, loadReplayRecords, SMOLLM2_ROOT } from "../helpers/replay-db";
import { buildClient } from "./helpers/build-client";
import { launchChromium } from "./helpers/launch-chromium";
import { serveClient } from "./helpers/serve-client";

const HELP = `Takes a screenshot of the family view in Chromium.
usage: npx tsx tests/e2e/screenshot-family.ts [MODEL_ID | --synthetic N [--licenses]] [OUTPUT.png] [QUERY]
  MODEL_ID        a model of the recorded Hub data (default: the SmolLM2 root)
  --synthetic N   a whole synthetic family of N derivatives (issue 11's shape) instead
  --licenses      with --synthetic: licences that change along the lineage (1 derivative in 20 differs from its parent)
  OUTPUT.png      default docs/screenshot-family.png
  QUERY           appended to the page's URL, e.g. "?color=license" (colour by licence)`;
const SYNTHETIC_ROOT = "Qwen/Synthetic-Base";
const NOW = "2026-12-01T00:00:00.000Z";
const args = process.argv.slice(2).filter((arg) => arg !== "--licenses");
const isSynthetic = args.includes("--synthetic");
/** A whole synthetic family takes minutes to draw on a loaded machine with software GL. */
const DRAW_TIMEOUT = 900_000;

/** The database and the model to show: the recorded Hub data, or a synthetic family of `--synthetic N`. */
function openFamily(): { db: Db; id: string } {
  if (isSynthetic) {
    const db = openDatabase(":memory:");
    const family = createSyntheticFamily(SYNTHETIC_ROOT, Number(args[args.indexOf("--synthetic") + 1]));
    writeSyntheticFamily(db, family, NOW);
    if (process.argv.includes("--licenses")) licenseSyntheticFamily(db, family, NOW);
    return { db, id: SYNTHETIC_ROOT };
  }
  if (!HAS_HUB_DATA) throw new Error(`the screenshot needs the recorded Hub data at ${HUB_DATA}`);
  return { db: buildReplayDb(loadReplayRecords()), id: args[0] ?? SMOLLM2_ROOT };
}

async function main(): Promise<void> {
  if (process.argv.includes("--help")) {
    console.log(HELP);
    return;
  }
  const output = resolve(args[isSynthetic ? 2 : 1] ?? resolve(__dirname, "../../docs/screenshot-family.png"));
  const { db, id } = openFamily();
  const { server, baseUrl } = await serveClient(db, buildClient());
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const url = `${baseUrl}/model/${id.split("/").map(encodeURIComponent).join("/")}${args[isSynthetic ? 3 : 2] ?? ""}`;
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
