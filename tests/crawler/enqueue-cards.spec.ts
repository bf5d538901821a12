// enqueueCards through the crawl engine (in-memory Hub): a card is read once per repository version, in a sweep and
// in a walk, whatever it gave (a refusal included); a changed sha brings it back; --refresh reads every card.
import { openDatabase, type Db } from "../../db/open-database";
import { countProblems } from "../../db/problems";
import { getParents } from "../../db/edges";
import { crawl, type CrawlOptions } from "../../crawler/crawl";
import { HubRequestError } from "../../crawler/hub/hub-fetch";
import type { ListedRecord } from "../../crawler/hub/hub-client";
import { createFakeHub, hubRecord, type FakeHub } from "../helpers/fake-hub-client";

const T0 = Date.parse("2025-03-01T00:00:00.000Z");
/** Each run a day after the last, so that no listing or record is fresh any more. */
const day = (n: number) => () => new Date(T0 + n * 25 * 3600_000);

/** up/Base -> root/A -> {org/B, org/C}; org/B -> org/D -> org/E; other/X (not in the family). */
function family(shas: Record<string, string> = {}): ListedRecord[] {
  const records = [
    hubRecord("up/Base"),
    hubRecord("root/A", [["up/Base", "finetune"]]),
    hubRecord("org/B", [["root/A", "finetune"]]),
    hubRecord("org/C", [["root/A", "adapter"]]),
    hubRecord("org/D", [["org/B", "quantized"]]),
    hubRecord("org/E", [["org/D", "finetune"]]),
    hubRecord("other/X"),
  ];
  return records.map((record) => ({
    ...record,
    sha: shas[record.id] ?? `${record.id}@1`,
    lastModified: "2024-02-01T00:00:00.000Z",
  }));
}

const CARDS = Object.fromEntries(family().map((record) => [record.id, `# ${record.id}\n`]));
const WALKED = ["org/B", "org/C", "org/D", "org/E", "root/A", "up/Base"];
const SWEPT = [...WALKED, "other/X"].sort();

function cardsRead(hub: FakeHub): string[] {
  return hub.calls
    .filter((call) => call.kind === "card")
    .map((call) => call.id!)
    .sort();
}

describe("enqueueCards", () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(":memory:");
  });
  afterEach(() => db.close());

  const run = (hub: FakeHub, now: () => Date, options: Partial<CrawlOptions> = {}) =>
    crawl({ seeds: ["root/A"], cards: true, concurrency: 1, ...options }, { db, hub, now });

  it.each(["sweep", "walk"] as const)("%s: reads each card once, again only when its sha changed", async (plan) => {
    const expected = plan === "sweep" ? SWEPT : WALKED;
    const first = createFakeHub(family(), { cards: CARDS });
    await run(first, day(0), { plan });
    expect(cardsRead(first)).toEqual(expected);

    const rerun = createFakeHub(family(), { cards: CARDS });
    await run(rerun, day(1), { plan });
    // Everything listed (or swept) again, since nothing is fresh; no card read.
    expect(rerun.count(plan === "sweep" ? "sweep" : "children")).toBeGreaterThan(0);
    expect(cardsRead(rerun)).toEqual([]);

    const changedCard = "---\nbase_model: other/X\n---\n# org/D, now declaring other/X\n";
    const changed = createFakeHub(family({ "org/D": "org/D@2" }), { cards: { ...CARDS, "org/D": changedCard } });
    await run(changed, day(2), { plan });
    expect(cardsRead(changed)).toEqual(["org/D"]);
    expect(getParents(db, "org/D").map((edge) => `${edge.parent}:${edge.source}`)).toContain("other/X:card");

    const refreshed = createFakeHub(family({ "org/D": "org/D@2" }), { cards: CARDS });
    await run(refreshed, day(3), { plan, refresh: true });
    expect(cardsRead(refreshed)).toEqual(expected);
  });

  it("reads a card the Hub refused once: recorded, and not asked again until it changes", async () => {
    const refusing = (hub: FakeHub) => {
      hub.beforeAnswer = (call) => {
        if (call.kind === "card" && call.id === "org/C")
          throw new HubRequestError("http-status", 403, "https://example.invalid/org/C/resolve/main/README.md", 1);
      };
      return hub;
    };
    await run(refusing(createFakeHub(family(), { cards: CARDS })), day(0), { plan: "sweep" });
    expect(countProblems(db, { kind: "request-refused", modelId: "org/C" })).toBe(1);
    const rerun = refusing(createFakeHub(family(), { cards: CARDS }));
    await run(rerun, day(1), { plan: "sweep" });
    expect(cardsRead(rerun)).toEqual([]);
    expect(countProblems(db, { kind: "request-refused", modelId: "org/C" })).toBe(1);
    const changed = createFakeHub(family({ "org/C": "org/C@2" }), { cards: CARDS });
    await run(changed, day(2), { plan: "sweep" });
    expect(cardsRead(changed)).toEqual(["org/C"]);
  });

  it("reads a claiming card without --cards once per version too", async () => {
    const claim = (sha: string) =>
      hubRecord("org/Claim", [], {
        cardData: { base_model: "root/A" },
        tags: ["transformers"],
        sha,
        lastModified: "2024-02-01T00:00:00.000Z",
      });
    const child = hubRecord("org/Child", [["org/Claim", "finetune"]]);
    const cards = { "org/Claim": "---\nbase_model: [root/A, org/C]\n---\n# Claim\n" };
    const options = { seeds: ["org/Child"], cards: false };
    const first = createFakeHub([...family(), claim("c1"), child], { cards });
    await run(first, day(0), options);
    expect(cardsRead(first)).toEqual(["org/Claim"]);
    const rerun = createFakeHub([...family(), claim("c1"), child], { cards });
    await run(rerun, day(1), options);
    expect(rerun.count("record")).toBeGreaterThan(1);
    expect(cardsRead(rerun)).toEqual([]);
    const changed = createFakeHub([...family(), claim("c2"), child], { cards });
    await run(changed, day(2), options);
    expect(cardsRead(changed)).toEqual(["org/Claim"]);
  });
});
