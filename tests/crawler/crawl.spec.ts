// The crawl engine against an in-memory Hub: walks, depth, freshness, renames, cards, refusals, plans, resumes, and
// parents inferred from cards.
import { openDatabase, type Db } from "../../db/open-database";
import { exportGraph } from "../../db/export/export";
import { getLastRun, getRun } from "../../db/runs";
import { listTrackedFamilies } from "../../db/tracked-families";
import { canonicalId } from "../../db/aliases";
import { countProblems } from "../../db/problems";
import { getModel } from "../../db/models";
import { getDescendantCounts } from "../../db/counts/descendant-counts";
import { crawl, CrawlOptionsError, type CrawlOptions } from "../../crawler/crawl";
import { setHubSize } from "../../crawler/crawl-run-state";
import { MAX_EMPTY_PAGES } from "../../crawler/listing-guard";
import { HubRequestError } from "../../crawler/hub/hub-fetch";
import { createFakeHub, hubRecord, type FakeHub } from "../helpers/fake-hub-client";
import type { ListedRecord } from "../../crawler/hub/hub-client";

const T0 = new Date("2025-03-01T00:00:00.000Z");
const clock = () => T0;

/** up/Base -> root/A -> {org/B, org/C}; org/B -> {org/D, org/M}; other/X -> org/M (merge); org/D -> org/E. */
function family(): ListedRecord[] {
  return [
    hubRecord("up/Base"),
    hubRecord("root/A", [["up/Base", "finetune"]]),
    hubRecord("org/B", [["root/A", "finetune"]]),
    hubRecord("org/C", [["root/A", "adapter"]]),
    hubRecord("org/D", [["org/B", "quantized"]]),
    hubRecord("org/M", [
      ["org/B", "merge"],
      ["other/X", "merge"],
    ]),
    hubRecord("org/E", [["org/D", "finetune"]]),
    hubRecord("other/X"),
    hubRecord("other/Y", [["other/X", "finetune"]]),
  ];
}

function exportText(db: Db): string {
  return [...exportGraph(db, { format: "jsonl" })].join("");
}

function exported(db: Db) {
  const lines = exportText(db)
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  return {
    models: lines
      .filter((l) => l.type === "model")
      .map((l) => l.id as string)
      .sort(),
    edges: lines
      .filter((l) => l.type === "edge")
      .map((l) => `${l.parent}>${l.child}:${l.relation}:${l.source}`)
      .sort(),
  };
}

async function run(db: Db, hub: FakeHub, options: Partial<CrawlOptions> = {}, now = clock) {
  return crawl({ seeds: ["root/A"], concurrency: 1, ...options }, { db, hub, now });
}

const FAMILY_EDGES = [
  "org/B>org/D:quantized:tag",
  "org/B>org/M:merge:tag",
  "org/D>org/E:finetune:tag",
  "other/X>org/M:merge:tag",
  "root/A>org/B:finetune:tag",
  "root/A>org/C:adapter:tag",
  "up/Base>root/A:finetune:tag",
];

