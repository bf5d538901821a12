// Browser test of the whole-family view (issue 11): a 50,000-derivative synthetic family drawn whole, a sub-family
// closed into a disc and clicked open, and the panel's children list checked against the API.
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { createSyntheticFamily, writeSyntheticFamily } from "../../bench/synthetic-family";
import { PROBE_GLOBAL, type ProbedNode } from "../../client/src/test-probe";
import { openDatabase, type Db } from "../../db/open-database";
import type { DescendantsPage, Relation } from "../../server/contract/types";
import { buildClient } from "./helpers/build-client";
import { CHROMIUM_PATH, launchChromium } from "./helpers/launch-chromium";
import { openCheckedPage } from "./helpers/open-checked-page";
import { serveClient } from "./helpers/serve-client";

const ROOT = "Qwen/Synthetic-Base";
const DERIVATIVES = 50_000;
/** Building the family and drawing it take minutes on a loaded 2-core machine with software GL. */
const SLOW = 600_000;

const describeWithChromium = existsSync(CHROMIUM_PATH) ? describe : describe.skip;
if (!existsSync(CHROMIUM_PATH)) process.stderr.write(`SKIPPED whole-family view: no Chromium at ${CHROMIUM_PATH}\n`);

describeWithChromium("whole-family view of a 50,000-derivative synthetic family", () => {
  let db: Db;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let closePage: () => Promise<string[]>;

  beforeAll(async () => {
    const clientDir = buildClient();
    db = openDatabase(":memory:");
    writeSyntheticFamily(db, createSyntheticFamily(ROOT, DERIVATIVES), "2026-12-01T00:00:00.000Z");
    ({ server, baseUrl } = await serveClient(db, clientDir));
    browser = await launchChromium();
    ({ page, close: closePage } = await openCheckedPage(browser));
  }, SLOW);

  afterAll(async () => {
    if (closePage) expect(await closePage()).toEqual([]);
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    db?.close();
  });

  const started = Date.now();
  /** Progress on stderr: on a loaded machine this test takes minutes, and a time-out should say where. */
  const log = (step: string) => process.stderr.write(`whole-family: ${step} after ${Date.now() - started} ms\n`);
  const summary = async () => (await page.locator('[data-testid="slice-summary"]').textContent()) ?? "";
  const probed = (id: string) =>
    page.evaluate(
      ([name, node]) => {
        const probe = (globalThis as Record<string, unknown>)[name] as {
          modelView: { nodes(): ProbedNode[]; nodeToViewport(id: string): { x: number; y: number } | null };
        };
        return { nodes: probe.modelView.nodes(), at: probe.modelView.nodeToViewport(node) };
      },
      [PROBE_GLOBAL, id] as const,
    );

  test(
    "draws every model and link, closes sub-families into discs and opens one on click, with its children listed",
    async () => {
      await page.goto(`${baseUrl}/model/${ROOT}`);
      await page
        .locator('[data-testid="graph-canvas"][data-ready="true"]')
        .waitFor({ state: "attached", timeout: SLOW });
      log("first frame");
      expect(await summary()).toBe("50,001 models · 50,000 links shown");
      await expect(page.locator('[data-testid="truncation-notice"]').isHidden()).resolves.toBe(true);

      await page.locator('[data-testid="toggle-subfamilies"]').check();
      const grouped = await summary();
      const shownModels = (text: string) => Number(text.split(" models")[0].replaceAll(",", ""));
      expect(shownModels(grouped)).toBeLessThan(40_000);

      // The largest sub-family: its head has the most descendants among the first generation.
      const { nodes } = await probed(ROOT);
      const head = nodes.filter((node) => node.generation === 1).sort((a, b) => b.descendants - a.descendants)[0];
      // Discs are drawn above their first-ring neighbours: a click on the centre opens it.
      const { at } = await probed(head.id);
      const origin = await canvasOrigin();
      log("grouped, clicking the largest disc");
      await page.mouse.click(origin.x + at!.x, origin.y + at!.y);
      await expect(page.locator('[data-testid="panel-title"]').textContent()).resolves.toBe(head.id);
      for (let wait = 0; wait < 60 && (await summary()) === grouped; wait++) await page.waitForTimeout(500);
      expect(shownModels(await summary())).toBeGreaterThanOrEqual(shownModels(grouped) + head.descendants);

      // The panel's Model tree: the first relation's children, by downloads, as the API lists them.
      log("disc opened");
      const list = page.locator('[data-testid="children-list"][data-loaded="true"]');
      await list.waitFor({ timeout: 60_000 });
      const relation = (await page
        .locator('[data-testid="children-tabs"] [aria-selected="true"]')
        .getAttribute("data-relation")) as Relation;
      const listed = await list
        .locator("li")
        .evaluateAll((items) => items.map((li) => li.getAttribute("data-child-id")));
      const response = await fetch(
        `${baseUrl}/api/models/${head.id}/descendants?maxDepth=1&relation=${relation}&sort=downloads&limit=20`,
      );
      const expected = (await response.json()) as DescendantsPage;
      expect(listed).toEqual(expected.items.map((item) => item.id));
      expect(listed.length).toBeGreaterThan(0);
      const link = list.locator("li a").first();
      await expect(link.getAttribute("href")).resolves.toBe(`/model/${expected.items[0].id}`);
    },
    SLOW,
  );

  async function canvasOrigin(): Promise<{ x: number; y: number }> {
    const box = await page.locator('[data-testid="graph-canvas"]').boundingBox();
    return { x: box?.x ?? 0, y: box?.y ?? 0 };
  }
});
