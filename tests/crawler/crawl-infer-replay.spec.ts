// Acceptance of inferred lineage in the crawler, through the CLI against the Hub replay of ../shared/hub-data plus
// two synthetic models: example-org/Sea-7B declares no parent (its card, written for this test in the manner of
// skt/A.X-4.0's, says "Built on the open-source Gemma model"), and example-org/Sea-7B-GGUF declares Sea-7B.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { CliIo, Command } from "../../cli/command";
import { crawlCommand } from "../../cli/commands/crawl";
import { exportCommand } from "../../cli/commands/export";
import { getDescendantCounts } from "../../db/counts/descendant-counts";
import { openDatabase } from "../../db/open-database";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import type { HubStore } from "../../replay/hub-store";
import { loadHubData } from "../../replay/load-hub-data";
import { createRecordStore, type StoredEntry } from "../../replay/record-store";
import { describeWithHubData, HUB_DATA } from "../helpers/hub-data";
import { syntheticEntry } from "../helpers/synthetic-entry";
import { replayCrawlArgs } from "../helpers/replay-crawl-args";

const SEA = "example-org/Sea-7B";
const SEA_GGUF = "example-org/Sea-7B-GGUF";
const GEMMA = "google/gemma-7b";

const SEA_CARD = `---
license: apache-2.0
language: [en, ko]
---
# Sea 7B

Sea 7B is a 7B-parameter bilingual model. Built on the open-source Gemma model, it was trained further on Korean
and English legal text. It outperforms Mistral-7B and Llama 2 on our benchmarks.

| Benchmark | Sea 7B | Llama-2-7b | [mistralai/Mistral-7B-v0.1](https://huggingface.co/mistralai/Mistral-7B-v0.1) |
|---|---|---|---|
| KMMLU | 51.0 | 33.2 | 38.9 |
`;

// Declared through its tags; the body's credit to Gemma must not become an inferred edge.
const SEA_GGUF_CARD = `---
base_model: ${SEA}
base_model_relation: quantized
---
# Sea 7B GGUF

GGUF quantized version of [google/gemma-7b](https://huggingface.co/google/gemma-7b), fine-tuned as Sea 7B.
`;

/** The recorded data as the replay serves it, and the two synthetic models. */
function storeWithSea(): HubStore {
  const { store, summary } = loadHubData(HUB_DATA);
  const entries: StoredEntry[] = Array.from({ length: store.size }, (_, i) => ({
    record: store.record(i),
    card: store.card(i),
  }));
  entries.push(
    syntheticEntry(SEA, [], SEA_CARD),
    syntheticEntry(SEA_GGUF, [{ id: SEA, relation: "quantized" }], SEA_GGUF_CARD),
  );
  return createRecordStore(entries, new Map(summary.renames), `${HUB_DATA} + ${SEA}`);
}

function captureIo(): { io: CliIo; stdout: () => string } {
  let out = "";
  const stdout = new PassThrough();
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return { io: { stdout, stderr: new PassThrough().resume(), env: {}, isTty: false }, stdout: () => out };
}

const COMMANDS: Record<string, Command> = { crawl: crawlCommand, export: exportCommand };

/** Runs a command as the CLI would (without cli/main, which loads the server too); resolves to its stdout. */
async function cli([name, ...argv]: string[]): Promise<string> {
  const { io, stdout } = captureIo();
  const status = await COMMANDS[name].run(argv, io);
  if (status !== 0) throw new Error(`hf-lineage ${argv.join(" ")} exited ${status}`);
  return stdout();
}

interface EdgeLine {
  parent: string;
  child: string;
  relation: string | null;
  source: string;
  confidence: number;
  evidence?: { kind: string; text: string }[];
  sources?: { source: string; relation: string | null; confidence: number }[];
}

function edgeLines(jsonl: string): EdgeLine[] {
  return jsonl
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .filter((line) => line.type === "edge");
}