describe("crawl", () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(":memory:");
  });
  afterEach(() => db.close());

  it("walks up to the roots and down through every derivative, edges from each child's tags", async () => {
    const hub = createFakeHub(family());
    const summary = await run(db, hub);
    expect(exported(db)).toEqual({
      models: ["org/B", "org/C", "org/D", "org/E", "org/M", "root/A", "up/Base"],
      edges: FAMILY_EDGES,
    });
    // One listing per model reached, one record per model climbed through; no per-child record.
    expect(hub.count("children")).toBe(6);
    expect(hub.count("record")).toBe(2);
    expect(hub.count("card")).toBe(0);
    expect(summary).toMatchObject({ status: "done", models: 7, edges: 7, resumedRunId: null });
    expect(summary.plan?.kind).toBe("walk");
    expect(getRun(db, summary.runId)).toMatchObject({ status: "done", models: 7, edges: 7, command: "crawl" });
    expect(listTrackedFamilies(db).map((f) => f.id)).toEqual(["root/A"]);
  });

  it("down reads only the seed's own record; up lists nothing", async () => {
    const down = createFakeHub(family());
    await run(db, down, { direction: "down" });
    expect(down.calls.filter((c) => c.kind === "record").map((c) => c.id)).toEqual(["root/A"]);
    expect(down.count("children")).toBe(6);

    const upDb = openDatabase(":memory:");
    const up = createFakeHub(family());
    const summary = await run(upDb, up, { direction: "up" });
    expect(up.count("children")).toBe(0);
    expect(exported(upDb).models).toEqual(["root/A", "up/Base"]);
    expect(summary.plan).toBeNull();
    upDb.close();
  });

  it("stops at the depth limit: children of the seed stored, not listed", async () => {
    const hub = createFakeHub(family());
    await run(db, hub, { depth: 1 });
    expect(hub.calls.filter((c) => c.kind === "children").map((c) => c.id)).toEqual(["root/A"]);
    expect(exported(db).models).toEqual(["org/B", "org/C", "root/A", "up/Base"]);
  });

  it("does not list fresh models again unless asked to refresh", async () => {
    await run(db, createFakeHub(family()));
    const again = createFakeHub(family());
    const later = () => new Date(T0.getTime() + 3600_000);
    const summary = await run(db, again, {}, later);
    // The seed's record is always read (its children count plans the crawl); nothing else is asked for.
    expect(again.calls.map((c) => `${c.kind}:${c.id}`)).toEqual(["record:root/A"]);
    expect(summary.edges).toBe(0);

    const refreshed = createFakeHub(family());
    await run(db, refreshed, { refresh: true }, later);
    expect(refreshed.count("children")).toBe(6);
    expect(refreshed.count("record")).toBe(2);
  });

  it("resumes after a crash at any request: identical export, no request repeated", async () => {
    const full = createFakeHub(family(), { pageSize: 1 });
    await run(db, full);
    const expected = exportText(db);
    const total = full.calls.length;
    expect(total).toBeGreaterThan(8);

    for (let crashAt = 1; crashAt <= total; crashAt++) {
      const fresh = openDatabase(":memory:");
      const hub = createFakeHub(family(), { pageSize: 1 });
      hub.beforeAnswer = (_call, n) => {
        if (n === crashAt) throw new Error("connection reset");
      };
      await expect(run(fresh, hub)).rejects.toThrow("connection reset");
      expect(getLastRun(fresh, "crawl")?.status).toBe("failed");
      hub.beforeAnswer = null;
      const summary = await run(fresh, hub);
      expect(summary.resumedRunId).not.toBeNull();
      expect(exportText(fresh)).toBe(expected);
      // Every answered page was committed with its cursor: only the failed request is made twice.
      expect(hub.calls.length).toBe(total + 1);
      fresh.close();
    }
  });

  it("resumes a sweep after a crash at any request: identical export and counts, no page asked twice", async () => {
    const full = createFakeHub(family(), { pageSize: 2 });
    await run(db, full, { plan: "sweep" });
    const expected = exportText(db);
    const expectedCounts = getDescendantCounts(db, "root/A");
    expect(expectedCounts.total).toBe(5);
    const total = full.calls.length;
    expect(full.count("sweep")).toBe(5);

    for (let crashAt = 1; crashAt <= total; crashAt++) {
      const fresh = openDatabase(":memory:");
      const hub = createFakeHub(family(), { pageSize: 2 });
      hub.beforeAnswer = (_call, n) => {
        if (n === crashAt) throw new Error("connection reset");
      };
      await expect(run(fresh, hub, { plan: "sweep" })).rejects.toThrow("connection reset");
      // What was staged before the crash is merged when the sweep stops, not left unseen until the rerun.
      expect(fresh.prepare("SELECT count(*) FROM sweep_pages").pluck().get()).toBe(0);
      hub.beforeAnswer = null;
      const summary = await run(fresh, hub, { plan: "sweep" });
      expect(summary.resumedRunId).not.toBeNull();
      expect(exportText(fresh)).toBe(expected);
      expect(getDescendantCounts(fresh, "root/A")).toEqual(expectedCounts);
      // Each answered page was staged with its cursor: only the failed request is made twice, even though the
      // sweep asks for the next page before storing the current one.
      expect(hub.calls.length).toBe(total + 1);
      fresh.close();
    }
  });

  it("stores what an interrupted sweep staged, and the same command finishes it", async () => {
    const hub = createFakeHub(family(), { pageSize: 2 });
    const controller = new AbortController();
    hub.beforeAnswer = (call) => {
      if (call.kind === "sweep" && call.cursor !== null) controller.abort();
    };
    const first = await crawl(
      { seeds: ["root/A"], concurrency: 1, plan: "sweep" },
      { db, hub, now: clock, signal: controller.signal },
    );
    expect(first.status).toBe("interrupted");
    // An interrupted sweep merges what it staged: the first page's models are stored already.
    expect(first.models).toBeGreaterThan(0);
    expect(getModel(db, "org/B")).not.toBeNull();
    expect(getModel(db, "other/Y")).toBeNull();
    hub.beforeAnswer = null;
    const second = await run(db, hub, { plan: "sweep" });
    expect(second).toMatchObject({ status: "done", resumedRunId: first.runId });
    const reference = openDatabase(":memory:");
    await run(reference, createFakeHub(family(), { pageSize: 2 }), { plan: "sweep" });
    expect(exportText(db)).toBe(exportText(reference));
    expect(exported(db).edges).toEqual([...FAMILY_EDGES, "other/X>other/Y:finetune:tag"].sort());
    expect(getDescendantCounts(db, "root/A").total).toBe(5);
    reference.close();
  });

  it("stops between requests when its signal aborts, and a rerun finishes the same run", async () => {
    const hub = createFakeHub(family());
    const controller = new AbortController();
    hub.beforeAnswer = (_call, n) => {
      if (n === 3) controller.abort();
    };
    const first = await crawl(
      { seeds: ["root/A"], concurrency: 1 },
      { db, hub, now: clock, signal: controller.signal },
    );
    expect(first.status).toBe("interrupted");
    expect(getRun(db, first.runId)?.status).toBe("interrupted");
    hub.beforeAnswer = null;
    const second = await run(db, hub);
    expect(second).toMatchObject({ status: "done", resumedRunId: first.runId });
    expect(exported(db).edges).toEqual(FAMILY_EDGES);
    expect(hub.calls.length).toBe(8);
  });

  it("follows a renamed seed: stored under the new id, the old one an alias", async () => {
    const records = family().map((r) => (r.id === "root/A" ? { ...r, id: "root/A-v2" } : r));
    const hub = createFakeHub(records, { renames: { "root/A": "root/A-v2" } });
    await run(db, hub);
    expect(canonicalId(db, "root/A")).toBe("root/A-v2");
    expect(getModel(db, "root/A-v2")).not.toBeNull();
    expect(listTrackedFamilies(db).map((f) => f.id)).toEqual(["root/A-v2"]);
    // Its children still name the old id in their tags: the old id is listed too, and the alias maps the edges.
    expect(
      hub.calls
        .filter((c) => c.kind === "children")
        .map((c) => c.id)
        .slice(0, 2),
    ).toEqual(["root/A", "root/A-v2"]);
    expect(exported(db).edges).toEqual(
      FAMILY_EDGES.map((edge) => edge.replace(/root\/A>/, "root/A-v2>").replace(/>root\/A:/, ">root/A-v2:")),
    );
    // Listing the old id leaves no model row under it: it is an alias, not a second, empty model.
    expect(exported(db).models).not.toContain("root/A");
  });

  it("reads a card only where cardData claims parents the tags lack, or with --cards", async () => {
    const records = [
      ...family(),
      hubRecord("org/Claim", [], { cardData: { base_model: "root/A" }, tags: ["transformers"] }),
      hubRecord("org/Child", [["org/Claim", "finetune"]]),
    ];
    const card = "---\nbase_model: [root/A, org/C]\n---\n# Claim\n";
    const hub = createFakeHub(records, { cards: { "org/Claim": card } });
    await crawl({ seeds: ["org/Child"], concurrency: 1 }, { db, hub, now: clock });
    expect(hub.calls.filter((c) => c.kind === "card").map((c) => c.id)).toEqual(["org/Claim"]);
    expect(exported(db).edges).toEqual(
      expect.arrayContaining([
        "root/A>org/Claim:merge:card",
        "org/C>org/Claim:merge:card",
        "org/Claim>org/Child:finetune:tag",
      ]),
    );

    const all = createFakeHub(family());
    const cardsDb = openDatabase(":memory:");
    await run(cardsDb, all, { cards: true });
    expect(all.count("card")).toBe(7);
    expect(countProblems(cardsDb, { kind: "no-card" })).toBe(7);
    cardsDb.close();
  });

  it("files a refused listing as a problem and goes on", async () => {
    const hub = createFakeHub(family());
    hub.beforeAnswer = (call) => {
      if (call.kind === "children" && call.id === "org/B") {
        throw new HubRequestError("http-status", 403, "https://example.invalid/api/models?filter=base_model:org/B", 1);
      }
    };
    const summary = await run(db, hub);
    expect(summary.status).toBe("done");
    expect(countProblems(db, { kind: "request-refused", modelId: "org/B" })).toBe(1);
    expect(exported(db).models).toEqual(["org/B", "org/C", "root/A", "up/Base"]);
  });

  it("records a seed the Hub does not know as a problem and still tracks it", async () => {
    const hub = createFakeHub(family());
    const summary = await crawl({ seeds: ["nobody/Nothing"], direction: "up" }, { db, hub, now: clock });
    expect(summary.problems).toBe(1);
    expect(countProblems(db, { kind: "not-found", modelId: "nobody/Nothing" })).toBe(1);
    expect(listTrackedFamilies(db).map((f) => f.id)).toEqual(["nobody/Nothing"]);
  });

  it("sweeps instead when the walk would cost more: one request per 1,000 models", async () => {
    const filler = Array.from({ length: 1200 }, (_, i) => hubRecord(`fill/m${i}`, [["root/A", "finetune"]]));
    const hub = createFakeHub([...family(), ...filler]);
    setHubSize(db, 1209, T0.toISOString());
    const summary = await run(db, hub);
    expect(summary.plan).toMatchObject({ kind: "sweep", sweepRequests: 2 });
    expect(summary.plan!.reason).toMatch(/^sweep, the cheaper/);
    // The fake serves 500 a page, so its sweep takes 3.
    expect(hub.count("sweep")).toBe(3);
    expect(hub.count("children")).toBe(0);
    expect(exported(db).models).toHaveLength(1209);
  });

  it("switches a growing walk to the sweep once the models left to list outnumber the sweep's pages", async () => {
    const wide = Array.from({ length: 300 }, (_, i) => hubRecord(`wide/m${i}`, [["org/C", "finetune"]]));
    const records = [...family(), ...wide];
    const hub = createFakeHub(records);
    // A sweep of 3,000 models costs 3 requests: no more than the 3 the seed's 2 children promise at least.
    setHubSize(db, 3000, T0.toISOString());
    const summary = await run(db, hub);
    expect(summary.plan).toMatchObject({ kind: "sweep" });
    expect(summary.plan!.reason).toMatch(/walk grew/);
    expect(hub.count("children")).toBeLessThan(100);
    expect(hub.count("sweep")).toBe(1);
    expect(exported(db).models).toHaveLength(records.length);
  });

  it("walks when asked even where a sweep is cheaper, and sweeps when asked", async () => {
    setHubSize(db, 9, T0.toISOString());
    const walkHub = createFakeHub(family());
    const walked = await run(db, walkHub, { plan: "walk" });
    expect(walked.plan?.reason).toMatch(/^walk, as asked/);
    expect(walkHub.count("sweep")).toBe(0);

    const sweepHub = createFakeHub(family());
    const swept = await run(db, sweepHub, { plan: "sweep" });
    expect(swept.plan?.reason).toMatch(/^sweep, as asked/);
    expect(sweepHub.count("sweep")).toBe(1);
  });

  it("rejects options that describe no crawl", async () => {
    const hub = createFakeHub([]);
    await expect(crawl({ seeds: [] }, { db, hub })).rejects.toBeInstanceOf(CrawlOptionsError);
    await expect(crawl({ seeds: ["a b"] }, { db, hub })).rejects.toMatchObject({ field: "seeds" });
    await expect(crawl({ seeds: ["a/b"], depth: 0 }, { db, hub })).rejects.toMatchObject({ field: "depth" });
    await expect(crawl({ seeds: ["a/b"], direction: "sideways" as never }, { db, hub })).rejects.toMatchObject({
      field: "direction",
    });
  });
});

