// Browser tests of the live "New forks" view (a replay Hub reveals models, watchOnce records them, the open page
// shows them without a reload) and of inferred lineage in the model view (evidence in the panel as text, counts
// that take the inferred link in only when the switch is on). Chromium via playwright-core, like web-client.spec.
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { createHubClient } from "../../crawler/hub/hub-client";
import { watchOnce } from "../../crawler/watch/watch-once";
import { rebuildDescendantCounts } from "../../db/counts/descendant-counts";
import { setParents } from "../../db/edges";
import { upsertModels } from "../../db/models";
import { openDatabase, type Db } from "../../db/open-database";
import { trackFamily } from "../../db/tracked-families";
import type { ForksPage, ModelDetail } from "../../server/contract/types";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import type { HubStore } from "../../replay/hub-store";
import { modelInput, NOW } from "../helpers/lineage-db";
import { buildClient } from "./helpers/build-client";
import { describeWithChromium } from "./helpers/describe-with-chromium";
import { launchChromium } from "./helpers/launch-chromium";
import { openCheckedPage } from "./helpers/open-checked-page";
import { probedNodes } from "./helpers/probed-nodes";
import { serveClient } from "./helpers/serve-client";

const T1 = "2025-06-01T00:00:00.000Z";
const T2 = "2026-06-30T00:00:00.000Z";
/** Rows the forks view shows (client/src/forks-view.ts FORKS_SHOWN). */
const FIRST_PAGE = 100;

/** The page's document inside page.waitForFunction (this project's Node typings have no DOM; the callbacks run in the
 *  page, so each one casts globalThis itself). */
