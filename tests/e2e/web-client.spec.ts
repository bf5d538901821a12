// Browser tests of the web client: Debian Chromium (playwright-core) against the real server over a database
// filled from the recorded Hub data, with one hostile model id added to prove Hub data is rendered as text.
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { PROBE_GLOBAL, type ProbedNode } from "../../client/src/test-probe";
import { rebuildDescendantCounts } from "../../db/counts/descendant-counts";
import { setParents } from "../../db/edges";
import { upsertModels } from "../../db/models";
import type { Db } from "../../db/open-database";
import type {
  FamiliesResponse,
  ModelDetail,
  OrgResponse,
  SearchHits,
  TopOrgsResponse,
} from "../../server/contract/types";
import { HUB_DATA_REQUIREMENT } from "../helpers/hub-data";
import { describeWithChromium } from "./helpers/describe-with-chromium";
import { modelInput, NOW } from "../helpers/lineage-db";
import { buildReplayDb, loadReplayRecords, SMOLLM2_ROOT } from "../helpers/replay-db";
import { buildClient } from "./helpers/build-client";
import { countPixelsNear, decodePng } from "./helpers/decode-png";
import { launchChromium } from "./helpers/launch-chromium";
import { openCheckedPage } from "./helpers/open-checked-page";
import { probedNodes } from "./helpers/probed-nodes";
import { serveClient } from "./helpers/serve-client";

/** Colours the client draws with (client/src/graph-style.ts); kept literal so a palette change must touch the test. */
const FOCUS_COLOR = "#e11d48";
const FINETUNE_COLOR = "#2563eb";
const ADAPTER_COLOR = "#ea8c00";
const BACKGROUND_COLOR = "#f8fafc";
const FADED_COLOR = "#e2e8f0";

const TREE_ROOT = "google/gemma-7b";
const HOSTILE_ID = "evil-org/<img src=x onerror=globalThis.__xss=1>";