/**
 * acme/Core -> acme/Core-Chat (tags). labs/Wave declares nothing; its card says it is a fine-tune of acme/Core-Chat
 * and beats rival/Big. labs/Wave -> labs/Wave-GGUF (tags), whose card misleadingly credits acme/Core.
 */
function undeclared(): ListedRecord[] {
  return [
    hubRecord("acme/Core"),
    hubRecord("acme/Core-Chat", [["acme/Core", "finetune"]]),
    hubRecord("labs/Wave"),
    hubRecord("labs/Wave-GGUF", [["labs/Wave", "quantized"]]),
    hubRecord("rival/Big"),
  ];
}

const UNDECLARED_CARDS = {
  "labs/Wave":
    "---\nlicense: mit\n---\n# Wave\n\nThis model is a fine-tuned version of " +
    "[acme/Core-Chat](https://huggingface.co/acme/Core-Chat) " +
    "on recipes. It beats [rival/Big](https://huggingface.co/rival/Big) on our tests.\n",
  "labs/Wave-GGUF": "# Wave GGUF\n\nGGUF quantized version of [acme/Core](https://huggingface.co/acme/Core).\n",
};

function allEdges(db: Db): string[] {
  return [...exportGraph(db, { format: "jsonl", includeInferred: true })]
    .join("")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .filter((line) => line.type === "edge")
    .map((l) => `${l.parent}>${l.child}:${l.relation}:${l.source}`)
    .sort();
}

