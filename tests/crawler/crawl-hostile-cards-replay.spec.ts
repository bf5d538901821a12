// `crawl --cards` against a Hub replay serving crafted cards: it finishes in one run, records one problem per bad
// card, and a rerun fetches none of them again, under the default plan (a sweep) and a walk (issue 13: the alias
// cycle and the colon flood used to stop it; a sweep read every card again); a card whose repository changed is read
// again.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { CliIo } from "../../cli/command";
import { crawlCommand } from "../../cli/commands/crawl";
import { openDatabase } from "../../db/open-database";
import { getParents } from "../../db/edges";
import { countProblems } from "../../db/problems";
import { getLastRun } from "../../db/runs";
import { MAX_CARD_BYTES } from "../../lineage/card/parse-card";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { createRecordStore, type StoredEntry } from "../../replay/record-store";
import { sha1Hex } from "../../replay/wire-ids";
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

/** The replay's models: the root and one child per bad card; `changed` ids get a new commit and a plain card. */
function hostileEntries(changed: string[] = []): StoredEntry[] {
  return [
    entry(ROOT, "---\nlicense: apache-2.0\n---\n# Root\n", []),
    ...Object.entries(BAD_CARDS).map(([id, { card }]) => {
      if (!changed.includes(id)) return entry(id, card, [ROOT]);
      const fixed = entry(id, `---\nbase_model: ${ROOT}\n---\n# Fixed\n`, [ROOT]);
      return { ...fixed, record: { ...fixed.record, sha: sha1Hex(`${id}@fixed`) } };
    }),
  ];
}

function lastPlan(db: string): string | null {
  const store = openDatabase(db);
  try {
    return getLastRun(store, "crawl")?.plan ?? null;
  } finally {
    store.close();
  }
}

describe("crawl --cards on a Hub serving hostile cards", () => {
  let replay: HubReplay;
  let dir: string;
  beforeAll(async () => {
    replay = await startHubReplay({ store: createRecordStore(hostileEntries(), new Map(), "hostile cards") });
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-hostile-"));
  });
  afterAll(async () => {
    await replay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // The default plan: a sweep, this Hub being small (its size said by the one-record listing); and a walk, asked.
  it.each([
    // A sweep's rerun within 24 hours is a top-up of it.
    ["the default plan (a sweep)", [], /^sweep/, /^top-up sweep: 0 new models/],
    ["a walk", ["--plan", "walk"], /^walk/, /^walk/],
  ])(
    "with %s: finishes in one run, one problem per bad card, a rerun fetches no README again",
    async (_, plan, kind, rerunKind) => {
      const db = join(dir, `hostile-${plan.length}.db`);
      const args = ["--seed", ROOT, ...plan, "--cards", ...replayCrawlArgs(db, replay.url)];
      replay.resetStats();
      expect(await crawl(args)).toBe(0);
      expect(lastPlan(db)).toMatch(kind);
      // Every card read once: the root's and the bad ones.
      expect(replay.stats().byRoute.resolve).toBe(1 + Object.keys(BAD_CARDS).length);
      expectOneProblemPerBadCard(db);
      replay.resetStats();
      expect(await crawl(args)).toBe(0);
      expect(lastPlan(db)).toMatch(rerunKind);
      // The same repositories: not one card read again (a bad card read again would also add a second problem).
      expect(replay.stats().byRoute.resolve).toBe(0);
      expectOneProblemPerBadCard(db);
    },
  );

  it("reads a card again once its repository changed, and only that one", async () => {
    const db = join(dir, "changed.db");
    const args = (url: string) => ["--seed", ROOT, "--cards", ...replayCrawlArgs(db, url)];
    expect(await crawl(args(replay.url))).toBe(0);
    const fixedId = "fuzz-org/colon-flood";
    const fixed = await startHubReplay({
      store: createRecordStore(hostileEntries([fixedId]), new Map(), "hostile cards, one fixed"),
    });
    try {
      expect(await crawl(args(fixed.url))).toBe(0);
      expect(fixed.stats().byRoute.resolve).toBe(1);
    } finally {
      await fixed.close();
    }
    const store = openDatabase(db);
    try {
      // Its new card was read: its declared parent is stored from it; the old problem stays, no new one.
      expect(getParents(store, fixedId).map((edge) => `${edge.parent}:${edge.source}`)).toContain(`${ROOT}:card`);
      expect(countProblems(store, { modelId: fixedId })).toBe(1);
    } finally {
      store.close();
    }
  });
});
