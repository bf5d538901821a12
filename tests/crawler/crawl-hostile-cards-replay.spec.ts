// `crawl --cards` against a Hub replay serving crafted cards: it finishes in one run, records one problem per bad
// card, and a rerun fetches none of them again (issue 13: the alias cycle and the colon flood used to stop it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { CliIo } from "../../cli/command";
import { crawlCommand } from "../../cli/commands/crawl";
import { openDatabase } from "../../db/open-database";
import { countProblems } from "../../db/problems";
import { MAX_CARD_BYTES } from "../../lineage/card/parse-card";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { createRecordStore, type StoredEntry } from "../../replay/record-store";
import { syntheticEntry } from "../helpers/synthetic-entry";
import { replayCrawlArgs } from "../helpers/replay-crawl-args";

const ROOT = "fuzz-org/Root-7B";

/** Each card breaks one guard; each yields exactly one problem of the given kind. */
const BAD_CARDS: Record<string, { card: string; kind: string }> = {
  "fuzz-org/alias-cycle": { card: "---\nbase_model: &a [*a]\n---\n# x\n", kind: "yaml-too-complex" },
  "fuzz-org/colon-flood": { card: `---\nbase_model:\n- a${": ".repeat(2000)}\n---\n# x\n`, kind: "yaml-too-complex" },
  "fuzz-org/billion-laughs": {
    card: `---\na: &a [x,x,x,x,x,x,x,x,x]\n${["b", "c", "d", "e", "f", "g"]
      .map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdef"[i]}`).join(",")}]`)
      .join("\n")}\n---\n`,
    kind: "yaml-error",
  },
  "fuzz-org/heading-tabs": {
    card: `---\nlicense: mit\nbase_model: [${"[".repeat(40)}]\n---\n# Base model${"\t".repeat(60_000)}x\n`,
    kind: "yaml-too-complex",
  },
  // Over the cap: fetchCard reads the first MAX_CARD_BYTES + 1 bytes only, and nothing is inferred from them.
  "fuzz-org/oversized": {
    card: `Fine-tuned from [${ROOT}](https://huggingface.co/${ROOT}).\n${"x ".repeat(MAX_CARD_BYTES)}`,
    kind: "too-large",
  },
  "fuzz-org/binary": { card: `\u0000\u0001PK${"\u0000".repeat(100)}`, kind: "binary" },
};

function entry(id: string, card: string, parents: string[]): StoredEntry {
  return syntheticEntry(
    id,
    parents.map((parent) => ({ id: parent, relation: "finetune" as const })),
    card,
  );
}

function expectOneProblemPerBadCard(db: string): void {
  const store = openDatabase(db);
  try {
    for (const [id, { kind }] of Object.entries(BAD_CARDS)) {
      expect([id, countProblems(store, { modelId: id })]).toEqual([id, 1]);
      expect([id, countProblems(store, { modelId: id, kind })]).toEqual([id, 1]);
    }
  } finally {
    store.close();
  }
}

async function crawl(argv: string[]): Promise<number> {
  const io: CliIo = { stdout: new PassThrough().resume(), stderr: new PassThrough().resume(), env: {}, isTty: false };
  return crawlCommand.run(argv, io);
}

describe("crawl --cards on a Hub serving hostile cards", () => {
  let replay: HubReplay;
  let dir: string;
  beforeAll(async () => {
    const entries = [
      entry(ROOT, "---\nlicense: apache-2.0\n---\n# Root\n", []),
      ...Object.entries(BAD_CARDS).map(([id, { card }]) => entry(id, card, [ROOT])),
    ];
    replay = await startHubReplay({ store: createRecordStore(entries, new Map(), "hostile cards") });
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-hostile-"));
  });
  afterAll(async () => {
    await replay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finishes in one run with one problem per bad card, and a rerun fetches none of them again", async () => {
    const db = join(dir, "hostile.db");
    // A walk from the root (a sweep of a Hub this small would be cheaper, and a sweep reads every card again).
    const args = ["--seed", ROOT, "--plan", "walk", "--cards", ...replayCrawlArgs(db, replay.url)];
    replay.resetStats();
    expect(await crawl(args)).toBe(0);
    // Every card read once: the root's and the bad ones.
    expect(replay.stats().byRoute.resolve).toBe(1 + Object.keys(BAD_CARDS).length);
    expectOneProblemPerBadCard(db);
    replay.resetStats();
    expect(await crawl(args)).toBe(0);
    // The rerun re-reads the seed's own record and card only; a bad card read again would add a second problem.
    expect(replay.stats().byRoute.resolve).toBeLessThanOrEqual(1);
    expectOneProblemPerBadCard(db);
  });
});