const DECLARED_EDGES = ["acme/Core>acme/Core-Chat:finetune:tag", "labs/Wave>labs/Wave-GGUF:quantized:tag"];
const INFERRED_EDGE = "acme/Core-Chat>labs/Wave:finetune:inferred";

describe("crawl: parents inferred from cards", () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(":memory:");
  });
  afterEach(() => db.close());

  const crawlWave = (hub: FakeHub, options: Partial<CrawlOptions> = {}, target = db) =>
    crawl({ seeds: ["labs/Wave"], concurrency: 1, cards: true, ...options }, { db: target, hub, now: clock });

  it("stores a card's predictions for a model without declared parents, with confidence and evidence", async () => {
    const hub = createFakeHub(undeclared(), { cards: UNDECLARED_CARDS });
    const summary = await crawlWave(hub);
    expect(allEdges(db)).toEqual([...DECLARED_EDGES, INFERRED_EDGE].sort());
    const [edge] = [...exportGraph(db, { format: "jsonl", includeInferred: true })]
      .join("")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .filter((line) => line.source === "inferred");
    expect(edge.confidence).toBeGreaterThanOrEqual(0.5);
    expect(edge.confidence).toBeLessThanOrEqual(1);
    expect(edge.evidence[0]).toMatchObject({ kind: "phrase", text: expect.stringMatching(/fine-tuned version of/) });
    // Declared exports and counts leave it out; the all-edges counts take it and the GGUF below it.
    expect(exported(db).edges).toEqual(DECLARED_EDGES);
    expect(getDescendantCounts(db, "acme/Core")).toMatchObject({ total: 1, finetune: 1, quantized: 0 });
    expect(getDescendantCounts(db, "acme/Core", { includeInferred: true })).toMatchObject({
      total: 3,
      finetune: 2,
      quantized: 1,
    });
    expect(summary).toMatchObject({ status: "done", edges: 3, inferredEdges: 1 });
  });

  it("climbs an inferred parent like a declared one, to the roots", async () => {
    const hub = createFakeHub(undeclared(), { cards: UNDECLARED_CARDS });
    await crawlWave(hub);
    expect(hub.calls.filter((c) => c.kind === "record").map((c) => c.id)).toEqual([
      "labs/Wave",
      "acme/Core-Chat",
      "acme/Core",
    ]);
    expect(
      hub.calls
        .filter((c) => c.kind === "card")
        .map((c) => c.id)
        .sort(),
    ).toEqual(["acme/Core", "acme/Core-Chat", "labs/Wave", "labs/Wave-GGUF"]);
    expect(getModel(db, "acme/Core")?.fetchedAt).not.toBeNull();
    // A competitor the card names is no parent and is never fetched.
    expect(hub.calls.some((c) => c.id === "rival/Big")).toBe(false);
  });

  it("climbs within the depth limit, and not at all on a down-only crawl", async () => {
    const limited = createFakeHub(undeclared(), { cards: UNDECLARED_CARDS });
    await crawlWave(limited, { depth: 1 });
    expect(limited.calls.filter((c) => c.kind === "record").map((c) => c.id)).toEqual(["labs/Wave", "acme/Core-Chat"]);

    const downDb = openDatabase(":memory:");
    const down = createFakeHub(undeclared(), { cards: UNDECLARED_CARDS });
    await crawlWave(down, { direction: "down" }, downDb);
    expect(down.calls.filter((c) => c.kind === "record").map((c) => c.id)).toEqual(["labs/Wave"]);
    expect(allEdges(downDb)).toContain(INFERRED_EDGE);
    downDb.close();
  });

  it("climbs through the stored inferred parents of a model read recently, without reading it again", async () => {
    await crawlWave(createFakeHub(undeclared(), { cards: UNDECLARED_CARDS }), { depth: 1 });
    expect(getModel(db, "acme/Core")?.fetchedAt ?? null).toBeNull();
    const later = () => new Date(T0.getTime() + 3600_000);
    const hub = createFakeHub(undeclared(), { cards: UNDECLARED_CARDS });
    await crawl({ seeds: ["labs/Wave-GGUF"], direction: "up", cards: true, concurrency: 1 }, { db, hub, now: later });
    // labs/Wave and acme/Core-Chat are fresh: passed through from the store; acme/Core is new and read.
    expect(hub.calls.filter((c) => c.kind === "record").map((c) => c.id)).toEqual(["labs/Wave-GGUF", "acme/Core"]);
  });

  it("infers nothing without --cards (no card is read) or with --no-infer", async () => {
    const plain = createFakeHub(undeclared(), { cards: UNDECLARED_CARDS });
    await crawlWave(plain, { cards: false });
    expect(plain.count("card")).toBe(0);
    expect(allEdges(db)).toEqual(["labs/Wave>labs/Wave-GGUF:quantized:tag"]);

    const noInferDb = openDatabase(":memory:");
    const noInfer = createFakeHub(undeclared(), { cards: UNDECLARED_CARDS });
    const summary = await crawlWave(noInfer, { infer: false }, noInferDb);
    expect(noInfer.count("card")).toBe(2);
    expect(allEdges(noInferDb)).toEqual(["labs/Wave>labs/Wave-GGUF:quantized:tag"]);
    expect(summary.inferredEdges).toBe(0);
    noInferDb.close();
  });

  it("gives a model with declared parents no inferred ones, and drops them when it gains some", async () => {
    await crawlWave(createFakeHub(undeclared(), { cards: UNDECLARED_CARDS }));
    expect(allEdges(db)).toContain(INFERRED_EDGE);
    // The GGUF's card credits acme/Core, but its tags name its parent.
    expect(allEdges(db).filter((edge) => edge.includes(">labs/Wave-GGUF"))).toEqual([
      "labs/Wave>labs/Wave-GGUF:quantized:tag",
    ]);

    const tagged = undeclared().map((r) =>
      r.id === "labs/Wave" ? hubRecord("labs/Wave", [["acme/Core-Chat", "finetune"]]) : r,
    );
    const later = () => new Date(T0.getTime() + 3600_000);
    await crawl({ seeds: ["labs/Wave"], concurrency: 1 }, { db, hub: createFakeHub(tagged), now: later });
    expect(allEdges(db)).toEqual([...DECLARED_EDGES, "acme/Core-Chat>labs/Wave:finetune:tag"].sort());
  });

  it("resumes after a crash at any request with the inferred edges and the climb they cause intact", async () => {
    const full = createFakeHub(undeclared(), { cards: UNDECLARED_CARDS });
    await crawlWave(full);
    const expected = allEdges(db);
    const total = full.calls.length;

    for (let crashAt = 1; crashAt <= total; crashAt++) {
      const fresh = openDatabase(":memory:");
      const hub = createFakeHub(undeclared(), { cards: UNDECLARED_CARDS });
      hub.beforeAnswer = (_call, n) => {
        if (n === crashAt) throw new Error("connection reset");
      };
      await expect(crawlWave(hub, {}, fresh)).rejects.toThrow("connection reset");
      hub.beforeAnswer = null;
      await crawlWave(hub, {}, fresh);
      expect(allEdges(fresh)).toEqual(expected);
      expect(hub.calls.length).toBe(total + 1);
      fresh.close();
    }
  });
});

describe("crawl against a listing that makes no progress", () => {
  it("cuts off a sweep of empty pages with fresh cursors and records the problem", async () => {
    const db = openDatabase(":memory:");
    const hub = createFakeHub([]);
    let served = 0;
    hub.sweepPage = async () => ({
      records: [],
      dropped: 0,
      total: null,
      nextUrl: `https://example.invalid/api/models?cursor=${served++}`,
    });
    const summary = await crawl({ seeds: [], all: true }, { db, hub });
    expect(summary.status).toBe("done");
    expect(served).toBe(MAX_EMPTY_PAGES);
    expect(countProblems(db, { kind: "listing-stalled" })).toBe(1);
    db.close();
  });
});