interface PageDocument {
  querySelectorAll(selector: string): { length: number };
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

/**
 * Among bases already public at T1 whose whole family at T2 fits on the view's first page (the first poll records the
 * family as it was at T1, the second adds the revealed ones), the one with the most descendants created in (T1, T2].
 */
function liveliestFamily(store: HubStore): { root: string; revealed: number } {
  const t1 = Date.parse(T1);
  const t2 = Date.parse(T2);
  const children = new Map<number, number[]>();
  const bases: number[] = [];
  for (let i = 0; i < store.size; i++) {
    if (store.createdAtMs(i) > t2) continue;
    const parents = store.declaredParents(i).filter((parent) => parent.index >= 0);
    if (parents.length === 0 && store.createdAtMs(i) <= t1) bases.push(i);
    for (const parent of parents) children.set(parent.index, [...(children.get(parent.index) ?? []), i]);
  }
  let best = { root: "", revealed: -1 };
  for (const base of bases) {
    const seen = new Set<number>([base]);
    const queue = [base];
    let revealed = 0;
    let total = 0;
    while (queue.length > 0) {
      for (const child of children.get(queue.shift()!) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        queue.push(child);
        total++;
        if (store.createdAtMs(child) > t1) revealed++;
      }
    }
    if (total < FIRST_PAGE && revealed > best.revealed) best = { root: store.id(base), revealed };
  }
  return best;
}

describeWithChromium("the web client's live forks view and inferred lineage, in Chromium", () => {
  let clientDir: string;
  let browser: Browser;
  let page: Page;
  let closePage: () => Promise<string[]>;

  beforeAll(async () => {
    clientDir = buildClient();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    ({ page, close: closePage } = await openCheckedPage(browser));
  });

  afterEach(async () => {
    expect(await closePage()).toEqual([]);
  });

  describe("New forks, fed by watchOnce over a replay Hub with a moving cutoff", () => {
    let replay: HubReplay;
    let db: Db;
    let server: Server;
    let baseUrl: string;
    let family: { root: string; revealed: number };

    beforeAll(async () => {
      replay = await startHubReplay({ synthetic: { models: 600, seed: 7 } });
      family = liveliestFamily(replay.store);
      db = openDatabase(":memory:");
      trackFamily(db, family.root, "track", NOW);
      replay.setCutoff(T1);
      // The first poll stores the Hub as it was at T1; what it records is the page's starting state.
      await watchOnce({ db, hub: createHubClient({ fetch, hubUrl: replay.url }) });
      ({ server, baseUrl } = await serveClient(db, clientDir));
    }, 120_000);

    afterAll(async () => {
      await new Promise((done) => (server ? server.close(done) : done(undefined)));
      await replay?.close();
      db?.close();
    });

    async function apiForks(query: string): Promise<ForksPage> {
      const response = await fetch(`${baseUrl}/api/forks?${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as ForksPage;
    }

    const shownModels = () =>
      page
        .locator('[data-testid="fork-row"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-model-id")));

    test("forks revealed on the Hub appear in the open view without a reload", async () => {
      // Enough revealed forks to see several rows arrive, few enough that none scrolls out of the newest 100.
      expect(family.revealed).toBeGreaterThanOrEqual(3);
      const query = new URLSearchParams({ root: family.root }).toString();
      const before = await apiForks(`${query}&limit=${FIRST_PAGE}`);

      await page.goto(baseUrl);
      await page.getByTestId("nav-forks").click();
      await page.waitForURL(`${baseUrl}/forks`);
      await page.goto(`${baseUrl}/forks?${query}`);
      await page.locator('[data-testid="forks-status"][data-state="live"]').waitFor();
      expect(await shownModels()).toEqual(before.items.map((item) => item.model));
      // A mark on the window: a reload or navigation would wipe it.
      await page.evaluate(() => ((globalThis as { __sameDocument?: boolean }).__sameDocument = true));

      replay.setCutoff(T2);
      const poll = await watchOnce({ db, hub: createHubClient({ fetch, hubUrl: replay.url }) });
      const revealed = poll.events.filter((event) => event.type === "fork" && event.root === family.root);
      expect(revealed.length).toBeGreaterThanOrEqual(3);
      const after = await apiForks(`${query}&limit=${FIRST_PAGE}`);
      expect(after.items.length).toBe(before.items.length + revealed.length);
      expect(after.items.length).toBeLessThan(FIRST_PAGE);

      const newest = after.items[0].model;
      await page.locator(`[data-testid="fork-row"][data-model-id="${newest}"]`).waitFor({ timeout: 20_000 });
      expect(await shownModels()).toEqual(after.items.map((item) => item.model));
      expect(await page.locator('[data-testid="fork-row"].is-new').count()).toBe(
        after.items.length - before.items.length,
      );
      expect(await page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      expect(page.url()).toBe(`${baseUrl}/forks?${query}`);
    }, 60_000);

    test("the relation filter narrows the rows as the API does and stays in the URL; the home page lists recent forks", async () => {
      const all = await apiForks(`limit=${FIRST_PAGE}`);
      const relation = all.items.find((item) => item.relation !== null)!.relation!;
      const filtered = await apiForks(`relation=${relation}&limit=${FIRST_PAGE}`);
      await page.goto(`${baseUrl}/forks`);
      await page.locator('[data-testid="forks-status"][data-state="live"]').waitFor();
      await page.getByTestId("forks-relation").selectOption(relation);
      await page.waitForURL(`${baseUrl}/forks?relation=${relation}`);
      await page.waitForFunction(
        (count) =>
          (globalThis as unknown as { document: PageDocument }).document.querySelectorAll('[data-testid="fork-row"]')
            .length === count,
        filtered.items.length,
      );
      expect(await shownModels()).toEqual(filtered.items.map((item) => item.model));

      await page.goto(baseUrl);
      const recent = page.locator('[data-testid="recent-forks"] li[data-model-id]');
      await recent.first().waitFor();
      expect(await recent.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-model-id")))).toEqual(
        all.items.slice(0, 10).map((item) => item.model),
      );
    }, 60_000);
  });

  describe("inferred lineage: drawn apart, explained in the panel, counted only when asked", () => {
    const BASE = "org/base-7b";
    const DECLARED = "org/base-7b-instruct";
    const UNDATED = "org/base-7b-old";
    const INFERRED = "skt/undeclared-72b";
    const EVIDENCE = 'Built on the open-source <b onmouseover="globalThis.__xss=1">base-7b</b> model';
    let db: Db;
    let server: Server;
    let baseUrl: string;

    beforeAll(async () => {
      db = openDatabase(":memory:");
      upsertModels(
        db,
        [
          modelInput({ id: BASE, createdAt: "2024-01-10T00:00:00.000Z" }),
          modelInput({ id: DECLARED, createdAt: "2024-03-05T00:00:00.000Z" }),
          modelInput({ id: UNDATED, createdAt: "2022-03-02T23:29:04.000Z" }),
          modelInput({ id: INFERRED, createdAt: "2024-04-20T00:00:00.000Z" }),
        ],
        NOW,
      );
      setParents(db, DECLARED, "tag", [{ id: BASE, relation: "finetune", source: "tag", confidence: 1 }], NOW);
      setParents(db, UNDATED, "tag", [{ id: BASE, relation: "finetune", source: "tag", confidence: 1 }], NOW);
      setParents(
        db,
        INFERRED,
        "inferred",
        [
          {
            id: BASE,
            relation: "finetune",
            source: "inferred",
            confidence: 0.82,
            evidence: [
              { kind: "phrase", text: EVIDENCE },
              { kind: "link", text: `huggingface.co/${BASE}` },
            ],
          },
        ],
        NOW,
      );
      rebuildDescendantCounts(db);
      ({ server, baseUrl } = await serveClient(db, clientDir));
    });

    afterAll(async () => {
      await new Promise((done) => (server ? server.close(done) : done(undefined)));
      db?.close();
    });

    async function detail(id: string, query = ""): Promise<ModelDetail> {
      return (await (await fetch(`${baseUrl}/api/models/${id}${query}`)).json()) as ModelDetail;
    }

    const probedIds = async () => (await probedNodes(page)).map((node) => node.id).sort();

    const shownCount = async (testId: string) =>
      Number(await page.getByTestId("details-panel").getByTestId(testId).getAttribute("data-value"));

    test("the inferred parent's confidence and evidence show as text in the child's panel", async () => {
      await page.goto(`${baseUrl}/model/${INFERRED}`);
      const parent = page.locator(`[data-testid="details-panel"] [data-parent-id="${BASE}"]`);
      await parent.waitFor();
      expect(await parent.getAttribute("data-source")).toBe("inferred");
      await expect(parent.textContent()).resolves.toMatch(/inferred, 82% confidence · not counted/);
      const items = parent.locator('[data-testid="evidence"] li');
      expect(await items.count()).toBe(2);
      await expect(items.first().locator(".evidence-kind").textContent()).resolves.toBe("phrase");
      await expect(items.first().locator("q").textContent()).resolves.toBe(EVIDENCE);
      expect(await parent.locator("b").count()).toBe(0);
      await items.first().hover();
      expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss ?? null)).toBeNull();
    });

    test("counts and the graph leave the inferred child out until the switch is on; undated children are not a spike", async () => {
      const declared = await detail(BASE);
      const included = await detail(BASE, "?inferred=include");
      expect(included.descendants.total).toBe(declared.descendants.total + 1);

      await page.goto(`${baseUrl}/model/${BASE}`);
      await page.locator('[data-testid="graph-canvas"][data-ready="true"]').waitFor({ state: "attached" });
      await page.getByTestId("details-panel").getByTestId("counts").waitFor();
      expect(await shownCount("count-descendants-total")).toBe(declared.descendants.total);
      expect(await shownCount("count-children-finetune")).toBe(declared.children.finetune);
      expect(await probedIds()).toEqual([BASE, DECLARED, UNDATED].sort());
      // The placeholder-dated child is counted apart, and the chart holds only the dated one.
      expect(await shownCount("growth-unknown")).toBe(1);
      const months = await page
        .locator('[data-testid="growth-chart"] g[data-month]')
        .evaluateAll((groups) =>
          groups.filter((g) => Number(g.getAttribute("data-total")) > 0).map((g) => g.getAttribute("data-month")),
        );
      expect(months).toEqual(["2024-03"]);

      await page.getByTestId("toggle-inferred").check();
      await page.waitForURL(`${baseUrl}/model/${BASE}?inferred=include`);
      await page.waitForFunction(
        (value) =>
          (globalThis as unknown as { document: PageDocument }).document
            .querySelector('[data-testid="details-panel"] [data-testid="count-descendants-total"]')
            ?.getAttribute("data-value") === String(value),
        included.descendants.total,
      );
      expect(await shownCount("count-children-finetune")).toBe(included.children.finetune);
      await page.locator('[data-testid="graph-canvas"][data-ready="true"]').waitFor({ state: "attached" });
      expect(await probedIds()).toEqual([BASE, DECLARED, INFERRED, UNDATED].sort());

      await page.reload();
      await page.locator('[data-testid="graph-canvas"][data-ready="true"]').waitFor({ state: "attached" });
      expect(await page.getByTestId("toggle-inferred").isChecked()).toBe(true);
      expect(await probedIds()).toEqual([BASE, DECLARED, INFERRED, UNDATED].sort());
    });
  });
});
