// Takes the README screenshot of the live "New forks" view: a replay of the recorded Hub reveals the models created
// after a cutoff, watchOnce records them under tracked families, Chromium shows the feed.
// Run: npx tsx tests/e2e/screenshot-forks.ts [output.png]
import { resolve } from "node:path";
import { createHubClient } from "../../crawler/hub/hub-client";
import { watchOnce } from "../../crawler/watch/watch-once";
import { openDatabase } from "../../db/open-database";
import { trackFamily } from "../../db/tracked-families";
import { startHubReplay } from "../../replay/hub-replay-server";
import { HAS_HUB_DATA, HUB_DATA } from "../helpers/hub-data";
import { SMOLLM2_ROOT } from "../helpers/replay-db";
import { buildClient } from "./helpers/build-client";
import { launchChromium } from "./helpers/launch-chromium";
import { serveClient } from "./helpers/serve-client";

const FAMILIES = [SMOLLM2_ROOT, "google/gemma-7b"];
const CUTOFFS = ["2025-02-15T00:00:00.000Z", "2025-07-31T00:00:00.000Z"];

async function main(): Promise<void> {
  const output = resolve(process.argv[2] ?? resolve(__dirname, "../../docs/screenshot-forks.png"));
  if (!HAS_HUB_DATA) throw new Error(`the screenshot needs the recorded Hub data at ${HUB_DATA}`);
  const replay = await startHubReplay({ data: HUB_DATA });
  const db = openDatabase(":memory:");
  const { server, baseUrl } = await serveClient(db, buildClient());
  const browser = await launchChromium();
  try {
    for (const family of FAMILIES) trackFamily(db, family, "track", CUTOFFS[0]);
    for (const cutoff of CUTOFFS) {
      replay.setCutoff(cutoff);
      await watchOnce({ db, hub: createHubClient({ fetch, hubUrl: replay.url }) });
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${baseUrl}/forks`);
    await page.locator('[data-testid="forks-status"][data-state="live"]').waitFor();
    await page.screenshot({ path: output });
    console.log(`wrote ${output}`);
  } finally {
    await browser.close();
    server.close();
    db.close();
    await replay.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
