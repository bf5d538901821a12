// Benchmark (not a test): /api/stats latency and the server's memory while exports stream to fast and slow readers,
// and the longest synchronous step of an export (whole graph, largest family) read in this process.
// Run: npx tsx bench/export-under-load.ts [--models 170000] [--seed 1] [--slow 50] [--seconds 20] [--port 7950]
//      [--format graphml] [--max-exports 8] [--no-steps] [--gc-probe]
// --gc-probe: the server runs a full collection before each memoryUsage sample (live memory only; slows it).
// The server (createApp, as `serve` runs it) is a child process, so its RSS (from /proc) is the server's alone; the
// database is built once from the synthetic Hub (as bench/query-bench.ts builds it) and kept in /tmp.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { exportGraph, type ExportFormat } from "../db/export/export";
import { openDatabase } from "../db/open-database";
import { createSyntheticHub } from "../replay/synthetic-hub";
import { openSyntheticDatabase } from "./synthetic-database";

interface Options {
  models: number;
  seed: number;
  slow: number;
  seconds: number;
  port: number;
  db: string;
  format: string;
  maxExports: number;
  steps: boolean;
  gcProbe: boolean;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      models: { type: "string", default: "170000" },
      seed: { type: "string", default: "1" },
      slow: { type: "string", default: "50" },
      seconds: { type: "string", default: "20" },
      port: { type: "string", default: "7950" },
      db: { type: "string" },
      format: { type: "string", default: "graphml" },
      "max-exports": { type: "string", default: "8" },
      "no-steps": { type: "boolean", default: false },
      "gc-probe": { type: "boolean", default: false },
    },
  });
  const models = Number(values.models);
  const seed = Number(values.seed);
  return {
    models,
    seed,
    slow: Number(values.slow),
    seconds: Number(values.seconds),
    port: Number(values.port),
    db: values.db ?? `/tmp/hf-lineage-query-bench-${models}-${seed}.db`,
    format: values.format,
    maxExports: Number(values["max-exports"]),
    steps: !values["no-steps"],
    gcProbe: values["gc-probe"],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** The server child's latest process.memoryUsage() (it prints one every 250 ms). */
let serverMemory: ServerMemory | null = null;

const MEMORY_FIELDS = [
  "rss",
  "heapTotal",
  "heapUsed",
  "external",
  "arrayBuffers",
  "new_space",
  "old_space",
  "large_object_space",
] as const;

/** Each field of the server's memoryUsage in MiB, as a delta from `base` when given. */
type ServerMemory = Record<(typeof MEMORY_FIELDS)[number], number>;

function memoryLine(memory: ServerMemory | null, base?: ServerMemory | null): string {
  if (memory === null) return "no memoryUsage from the server";
  return MEMORY_FIELDS.map((field) => {
    const mib = (memory[field] - (base?.[field] ?? 0)) / 2 ** 20;
    return `${field} ${base ? (mib >= 0 ? "+" : "") : ""}${mib.toFixed(0)}`;
  }).join(", ");
}

/** The server as `serve` runs it (createApp on the database), in a child process, with `--max-exports` slots. */
function startServer(options: Options): Promise<ChildProcess> {
  const script = `require("tsx/cjs");
    const db = require(${JSON.stringify(resolve(__dirname, "../db/open-database.ts"))}).openDatabase(${JSON.stringify(options.db)});
    require(${JSON.stringify(resolve(__dirname, "../server/create-app.ts"))})
      .createApp({ db, exportLimits: { maxExports: ${options.maxExports} } })
      .listen(${options.port}, "127.0.0.1", () => process.stderr.write("listening on\\n"));
    setInterval(() => (${options.gcProbe} && global.gc(), process.stderr.write("memory " + JSON.stringify({ ...process.memoryUsage(), ...Object.fromEntries(require("node:v8").getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size])) }) + "\\n")), 250).unref();`;
  const child = spawn(process.execPath, [...(options.gcProbe ? ["--expose-gc"] : []), "-e", script], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolveStart, reject) => {
    let stderr = "";
    let partial = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("memory ")) serverMemory = JSON.parse(line.slice("memory ".length));
        else stderr += `${line}\n`;
        if (line.includes("listening on")) resolveStart(child);
      }
    });
    child.on("close", (code) => {
      const error = new Error(`server exited ${code}: ${stderr}`);
      reject(error);
      process.stderr.write(`export-under-load: ${error.message}\n`);
    });
  });
}

/** Asks /api/stats every `everyMs` until `until` resolves; the latencies in ms. */
async function sampleStats(base: string, until: Promise<unknown>, everyMs = 20): Promise<number[]> {
  let isDone = false;
  void until.then(() => (isDone = true));
  const ms: number[] = [];
  while (!isDone) {
    const start = performance.now();
    const status = await new Promise<number>((resolveGet, reject) =>
      get(`${base}/api/stats`, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolveGet(res.statusCode ?? 0));
      }).on("error", reject),
    );
    if (status !== 200) throw new Error(`/api/stats answered ${status}`);
    ms.push(performance.now() - start);
    await sleep(everyMs);
  }
  return ms;
}

function summary(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return `n=${sorted.length} p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`;
}

