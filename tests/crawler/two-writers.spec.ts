// Two writers on one database (issue 13): a second watcher or crawl is refused at once, naming the holder, or with
// --wait takes its turn; watchers and a crawl started together while the Hub reveals new models end with the same
// fork events and the same export as one watcher alone. A holder killed -9 blocks nobody.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../cli/main";
import { exportGraph } from "../../db/export/export";
import { openDatabase } from "../../db/open-database";
import { writerLockPaths } from "../../db/writer-lock";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { createSyntheticHub } from "../../replay/synthetic-hub";
import { captureIo } from "../helpers/capture-io";
import { storedForkEvents } from "../helpers/stored-fork-events";

const CLI = resolve(__dirname, "../../bin/hf-lineage.js");
const T1 = "2025-06-01T00:00:00.000Z";
const MIDDLE = "2025-12-15T00:00:00.000Z";
const T2 = "2026-06-30T00:00:00.000Z";

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; stderr: string }>;
}

function runCli(args: string[]): Run {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, HF_TOKEN: "", HF_ENDPOINT: "" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stderr: string }>((resolveRun) =>
    child.on("close", (code) => resolveRun({ code, stderr })),
  );
  return { child, done };
}

const forkEvents = storedForkEvents;

function exportText(dbPath: string): string {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return [...exportGraph(db, { format: "jsonl" })].join("");
  } finally {
    db.close();
  }
}

describe("two writers on one database", () => {
  let replay: HubReplay;
  let dir: string;
  let seeds: string[];
  const hubArgs = () => ["--hub-url", replay.url];
  const crawlArgs = (dbPath: string) => [
    "crawl",
    ...seeds.flatMap((seed) => ["--seed", seed]),
    "--db",
    dbPath,
    ...hubArgs(),
    "--rate",
    "100000/1",
  ];

  beforeAll(async () => {
    const hub = createSyntheticHub({ models: 5000, seed: 7 });
    seeds = hub
      .shape()
      .largestFamilies.map((family) => family.id)
      .filter((id) => {
        const found = hub.lookup(id);
        return found?.kind === "model" && hub.createdAtMs(found.index) <= Date.parse(T1);
      })
      .slice(0, 3);
    replay = await startHubReplay({ store: hub });
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-two-writers-"));
  });
  afterAll(async () => {
    await replay?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function crawlAtT1(dbPath: string): Promise<void> {
    replay.setCutoff(T1);
    const { out, io } = captureIo();
    expect({ code: await main(crawlArgs(dbPath), io), stderr: out.stderr }).toMatchObject({ code: 0 });
  }

  it("refuses a second watcher or crawl at once, naming the one that writes; a killed holder blocks nobody", async () => {
    const dbPath = join(dir, "refused.db");
    await crawlAtT1(dbPath);
    replay.setCutoff(MIDDLE);
    const holder = runCli(["watch", "--interval", "1h", "--db", dbPath, ...hubArgs()]);
    try {
      // Held once the watcher wrote its note and finished its first poll (the events of the reveal are stored).
      while (!existsSync(writerLockPaths(dbPath).holder) || forkEvents(dbPath).length === 0)
        await new Promise((r) => setTimeout(r, 50));
      const events = forkEvents(dbPath);
      for (const args of [["watch", "--once", "--db", dbPath, ...hubArgs()], crawlArgs(dbPath)]) {
        const { out, io } = captureIo();
        expect(await main(args, io)).toBe(1);
        const last = out.stderr.trim().split("\n").pop();
        expect(last).toContain(`pid ${holder.child.pid}`);
        expect(last).toContain('"hf-lineage watch"');
        expect(last).toContain("--wait");
        expect(out.stderr).not.toMatch(/database is locked/);
      }
      expect(forkEvents(dbPath)).toEqual(events);
    } finally {
      holder.child.kill("SIGKILL");
      await holder.done;
    }
    // Killed mid-hold: the next watcher starts at once.
    const { io } = captureIo();
    expect(await main(["watch", "--once", "--db", dbPath, ...hubArgs()], io)).toBe(0);
  }, 120_000);

  it("a crawl that runs before the first poll leaves the watcher's first watermark at the first crawl's", async () => {
    const reference = join(dir, "first-poll-reference.db");
    const crawledTwice = join(dir, "first-poll-crawled-twice.db");
    await crawlAtT1(reference);
    await crawlAtT1(crawledTwice);
    replay.setCutoff(MIDDLE);
    const { out, io } = captureIo();
    expect({ code: await main(crawlArgs(crawledTwice), io), stderr: out.stderr }).toMatchObject({ code: 0 });
    for (const dbPath of [reference, crawledTwice]) {
      const { io: watchIo } = captureIo();
      expect(await main(["watch", "--once", "--db", dbPath, ...hubArgs()], watchIo)).toBe(0);
    }
    const expected = forkEvents(reference);
    expect(expected.length).toBeGreaterThan(10);
    expect(forkEvents(crawledTwice)).toEqual(expected);
  }, 120_000);

  it("with --wait, watchers and a crawl started together end as one watcher alone: nothing lost", async () => {
    const reference = join(dir, "reference.db");
    const shared = join(dir, "shared.db");
    await crawlAtT1(reference);
    await crawlAtT1(shared);
    for (const cutoff of [MIDDLE, T2]) {
      replay.setCutoff(cutoff);
      const { io } = captureIo();
      expect(await main(["watch", "--once", "--db", reference, ...hubArgs()], io)).toBe(0);
    }
    const expectedEvents = forkEvents(reference);
    expect(expectedEvents.length).toBeGreaterThan(50);

    let waited = 0;
    try {
      for (const cutoff of [MIDDLE, T2]) {
        replay.setCutoff(cutoff);
        // Slow listings stretch each poll, so the writers surely overlap.
        replay.setFaults({ delayMs: [100, 300], routes: ["list"], seed: 1 });
        const watch = ["watch", "--once", "--wait", "--db", shared, ...hubArgs()];
        const runs = [runCli(watch), runCli(watch), runCli([...crawlArgs(shared), "--wait"]), runCli(watch)];
        for (const run of runs) {
          const exit = await run.done;
          expect({ code: exit.code, stderr: exit.stderr }).toMatchObject({ code: 0 });
          expect(exit.stderr).not.toMatch(/database is locked/);
          if (/waiting for "hf-lineage (watch|crawl)" \(pid \d+/.test(exit.stderr)) waited++;
        }
      }
    } finally {
      replay.setFaults({});
    }
    expect(waited).toBeGreaterThan(0);
    expect(forkEvents(shared)).toEqual(expectedEvents);
    expect(exportText(shared)).toBe(exportText(reference));
  }, 240_000);
});
