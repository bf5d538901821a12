// Kill test: the CLI crawl of a ~20k-model synthetic Hub, `kill -9`ed at random instants and rerun until it
// finishes, ends with the same export as an uninterrupted crawl and a database that passes integrity_check.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openDatabase } from "../../db/open-database";
import { getLastRun } from "../../db/runs";
import { countFrontier } from "../../db/frontier";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { createSyntheticHub, type SyntheticHub } from "../../replay/synthetic-hub";
import { seededRandom } from "../helpers/test-seed";
import { exportText } from "../helpers/export-text";

const BIN = resolve(__dirname, "../../bin/hf-lineage.js");
const MODELS = 20_000;
const KILLS = 4;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function startCrawl(args: string[]): { done: Promise<Exit>; kill: () => void } {
  const child = spawn(process.execPath, [BIN, "crawl", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, HF_TOKEN: "" },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const done = new Promise<Exit>((resolveExit) =>
    child.on("close", (code, signal) => resolveExit({ code, signal, stderr })),
  );
  return { done, kill: () => child.kill("SIGKILL") };
}

/** Resolves null after `ms`, unless `exit` settles first; the timer never outlives the race. */
async function exitWithin(exit: Promise<Exit>, ms: number): Promise<Exit | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([exit, new Promise<null>((done) => (timer = setTimeout(() => done(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe("crawl killed with SIGKILL", () => {
  let hub: SyntheticHub;
  let replay: HubReplay;
  let dir: string;
  let args: (db: string) => string[];

  beforeAll(async () => {
    hub = createSyntheticHub({ models: MODELS, seed: 3 });
    replay = await startHubReplay({ store: hub });
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-kill-"));
    // Every family's base: models with children and no parent of their own.
    const seeds: string[] = [];
    for (let i = 0; i < hub.size; i++) {
      if (hub.declaredParents(i).length === 0 && hub.childIndexes(i).length > 0) seeds.push(hub.id(i));
    }
    args = (db) => [
      ...seeds.flatMap((seed) => ["--seed", seed]),
      "--db",
      db,
      "--hub-url",
      replay.url,
      "--rate",
      "100000/1",
      "--concurrency",
      "8",
      "--plan",
      "walk",
    ];
  });

  afterAll(async () => {
    await replay?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("resumes to the same export as an uninterrupted run, with an intact database", async () => {
    // Drawn (and printed) first, so that even a run that times out says which seed it had.
    const random = seededRandom("kill instants", Date.now() % 100_000);
    const reference = join(dir, "reference.db");
    const started = Date.now();
    const clean = await startCrawl(args(reference)).done;
    const cleanMs = Date.now() - started;
    expect(clean).toMatchObject({ code: 0 });
    const cleanRequests = replay.stats().requests;
    const expected = exportText(reference);
    expect(expected.split("\n").filter((line) => line.startsWith('{"type":"model"')).length).toBeGreaterThan(
      MODELS / 2,
    );

    replay.resetStats();
    const killed = join(dir, "killed.db");
    const instants: number[] = [];
    let isFinished = false;
    for (let kill = 0; kill < KILLS && !isFinished; kill++) {
      const run = startCrawl(args(killed));
      // Between process start-up and roughly where an uninterrupted run would end.
      const at = Math.round(300 + random() * cleanMs * 0.6);
      instants.push(at);
      const exit = await exitWithin(run.done, at);
      if (exit) {
        expect(exit).toMatchObject({ code: 0 });
        isFinished = true;
      } else {
        run.kill();
        expect(await run.done).toMatchObject({ signal: "SIGKILL" });
      }
    }
    let reruns = 0;
    while (!isFinished) {
      const exit = await startCrawl(args(killed)).done;
      expect({ code: exit.code, instants, stderr: exit.code === 0 ? "" : exit.stderr }).toMatchObject({ code: 0 });
      isFinished = true;
      reruns++;
    }

    const db = openDatabase(killed, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(getLastRun(db, "crawl")?.status).toBe("done");
      expect(countFrontier(db, getLastRun(db, "crawl")!.key)).toEqual({ pending: 0, done: 0 });
    } finally {
      db.close();
    }
    expect(exportText(killed)).toBe(expected);
    // Only what was in flight at each kill is asked for again.
    const killedRequests = replay.stats().requests;
    expect(killedRequests - cleanRequests).toBeLessThanOrEqual(KILLS * 8 * 2);
    process.stderr.write(
      `kill test: ${MODELS} synthetic models, clean run ${cleanMs} ms and ${cleanRequests} requests; ` +
        `killed at ${instants.join(", ")} ms after start, ${reruns} final rerun(s), ` +
        `${killedRequests} requests in all\n`,
    );
  }, 240_000);
});