describeWithChromium("web client in Chromium, served by createApp over the replay data", () => {
  let db: Db;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let closePage: () => Promise<string[]>;

  beforeAll(async () => {
    const clientDir = buildClient();
    db = buildReplayDb(loadReplayRecords());
    // A model whose id is markup, as a hostile or broken Hub record could carry, below a real tree root.
    upsertModels(db, [modelInput(HOSTILE_ID)], NOW);
    setParents(db, HOSTILE_ID, "tag", [{ id: TREE_ROOT, relation: "finetune", source: "tag", confidence: 1 }], NOW);
    rebuildDescendantCounts(db);
    ({ server, baseUrl } = await serveClient(db, clientDir));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    db?.close();
  });

  beforeEach(async () => {
    ({ page, close: closePage } = await openCheckedPage(browser));
  });

  afterEach(async () => {
    expect(await closePage()).toEqual([]);
  });

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  /**
   * Waits until the model view has painted its first frame of the current slice and sigma has taken over from the
   * quick 2D frame (the tests below are sigma's; the quick frame has its own).
   */
  async function waitForGraph(): Promise<void> {
    await page
      .locator('[data-testid="graph-canvas"][data-ready="true"]:not([data-renderer="quick"])')
      .waitFor({ state: "attached", timeout: 30_000 });
  }

  /** Models with derivatives far enough from every other model that a click cannot land on a neighbour. */
  function isolatedNodes(
    positions: { id: string; x: number; y: number; descendants: number }[],
    box: { width: number; height: number },
  ) {
    return positions
      .filter(
        (node) =>
          node.id !== SMOLLM2_ROOT &&
          node.descendants > 0 &&
          node.x > 20 &&
          node.y > 20 &&
          node.x < box.width - 20 &&
          node.y < box.height - 20 &&
          positions.every((other) => other === node || Math.hypot(other.x - node.x, other.y - node.y) > 14),
      )
      .sort((a, b) => b.descendants - a.descendants);
  }

  async function nodePositions(): Promise<{ id: string; x: number; y: number; descendants: number }[]> {
    return page.evaluate((name) => {
      const probe = (globalThis as Record<string, unknown>)[name] as {
        modelView: { nodes(): ProbedNode[]; nodeToViewport(id: string): { x: number; y: number } | null } | null;
      };
      const view = probe.modelView;
      if (!view) return [];
      return view
        .nodes()
        .map((node) => ({ id: node.id, descendants: node.descendants, ...view.nodeToViewport(node.id)! }));
    }, PROBE_GLOBAL);
  }

  async function canvasImage() {
    return decodePng(await page.getByTestId("graph-canvas").screenshot());
  }

  async function openModel(id: string, query = ""): Promise<void> {
    await page.goto(`${baseUrl}/model/${id.split("/").map(encodeURIComponent).join("/")}${query}`);
    await waitForGraph();
  }

  test("home shows totals and the largest families as the API ranks them", async () => {
    const families = await api<FamiliesResponse>("/api/families/top?limit=20");
    await page.goto(baseUrl);
    const rows = page.locator('[data-testid="top-families"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(families.items.length);
    expect(await rows.first().getAttribute("data-model-id")).toBe(families.items[0].id);
    await expect(page.getByTestId("totals").textContent()).resolves.toMatch(/models/);
  });

  test("an author link opens the org page, with what others built on the org as the API counts it", async () => {
    const top = await api<TopOrgsResponse>("/api/orgs/top?limit=10");
    await page.goto(baseUrl);
    const first = page.locator('[data-testid="top-orgs"] a.author-link').first();
    await first.waitFor();
    expect(await first.textContent()).toBe(top.items[0].author);
    await first.click();
    await page.locator('[data-testid="org-view"]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/org/${top.items[0].author}`);
    const org = await api<OrgResponse>(`/api/orgs/${top.items[0].author}`);
    const stats = page.getByTestId("org-derivatives");
    await expect(stats.textContent()).resolves.toContain(org.derivatives.total.toLocaleString("en-US"));

    // The details panel's author is a link too.
    await openModel(SMOLLM2_ROOT);
    await page.locator(".facts a.author-link").click();
    await page.locator('[data-testid="org-view"][data-author="HuggingFaceTB"]').waitFor();
    expect(await page.locator('[data-testid="org-models"] tbody tr').count()).toBeGreaterThan(0);
  });

  test("search as you type, then the keyboard opens a real model", async () => {
    await page.goto(baseUrl);
    const input = page.locator(".search-hero").getByTestId("search-input");
    const { items: hits } = await api<SearchHits>(`/api/search?q=${encodeURIComponent("gemma-7b")}&limit=8`);
    expect(hits.length).toBeGreaterThan(0);
    await input.fill("gemma-7b");
    const options = page.locator('.search-hero [role="option"]');
    await options.first().waitFor();
    expect(await options.count()).toBe(hits.length);
    await expect(input.getAttribute("aria-expanded")).resolves.toBe("true");

    await input.press("ArrowDown");
    await input.press("ArrowDown");
    const active = await input.getAttribute("aria-activedescendant");
    expect(await page.locator(`[id="${active}"]`).getAttribute("data-model-id")).toBe(hits[1].id);
    await input.press("ArrowUp");
    await input.press("Escape");
    await expect(input.getAttribute("aria-expanded")).resolves.toBe("false");
    await input.press("ArrowDown");
    await input.press("Enter");

    await page.waitForURL(`${baseUrl}/model/${hits[0].id}`);
    await waitForGraph();
    await expect(page.getByTestId("focus-title").textContent()).resolves.toBe(hits[0].id);
  });

  test("the model view draws the family: node colours on the WebGL canvas, not a blank page", async () => {
    await openModel(TREE_ROOT);
    const image = await canvasImage();
    const total = image.width * image.height;
    const background = countPixelsNear(image, BACKGROUND_COLOR, 6);
    expect(total - background).toBeGreaterThan(2_000);
    // The focus is drawn at least 12 px in radius; the tree's fine-tunes in the relation's blue.
    expect(countPixelsNear(image, FOCUS_COLOR)).toBeGreaterThan(150);
    expect(countPixelsNear(image, FINETUNE_COLOR)).toBeGreaterThan(200);
  });

  test("clicking a node opens its panel with the API's counts; double-click re-focuses", async () => {
    await openModel(SMOLLM2_ROOT);
    const positions = await nodePositions();
    const box = (await page.getByTestId("graph-canvas").boundingBox())!;
    const isolated = isolatedNodes(positions, box);
    expect(isolated.length).toBeGreaterThan(0);
    const target = isolated[0];
    await page.mouse.click(box.x + target.x, box.y + target.y);

    const panel = page.getByTestId("details-panel");
    await expect(panel.getByTestId("panel-title").textContent()).resolves.toBe(target.id);
    await panel.getByTestId("counts").waitFor();
    const detail = await api<ModelDetail>(`/api/models/${target.id}`);
    const shown = async (testId: string) => Number(await panel.getByTestId(testId).getAttribute("data-value"));
    for (const key of ["total", "finetune", "adapter", "quantized", "merge"] as const) {
      expect(await shown(`count-children-${key}`)).toBe(detail.children[key]);
      expect(await shown(`count-descendants-${key}`)).toBe(detail.descendants[key]);
    }
    expect(detail.descendants.total).toBe(target.descendants);
    expect(await panel.locator("[data-parent-id]").count()).toBe(detail.parents.length);
    expect(await panel.locator("a.hub-link").getAttribute("href")).toBe(detail.url);

    await page.mouse.dblclick(box.x + target.x, box.y + target.y);
    await page.waitForURL(`${baseUrl}/model/${target.id}`);
    await waitForGraph();
    await expect(page.getByTestId("focus-title").textContent()).resolves.toBe(target.id);
  });

  test("the first frame is a quick 2D view that hovers, clicks and zooms; sigma takes over its selection and camera", async () => {
    // Sigma's chunk is held back until the quick view has been tried.
    let release = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    await page.route(/\/assets\/sigma-graph-view-[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}/model/${SMOLLM2_ROOT}`);
    const canvas = page.locator('[data-testid="graph-canvas"][data-ready="true"]');
    await canvas.waitFor({ state: "attached", timeout: 30_000 });
    expect(await canvas.getAttribute("data-renderer")).toBe("quick");
    const image = await canvasImage();
    expect(countPixelsNear(image, FOCUS_COLOR)).toBeGreaterThan(150);
    expect(countPixelsNear(image, FINETUNE_COLOR)).toBeGreaterThan(200);

    const box = (await canvas.boundingBox())!;
    const positions = await nodePositions();
    const [target] = isolatedNodes(positions, box);
    expect(target).toBeDefined();
    // Hover fades all but the model's neighbourhood.
    const fadedBefore = countPixelsNear(image, FADED_COLOR, 3);
    await page.mouse.move(box.x + target.x, box.y + target.y);
    let fadedAfter = fadedBefore;
    for (let tries = 0; tries < 50 && fadedAfter <= fadedBefore + 500; tries++) {
      fadedAfter = countPixelsNear(await canvasImage(), FADED_COLOR, 3);
    }
    expect(fadedAfter).toBeGreaterThan(fadedBefore + 500);
    await page.mouse.click(box.x + target.x, box.y + target.y);
    const panel = page.getByTestId("details-panel");
    await expect(panel.getByTestId("panel-title").textContent()).resolves.toBe(target.id);
    // A wheel notch zooms in around the pointer: the model stays under it, the others move away from it.
    await page.mouse.wheel(0, -120);
    const zoomed = await nodePositions();
    const stayed = zoomed.find((node) => node.id === target.id)!;
    expect(Math.hypot(stayed.x - target.x, stayed.y - target.y)).toBeLessThan(2);
    const focusBefore = positions.find((node) => node.id === SMOLLM2_ROOT)!;
    const focusZoomed = zoomed.find((node) => node.id === SMOLLM2_ROOT)!;
    expect(Math.hypot(focusZoomed.x - target.x, focusZoomed.y - target.y)).toBeGreaterThan(
      1.2 * Math.hypot(focusBefore.x - target.x, focusBefore.y - target.y),
    );

    release();
    await page
      .locator('[data-testid="graph-canvas"][data-renderer="sigma"]')
      .waitFor({ state: "attached", timeout: 30_000 });
    expect(await page.locator(".graph-stage").count()).toBe(0);
    // Sigma shows the camera the quick view left: the same models at the same pixels.
    const after = await nodePositions();
    for (const node of [stayed, focusZoomed]) {
      const now = after.find((other) => other.id === node.id)!;
      expect(Math.hypot(now.x - node.x, now.y - node.y)).toBeLessThan(1);
    }
    await expect(panel.getByTestId("panel-title").textContent()).resolves.toBe(target.id);
    await page.mouse.dblclick(box.x + stayed.x, box.y + stayed.y);
    await page.waitForURL(`${baseUrl}/model/${target.id}`);
  });

  test("when the graph's chunk cannot be loaded, the quick view stays, clicks still open the panel, and it says so", async () => {
    await page.route(/\/assets\/family-graph-[\w-]+\.js$/, (route) => route.abort());
    await page.goto(`${baseUrl}/model/${SMOLLM2_ROOT}`);
    const canvas = page.locator('[data-testid="graph-canvas"][data-ready="true"]');
    await canvas.waitFor({ state: "attached", timeout: 30_000 });
    const notice = page.getByTestId("truncation-notice").getByRole("alert");
    await expect(notice.textContent({ timeout: 30_000 })).resolves.toMatch(/^Could not load the/);
    expect(await canvas.getAttribute("data-renderer")).toBe("quick");
    expect(countPixelsNear(await canvasImage(), FINETUNE_COLOR)).toBeGreaterThan(200);
    const box = (await canvas.boundingBox())!;
    const [target] = isolatedNodes(await nodePositions(), box);
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await expect(page.getByTestId("details-panel").getByTestId("panel-title").textContent()).resolves.toBe(target.id);
    await page.unroute(/\/assets\/family-graph-[\w-]+\.js$/);
  });

  test("a deep link survives a reload, and back/forward move between views", async () => {
    await page.goto(baseUrl);
    await page.locator('[data-testid="top-families"] tbody a').first().click();
    await waitForGraph();
    const url = page.url();
    const title = await page.getByTestId("focus-title").textContent();

    await page.reload();
    await waitForGraph();
    expect(page.url()).toBe(url);
    await expect(page.getByTestId("focus-title").textContent()).resolves.toBe(title);
    expect((await probedNodes(page)).length).toBeGreaterThan(1);

    await page.goBack();
    await page.locator('[data-testid="top-families"]').waitFor();
    await page.goForward();
    await waitForGraph();
    await expect(page.getByTestId("focus-title").textContent()).resolves.toBe(title);
  });

  test("unchecking a relation removes its models from the graph and the canvas, and stays in the URL", async () => {
    await openModel(SMOLLM2_ROOT);
    const before = await probedNodes(page);
    const adapters = before.filter((node) => node.relation === "adapter").length;
    expect(adapters).toBeGreaterThan(100);
    const adapterPixelsBefore = countPixelsNear(await canvasImage(), ADAPTER_COLOR);
    expect(adapterPixelsBefore).toBeGreaterThan(200);

    await page.getByTestId("filter-adapter").uncheck();
    await page.waitForURL(/relations=finetune%2Cquantized%2Cmerge|relations=finetune,quantized,merge/);
    await waitForGraph();
    const after = await probedNodes(page);
    expect(after.filter((node) => node.relation === "adapter")).toEqual([]);
    expect(after.length).toBeLessThanOrEqual(before.length - adapters);
    expect(countPixelsNear(await canvasImage(), ADAPTER_COLOR)).toBeLessThan(adapterPixelsBefore / 10);

    await page.reload();
    await waitForGraph();
    expect(await page.getByTestId("filter-adapter").isChecked()).toBe(false);
    expect((await probedNodes(page)).length).toBe(after.length);
  });

  test("a node whose children lie beyond the depth shown can be expanded in place", async () => {
    await openModel(SMOLLM2_ROOT, "?down=1");
    const before = await probedNodes(page);
    const expandable = before.filter((node) => node.hasHiddenChildren).sort((a, b) => b.descendants - a.descendants)[0];
    expect(expandable).toBeDefined();
    const detail = await api<ModelDetail>(`/api/models/${expandable.id}`);
    await page.locator(`[data-testid="truncation-notice"] [data-expand="${expandable.id}"]`).click();
    await page.waitForFunction(
      ([name, count]) => {
        const probe = (globalThis as Record<string, unknown>)[name as string] as {
          modelView: { nodes(): unknown[] } | null;
        };
        return (probe.modelView?.nodes().length ?? 0) > (count as number);
      },
      [PROBE_GLOBAL, before.length] as const,
    );
    const after = await probedNodes(page);
    const added = after.filter((node) => !before.some((known) => known.id === node.id));
    expect(added.length).toBeLessThanOrEqual(detail.children.total);
    expect(added.every((node) => node.generation === 2)).toBe(true);
  });

  test("an unknown model shows an error state, not a blank page", async () => {
    await page.goto(`${baseUrl}/model/no-such-org/no-such-model`);
    const overlay = page.getByTestId("graph-overlay");
    await page.locator('[data-testid="graph-overlay"][data-state="error"]').waitFor();
    await expect(overlay.textContent()).resolves.toContain("no-such-org/no-such-model");
  });

  test("a model id carrying markup is rendered as inert text everywhere", async () => {
    const injected = () => page.evaluate(() => (globalThis as { __xss?: unknown }).__xss ?? null);

    // In the graph and the panel of its parent's family.
    await openModel(TREE_ROOT);
    expect((await probedNodes(page)).some((node) => node.id === HOSTILE_ID)).toBe(true);

    // In search results.
    const input = page.getByTestId("search-input").first();
    await input.fill("onerror");
    const option = page.locator('[role="option"]').filter({ hasText: HOSTILE_ID });
    await option.waitFor();
    await expect(option.locator(".search-option-id").textContent()).resolves.toBe(HOSTILE_ID);

    // As a deep link: the title, the panel and the error all show it as text.
    await page.goto(`${baseUrl}/model/${HOSTILE_ID.split("/").map(encodeURIComponent).join("/")}`);
    await expect(page.getByTestId("focus-title").textContent()).resolves.toBe(HOSTILE_ID);
    await expect(page.getByTestId("panel-title").textContent()).resolves.toBe(HOSTILE_ID);
    await page.waitForTimeout(300);
    expect(await page.locator("img").count()).toBe(0);
    expect(await injected()).toBeNull();
  });
}, [HUB_DATA_REQUIREMENT]);
