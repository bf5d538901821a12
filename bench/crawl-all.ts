// Benchmark (not a test): the acceptance of `crawl --all` at size. A synthetic Hub replay in its own process; the
// CLI's `crawl --all` in another, as a user runs it. Run 1: a clean sweep into an empty database (requests as the
// replay counted them, against models / 450; retries; time). Run 2: the same sweep killed with SIGKILL once it has
// run for half the clean run's time (--kill-at), then rerun to the end: requests of both runs together, models stored, the
// same export as run 1. Baseline in the same run: the download of every sweep page alone (no store), so the
// crawl's time reads against what the pages themselves cost. Load average printed; the box is shared.
// Run: npx tsx bench/crawl-all.ts [--models 500000] [--kill-at 0.5] [--port 7980] [--no-kill]
//   [--kill-after SECONDS]
// --kill-at: the share of the clean run's time after which run 2 is killed; --kill-after: kill run 2 after this
// many seconds and skip the clean run and the download baseline (run 2 is then compared with the replay's size).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { connectHub } from "../crawler/hub/connect-hub";
import { openDatabase } from "../db/open-database";
import { startReplayProcess, stopReplayProcess } from "./replay-process";

const BIN = resolve(__dirname, "../bin/hf-lineage.js");
const SEED = 5;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!(value > 0)) throw new Error(`${name} takes a number > 0`);
  return value;
}

const MODELS = option("--models", 500_000);
const KILL_AT = option("--kill-at", 0.5);
const PORT = option("--port", 7980);
const WITH_KILL = !process.argv.includes("--no-kill");
const KILL_AFTER_S = process.argv.includes("--kill-after") ? option("--kill-after", 60) : null;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface ReplayCounters {
  requests: number;
  byStatus: Record<string, number>;
}

async function replayStats(url: string, reset = false): Promise<ReplayCounters> {
  const stats = (await (await fetch(`${url}/__replay/stats`)).json()) as ReplayCounters;
  if (reset) await fetch(`${url}/__replay/stats/reset`, { method: "POST" });
  return stats;
}

interface CrawlRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `crawl --all` in its own process, SIGKILLed after `killAfterMs` when given. */
function runCrawl(db: string, url: string, killAfterMs?: number): Promise<CrawlRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "crawl", "--all", "--db", db, "--hub-url", url, "--rate", "100000/1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HF_TOKEN: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  return new Promise((done) =>
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: performance.now() - started });
    }),
  );
}

/** Pages and models the killed run's sweep had staged or merged, from its stored cursor state. */
function sweepState(path: string): { pages: number; models: number } {
  const db = openDatabase(path, { readonly: true });
  try {
    const rows = db.prepare("SELECT value FROM crawl_state WHERE key LIKE '%:sweep'").pluck().all() as string[];
    const states = rows
      .filter((text) => text !== "")
      .map((text) => JSON.parse(text) as { pages: number; models: number });
    return states.reduce((sum, s) => ({ pages: sum.pages + s.pages, models: sum.models + s.models }), {
      pages: 0,
      models: 0,
    });
  } finally {
    db.close();
  }
}

/** "requests: 1,234 (5 retries), models: ..." of the summary. */
function summaryFigures(stdout: string): { requests: number; retries: number; models: number } {
  const match = /requests: ([\d,]+) \(([\d,]+) retries\), models: ([\d,]+)/.exec(stdout);
  const n = (i: number) => (match ? Number(match[i].replace(/,/g, "")) : Number.NaN);
  return { requests: n(1), retries: n(2), models: n(3) };
}

/** Models whose own record was read (not parents known by name only), and links, in a crawled database. */
function stored(path: string): { models: number; links: number } {
  const db = openDatabase(path, { readonly: true });
  try {
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      models: count("SELECT count(*) FROM models WHERE fetched_at IS NOT NULL"),
      links: count("SELECT count(*) FROM links"),
    };
  } finally {
    db.close();
  }
}