/** A reader taking the export as fast as it comes; resolves with its status, bytes and time. */
function fastExport(url: string): Promise<{ status: number; bytes: number; ms: number }> {
  const start = performance.now();
  return new Promise((resolveRead, reject) => {
    get(url, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolveRead({ status: res.statusCode ?? 0, bytes, ms: performance.now() - start }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

interface SlowReader {
  status: Promise<number>;
  stop(): void;
}

/** A reader taking `bytesPerSecond` of the export (the rest waits in its socket and the server). */
function slowExport(url: string, bytesPerSecond: number): SlowReader {
  let response: IncomingMessage | null = null;
  let timer: NodeJS.Timeout | undefined;
  const request = get(url);
  const status = new Promise<number>((resolveStatus) => {
    request.on("response", (res) => {
      response = res;
      resolveStatus(res.statusCode ?? 0);
      if (res.statusCode !== 200) return res.resume();
      res.pause();
      timer = setInterval(() => res.read(Math.min(bytesPerSecond, res.readableLength)), 1000);
    });
    request.on("error", () => resolveStatus(0));
  });
  return {
    status,
    stop() {
      clearInterval(timer);
      response?.destroy();
      request.destroy();
    },
  };
}

/**
 * The longest synchronous steps of exports read in this process (each step is what the server does in one turn):
 * the whole graph in `format`, and the family of the model with the most children, in CPU and wall milliseconds.
 */
function measureSteps(path: string, format: string): void {
  const db = openDatabase(path, { readonly: true });
  try {
    const root = db.prepare("SELECT parent FROM edges GROUP BY parent ORDER BY count(*) DESC LIMIT 1").pluck().get();
    for (const scope of [{}, { root: String(root) }]) {
      const chunks = exportGraph(db, { format: format as ExportFormat, ...scope })[Symbol.iterator]();
      const cpu: number[] = [];
      const wall: number[] = [];
      for (let done = false; !done; ) {
        const started = performance.now();
        const usage = process.cpuUsage();
        done = chunks.next().done ?? true;
        const { user, system } = process.cpuUsage(usage);
        cpu.push((user + system) / 1000);
        wall.push(performance.now() - started);
      }
      console.log(
        `steps of a ${format} export of ${"root" in scope ? `the family of ${scope.root}` : "the whole graph"}: ` +
          `${cpu.length} chunks; CPU ${summary(cpu)}; wall ${summary(wall)}`,
      );
    }
  } finally {
    db.close();
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function main(): Promise<void> {
  const options = readOptions();
  const hub = createSyntheticHub({ models: options.models, seed: options.seed });
  openSyntheticDatabase(hub, options.db).close();
  console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, node ${process.version}; load average ${load()}`);
  if (options.steps) measureSteps(options.db, options.format);
  const server = await startServer(options);
  const pid = server.pid!;
  const base = `http://127.0.0.1:${options.port}`;
  const exportUrl = `${base}/api/export?format=${options.format}`;
  try {
    await sampleStats(base, sleep(500));
    const idle = await sampleStats(base, sleep(3000));
    const rssIdle = rssMiB(pid);
    const memoryIdle = serverMemory;
    console.log(`idle: /api/stats ${summary(idle)}; server RSS ${rssIdle.toFixed(0)} MiB`);
    console.log(`  server memoryUsage (MiB): ${memoryLine(memoryIdle)}`);

    const fast = fastExport(exportUrl);
    const during = await sampleStats(base, fast);
    const done = await fast;
    console.log(
      `one fast ${options.format} export (HTTP ${done.status}, ${(done.bytes / 2 ** 20).toFixed(1)} MiB in ` +
        `${(done.ms / 1000).toFixed(1)} s): /api/stats ${summary(during)}; RSS ${rssMiB(pid).toFixed(0)} MiB`,
    );

    const readers = Array.from({ length: options.slow }, () => slowExport(exportUrl, 1024));
    let peak = rssIdle;
    let memoryAtPeak = memoryIdle;
    const watchRss = setInterval(() => {
      const rss = rssMiB(pid);
      if (rss > peak) {
        peak = rss;
        memoryAtPeak = serverMemory;
      }
    }, 250);
    const slowStats = await sampleStats(base, sleep(options.seconds * 1000));
    const statuses = await Promise.all(readers.map((r) => r.status));
    const counts = new Map<number, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    clearInterval(watchRss);
    const answers = [...counts].map(([s, n]) => `${n}x HTTP ${s}`).join(", ");
    console.log(
      `${options.slow} readers at 1 KB/s for ${options.seconds} s (answers: ${answers}): ` +
        `/api/stats ${summary(slowStats)}; RSS peak ${peak.toFixed(0)} MiB ` +
        `(+${(peak - rssIdle).toFixed(0)} MiB = +${(((peak - rssIdle) * 2 ** 20) / 1e6).toFixed(0)} MB)`,
    );
    console.log(`  server memoryUsage at the peak, from idle (MiB): ${memoryLine(memoryAtPeak, memoryIdle)}`);
    for (const reader of readers) reader.stop();
    const after = await sampleStats(base, sleep(5000));
    console.log(`5 s after they left: /api/stats ${summary(after)}; RSS ${rssMiB(pid).toFixed(0)} MiB`);
    console.log(`load average after: ${load()} (${cpus().length} cores, shared with other work)`);
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `export-under-load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
