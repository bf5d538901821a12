// Takes the README screenshots of the org page: a base-maker of the recorded data (HuggingFaceTB) and skt, whose
// A.X 4.0 is linked to Qwen/Qwen2.5-72B only by its card's prose (crawled from the replay with its card read).
// Run: npx tsx tests/e2e/screenshot-org.ts [docs-dir]
import { resolve } from "node:path";
import { crawl } from "../../crawler/crawl";
import { createHubClient } from "../../crawler/hub/hub-client";
import { startHubReplay } from "../../replay/hub-replay-server";
import { HAS_HUB_DATA, HUB_DATA } from "../helpers/hub-data";
import { buildReplayDb, loadReplayRecords } from "../helpers/replay-db";
import { buildClient } from "./helpers/build-client";
import { launchChromium } from "./helpers/launch-chromium";
import { serveClient } from "./helpers/serve-client";

const SHOTS: [path: string, file: string][] = [
  ["/org/HuggingFaceTB", "screenshot-org.png"],
  ["/org/skt?inferred=include", "screenshot-org-skt.png"],
];

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? resolve(__dirname, "../../docs"));
  if (!HAS_HUB_DATA) throw new Error(`the screenshots need the recorded Hub data at ${HUB_DATA}`);
  const replay = await startHubReplay({ data: HUB_DATA });
  const db = buildReplayDb(loadReplayRecords());
  await crawl({ seeds: ["skt/A.X-4.0"], cards: true }, { db, hub: createHubClient({ fetch, hubUrl: replay.url }) });
  const { server, baseUrl } = await serveClient(db, buildClient());
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    for (const [path, file] of SHOTS) {
      await page.goto(`${baseUrl}${path}`);
      await page
        .locator('[data-testid="org-view"]')
        .waitFor()
        .catch(async (error: unknown) => {
          throw new Error(`${path}: ${String(error)}\n${await page.locator("main").textContent()}`);
        });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: resolve(dir, file), fullPage: false });
      console.log(`wrote ${resolve(dir, file)}`);
    }
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