async function downloadOnly(url: string): Promise<{ ms: number; pages: number; models: number }> {
  const { hub } = connectHub({ hubUrl: url, rate: "100000/1" }, {});
  const started = performance.now();
  let models = 0;
  let pages = 0;
  let next: string | null = null;
  do {
    const page = await hub.sweepPage(next);
    models += page.records.length;
    pages++;
    next = page.nextUrl;
  } while (next);
  return { ms: performance.now() - started, pages, models };
}

/** Run 2: `crawl --all` SIGKILLed after `killAfterMs`, then rerun to the end; compared with the clean run if any. */
async function killAndResume(
  url: string,
  killedDb: string,
  killAfterMs: number,
  clean: { requests: number; models: number; links: number } | null,
): Promise<void> {
  const first = await runCrawl(killedDb, url, killAfterMs);
  const firstStats = await replayStats(url, true);
  const atKill = sweepState(killedDb);
  const rerun = await runCrawl(killedDb, url);
  const rerunStats = await replayStats(url, true);
  const rerunFigures = summaryFigures(rerun.stdout);
  const resumed = stored(killedDb);
  const against = clean
    ? `${fmt(clean.requests)} clean; ${fmt(resumed.models)} models and ${fmt(resumed.links)} links stored vs ` +
      `${fmt(clean.models)} and ${fmt(clean.links)} clean`
    : `${fmt(MODELS)} models served; ${fmt(resumed.models)} models and ${fmt(resumed.links)} links stored`;
  console.log(
    `killed: signal ${first.signal} after ${seconds(first.ms)}, ${fmt(atKill.pages)} pages ` +
      `(${fmt(atKill.models)} models) staged, ${fmt(firstStats.requests)} requests; rerun: exit ${rerun.code}, ` +
      `${seconds(rerun.ms)}, ${fmt(rerunStats.requests)} requests (${fmt(rerunFigures.retries)} retries); both: ` +
      `${fmt(firstStats.requests + rerunStats.requests)} requests vs ${against}; load ${load()}`,
  );
  console.log(rerun.stdout.split("\n").slice(0, 3).join("\n"));
}

async function main(): Promise<void> {
  console.log(`crawl --all acceptance: ${fmt(MODELS)} synthetic models (seed ${SEED}); load ${load()}`);
  const replay = await startReplayProcess(MODELS, SEED, PORT);
  const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), "hf-lineage-crawl-all-"));
  try {
    if (KILL_AFTER_S !== null) {
      await killAndResume(replay.url, join(dir, "killed.db"), KILL_AFTER_S * 1000, null);
      return;
    }
    const baseline = await downloadOnly(replay.url);
    await replayStats(replay.url, true);
    console.log(
      `download only: ${fmt(baseline.models)} models in ${fmt(baseline.pages)} pages, ${seconds(baseline.ms)}; ` +
        `load ${load()}`,
    );

    const clean = await runCrawl(join(dir, "clean.db"), replay.url);
    const cleanStats = await replayStats(replay.url, true);
    const figures = summaryFigures(clean.stdout);
    const cleanStored = stored(join(dir, "clean.db"));
    console.log(
      `clean: exit ${clean.code}, ${seconds(clean.ms)} (${(clean.ms / baseline.ms).toFixed(1)}x the download), ` +
        `replay counted ${fmt(cleanStats.requests)} requests (limit models/450 = ${fmt(MODELS / 450)}), ` +
        `statuses ${JSON.stringify(cleanStats.byStatus)}; summary: ${fmt(figures.requests)} requests, ` +
        `${fmt(figures.retries)} retries, ${fmt(figures.models)} models; ${fmt(cleanStored.models)} models and ${fmt(cleanStored.links)} links stored; ` +
        `load ${load()}`,
    );
    console.log(clean.stderr.split("\n")[0]);
    console.log(clean.stdout.split("\n")[1]);
    if (!WITH_KILL) return;

    await killAndResume(replay.url, join(dir, "killed.db"), clean.ms * KILL_AT, {
      requests: cleanStats.requests,
      ...cleanStored,
    });
  } finally {
    await stopReplayProcess(replay.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
