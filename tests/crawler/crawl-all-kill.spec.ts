// `crawl --all` against a synthetic Hub: the whole Hub by sweep at about one request per 1,000 models, and a run
// killed with SIGKILL mid-sweep resumes to the same export as an uninterrupted one.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openDatabase } from "../../db/open-database";
import { getLastRun } from "../../db/runs";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { exportText } from "../helpers/export-text";

const BIN = resolve(__dirname, "../../bin/hf-lineage.js");
const MODELS = 15_000;

function startCrawl(args: string[]) {
  const child = spawn(process.execPath, [BIN, "crawl", "--all", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HF_TOKEN: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolveExit) => child.on("close", (code, signal) => resolveExit({ code, signal, stdout, stderr })),
  );
  return { done, kill: () => child.kill("SIGKILL"), stderr: () => stderr };
}

describe("crawl --all", () => {
  let replay: HubReplay;
  let dir: string;
  const args = (db: string) => ["--db", db, "--hub-url", replay.url, "--rate", "100000/1"];

  beforeAll(async () => {
    replay = await startHubReplay({ synthetic: { models: MODELS, seed: 5 } });
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-all-"));
  });

  afterAll(async () => {
    await replay?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("sweeps the whole Hub at most one request per 450 models, says its cost first, and resumes after kill -9", async () => {
    const reference = join(dir, "reference.db");
    const clean = await startCrawl(args(reference)).done;
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.stderr.split("\n")[0]).toMatch(/^crawl --all: the whole Hub, .+ requests/);
    expect(clean.stdout).toMatch(/plan: sweep of the whole Hub, as asked \(--all\)/);
    const requests = replay.stats().requests;
    expect(requests).toBeLessThanOrEqual(MODELS / 450);
    const expected = exportText(reference);
    expect(expected.split("\n").filter((line) => line.startsWith('{"type":"model"')).length).toBe(MODELS);

    replay.resetStats();
    const killed = join(dir, "killed.db");
    const first = startCrawl(args(killed));
    // Killed once the sweep is under way: its first progress line is out.
    await new Promise<void>((ready) => {
      const timer = setInterval(() => {
        if (first.stderr().includes("sweep:")) {
          clearInterval(timer);
          ready();
        }
      }, 20);
      void first.done.then(() => {
        clearInterval(timer);
        ready();
      });
    });
    first.kill();
    await first.done;
    const rerun = await startCrawl(args(killed)).done;
    expect(rerun).toMatchObject({ code: 0 });
    const db = openDatabase(killed, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(getLastRun(db, "crawl")?.status).toBe("done");
    } finally {
      db.close();
    }
    expect(exportText(killed)).toBe(expected);
    // The rerun continued the sweep: both runs together asked little more than one clean run.
    expect(replay.stats().requests).toBeLessThanOrEqual(requests + 4);
  }, 400_000);
});