describeWithHubData("crawl --cards infers undeclared parents (Hub replay + a synthetic undeclared model)", () => {
  let replay: HubReplay;
  let dir: string;
  beforeAll(async () => {
    replay = await startHubReplay({ store: storeWithSea() });
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-infer-"));
  });
  afterAll(async () => {
    await replay.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => replay.resetStats());

  const crawlArgs = (db: string, ...extra: string[]) => [
    "crawl",
    "--seed",
    SEA,
    "--seed",
    GEMMA,
    // A walk from the seeds, as asked: against this small replay (its size said in X-Total-Count) a sweep is cheaper.
    "--plan",
    "walk",
    ...replayCrawlArgs(db, replay.url),
    ...extra,
  ];

  describe("with --cards", () => {
    const db = () => join(dir, "cards.db");
    let summary: string;
    let all: EdgeLine[];
    let declared: EdgeLine[];
    let cardsRead: number;
    beforeAll(async () => {
      replay.resetStats();
      summary = await cli(crawlArgs(db(), "--cards"));
      cardsRead = replay.stats().byRoute.resolve;
      all = edgeLines(await cli(["export", "--db", db(), "--format", "jsonl", "--inferred", "include"]));
      declared = edgeLines(await cli(["export", "--db", db(), "--format", "jsonl"]));
    });

    it("stores the one inferred edge, Gemma 7B -> Sea 7B, with its confidence and evidence", () => {
      const inferred = all.filter((edge) => edge.source === "inferred");
      expect(inferred.map((e) => `${e.parent}>${e.child}:${e.relation}`)).toEqual([`${GEMMA}>${SEA}:finetune`]);
      const [edge] = inferred;
      expect(edge.confidence).toBeGreaterThanOrEqual(0.5);
      expect(edge.confidence).toBeLessThanOrEqual(1);
      expect(edge.evidence?.[0]).toMatchObject({
        kind: "family",
        text: expect.stringMatching(/Built on the open-source Gemma/),
      });
      expect(summary).toMatch(/edges: [\d,]+ \(1 inferred\)/);
    });

    it("reads a card per model reached and infers none for the hundreds that declare a parent", () => {
      const models = new Set(all.flatMap((edge) => [edge.parent.toLowerCase(), edge.child.toLowerCase()]));
      expect(models.size).toBeGreaterThan(300);
      // One card per stored model, and nothing inferred for any model but Sea 7B: declared sources win.
      expect(cardsRead).toBeGreaterThanOrEqual(models.size);
      expect(all.filter((edge) => edge.source === "inferred" && edge.child !== SEA)).toEqual([]);
      expect(all.some((edge) => edge.child === SEA_GGUF && edge.parent === SEA && edge.source === "tag")).toBe(true);
    });

    it("leaves the inferred edge out of the default export and the declared counts; the all-edges counts take it", () => {
      expect(declared.filter((edge) => edge.source === "inferred")).toEqual([]);
      expect(declared).toHaveLength(all.length - 1);
      const store = openDatabase(db());
      try {
        const declaredCounts = getDescendantCounts(store, GEMMA);
        const allCounts = getDescendantCounts(store, GEMMA, { includeInferred: true });
        expect(declaredCounts.total).toBeGreaterThan(100);
        // Sea 7B under its inferred finetune edge, and its GGUF under its own quantized one.
        expect(allCounts.total - declaredCounts.total).toBe(2);
        expect(allCounts.finetune - declaredCounts.finetune).toBe(1);
        expect(allCounts.quantized - declaredCounts.quantized).toBe(1);
      } finally {
        store.close();
      }
    });
  });

  it("climbs the inferred parent from a lone undeclared seed: its record and card, nothing below it", async () => {
    const db = join(dir, "climb.db");
    await cli(["crawl", "--seed", SEA, "--plan", "walk", "--cards", ...replayCrawlArgs(db, replay.url)]);
    const stats = replay.stats();
    // Records: the seed and the inferred parent. Cards: Sea 7B, its GGUF, Gemma 7B. Listings: Sea 7B and its GGUF,
    // and the one-record listing that asks the Hub's size.
    expect(stats.byRoute).toMatchObject({ info: 2, resolve: 3, list: 3 });
    const edges = edgeLines(await cli(["export", "--db", db, "--format", "jsonl", "--inferred", "include"]));
    // One edge per pair: Sea 7B -> its GGUF under its tag, the card's declaration kept among its sources.
    expect(edges.map((e) => `${e.parent}>${e.child}:${e.source}`).sort()).toEqual(
      [`${GEMMA}>${SEA}:inferred`, `${SEA}>${SEA_GGUF}:tag`].sort(),
    );
    expect(edges.find((e) => e.child === SEA_GGUF)?.sources?.map((s) => s.source)).toEqual(["tag", "card"]);
  });

  it("reads the cards but infers nothing with --no-infer", async () => {
    const db = join(dir, "no-infer.db");
    await cli(["crawl", "--seed", SEA, "--cards", "--no-infer", ...replayCrawlArgs(db, replay.url)]);
    // Sea 7B and its GGUF; no inferred parent to climb to.
    expect(replay.stats().byRoute).toMatchObject({ info: 1, resolve: 2 });
    const edges = edgeLines(await cli(["export", "--db", db, "--format", "jsonl", "--inferred", "include"]));
    expect(edges.filter((edge) => edge.source === "inferred")).toEqual([]);
  });

  it("infers nothing, and reads no card, without --cards", async () => {
    const db = join(dir, "plain.db");
    expect(await cli(crawlArgs(db))).not.toMatch(/inferred/);
    expect(replay.stats().byRoute.resolve).toBe(0);
    const edges = edgeLines(await cli(["export", "--db", db, "--format", "jsonl", "--inferred", "include"]));
    expect(edges.filter((edge) => edge.source === "inferred")).toEqual([]);
  });
});
