// Benchmark (not a test): whether a forced walk's cost per request stays flat as the family grows. A synthetic Hub
// replay in its own process (loopback); per family (the largest, one near --medium models, one of 20-200): a forced
// walk (`crawl --seed <base> --direction down --plan walk`, progress lines included) into a fresh WAL file database,
// and a plain BFS client over the same listings at the same concurrency that only fetches and parses (no store).
// Prints requests/s, the ratios big/small and walk/BFS, the walk's wall time per request by tenth of its requests
// (does a request get slower as the stored family grows?), and CPU µs per request by where the CPU profile's
// samples fall (Hub fetch+parse, ingest, descendant/org counts, frontier, progress, GC, other), the load average.
// Run: npx tsx bench/walk-bench.ts [--models 600000] [--medium 5000] [--runs 1] [--port 7971] [--families big,medium,small]
import { mkdtempSync, rmSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { crawl } from "../crawler/crawl";
import { connectHub } from "../crawler/hub/connect-hub";
import { parseHubRecord } from "../crawler/hub/parse-hub-record";
import { createProgressReporter } from "../crawler/progress";
import { openDatabase } from "../db/open-database";
import { idKey } from "../lineage/id-key";
import { createSyntheticHub, type SyntheticHub } from "../replay/synthetic-hub";
import { median, readCount, readOption } from "./bench-options";
import { startReplayProcess, stopReplayProcess } from "./replay-process";

const CONCURRENCY = 8;
const SEED = 3;
const RATE = "1000000/1";

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

interface Family {
  label: string;
  id: string;
  size: number;
}

/** The family of base `i` (itself and every model below), or null once it passes `cap` models. */
function familySize(hub: SyntheticHub, i: number, cap: number): number | null {
  const family = new Set([i]);
  for (const member of family) {
    const children = hub.childIndexes(member);
    for (let k = 0; k < children.length; k++) family.add(children[k]);
    if (family.size > cap) return null;
  }
  return family.size;
}

/** The base whose family size is nearest `target` (within [min, max]). */
function familyNear(hub: SyntheticHub, label: string, target: number, min: number, max: number): Family {
  let best: Family | null = null;
  for (let i = 0; i < hub.size; i++) {
    if (hub.declaredParents(i).length > 0 || hub.childIndexes(i).length === 0) continue;
    const size = familySize(hub, i, max);
    if (size === null || size < min) continue;
    if (!best || Math.abs(size - target) < Math.abs(best.size - target)) best = { label, id: hub.id(i), size };
    if (size === target) break;
  }
  if (!best) throw new Error(`walk bench: no family of ${min} to ${max} models in this synthetic Hub`);
  return best;
}

// Where a CPU sample's time goes: the innermost frame matching a rule names it (so the SQL a frontier function runs
// inside ingest's transaction counts as frontier, a record parsed inside ingestPage as fetch+parse).
const CATEGORIES: [string, (url: string, name: string) => boolean][] = [
  ["fetch+parse", (url) => url.includes("/crawler/hub/") || url.includes("undici") || url.startsWith("node:")],
  ["progress", (url, name) => url.endsWith("/crawler/progress.ts") || name === "report"],
  ["frontier", (url, name) => url.endsWith("/db/frontier.ts") || url.endsWith("/frontier-pool.ts") || name === "check"],
  ["org counts", (url) => url.endsWith("/db/counts/org-counts.ts")],
  ["descendant counts", (url) => url.includes("/db/counts/")],
  ["ingest", (url) => url.endsWith("/ingest-page.ts") || url.includes("/db/")],
];
const SPECIAL = new Map([
  ["(garbage collector)", "gc"],
  ["(idle)", "idle"],
  ["(program)", "program"],
]);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** CPU ms per category from a V8 CPU profile, plus the heaviest "other" frames (self time) to look at. */
function splitProfile(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }) {
  const parent = new Map<number, ProfileNode>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node);
  }
  const category = new Map<number, string>();
  const categoryOf = (node: ProfileNode): string => {
    const known = category.get(node.id);
    if (known) return known;
    const special = SPECIAL.get(node.callFrame.functionName);
    let found = special ?? null;
    for (let at: ProfileNode | undefined = node; !found && at; at = parent.get(at.id)) {
      const { url, functionName } = at.callFrame;
      for (const [name, matches] of CATEGORIES) {
        if (matches(url, functionName)) {
          found = name;
          break;
        }
      }
    }
    category.set(node.id, found ?? "other");
    return found ?? "other";
  };
  const ms = new Map<string, number>();
  const otherSelf = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let k = 0; k < samples.length; k++) {
    const node = byId.get(samples[k])!;
    const name = categoryOf(node);
    const delta = (deltas[k] ?? 0) / 1000;
    ms.set(name, (ms.get(name) ?? 0) + delta);
    if (name === "other" || name.endsWith("counts")) {
      // A native frame (a statement's run/get/all) is named with its JS caller.
      const caller = node.callFrame.url === "" ? parent.get(node.id) : undefined;
      const where = (n: ProfileNode) =>
        `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*\/(?=(db|crawler|lineage|common)\/)/, "")}`;
      const frame = caller ? `${where(node)}< ${where(caller)}` : where(node);
      otherSelf.set(frame, (otherSelf.get(frame) ?? 0) + delta);
    }
  }
  const topOther = [...otherSelf].sort((a, b) => b[1] - a[1]).slice(0, 6);
  return { ms, topOther };
}

interface Sample {
  ms: number;
  requests: number;
  cpuMs: number;
  /** Wall ms of each tenth of the requests (the walk's), in order. */
  tenths: number[];
  profile: ReturnType<typeof splitProfile>;
}

async function profiled(session: Session, run: () => Promise<void>): Promise<ReturnType<typeof splitProfile>> {
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  let stopped: { profile: unknown };
  try {
    await run();
  } finally {
    stopped = await session.post("Profiler.stop");
    await session.post("Profiler.disable");
  }
  return splitProfile(stopped.profile as never);
}

/** The forced walk of `family` into a fresh WAL database file, as `crawl --direction down --plan walk` runs it. */
async function walkOnce(url: string, family: Family, expected: number, session: Session): Promise<Sample> {
  const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), "hf-lineage-walk-"));
  const db = openDatabase(join(dir, "lineage.db"));
  try {
    const connection = connectHub({ hubUrl: url, rate: RATE, concurrency: CONCURRENCY }, {});
    // The progress lines the CLI prints when not on a terminal, written nowhere.
    const progress = createProgressReporter({
      stream: new Writable({ write: (_chunk, _encoding, done) => done() }),
      isTty: false,
      budget: () => connection.budgets()[0] ?? null,
    });
    const step = Math.max(1, Math.floor(expected / 10));
    const marks: number[] = [];
    let started = 0;
    let requests = 0;
    let ms = 0;
    const cpuBefore = process.cpuUsage();
    const profile = await profiled(session, async () => {
      started = performance.now();
      const summary = await crawl(
        { seeds: [family.id], direction: "down", plan: "walk", concurrency: CONCURRENCY },
        {
          db,
          hub: connection.hub,
          requestCounts: connection.counts,
          onProgress: (p) => {
            progress.update(p);
            while (p.requests >= (marks.length + 1) * step && marks.length < 10) {
              marks.push(performance.now());
              const elapsed = marks[marks.length - 1] - started;
              process.stderr.write(`    ${fmt(p.requests)} requests after ${(elapsed / 1000).toFixed(1)} s\n`);
            }
          },
        },
      );
      progress.finish();
      ms = performance.now() - started;
      requests = summary.requests;
      if (summary.status !== "done") throw new Error(`walk bench: the walk of ${family.id} ended ${summary.status}`);
    });
    const cpu = process.cpuUsage(cpuBefore);
    // The last tenth runs to the end of the crawl: the counts rebuilt there belong to it.
    const ends = [...marks.slice(0, 9), started + ms];
    const tenths = ends.map((end, k) => (end - (k === 0 ? started : ends[k - 1])) / step);
    return { ms, requests, cpuMs: (cpu.user + cpu.system) / 1000, tenths, profile };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The baseline: the same listings (the base's record, then every family member's children, page by page), breadth
 * first at the same concurrency through the same Hub client, each record parsed, nothing stored.
 */
async function bfsOnce(url: string, family: Family, session: Session): Promise<Sample> {
  const connection = connectHub({ hubUrl: url, rate: RATE, concurrency: CONCURRENCY }, {});
  const { hub } = connection;
  let ms = 0;
  const cpuBefore = process.cpuUsage();
  const profile = await profiled(session, async () => {
    const started = performance.now();
    await hub.getModelRecord(family.id);
    const seen = new Set([idKey(family.id)]);
    const queue = [family.id];
    let head = 0;
    let busy = 0;
    let waiters: (() => void)[] = [];
    const wakeAll = () => {
      const woken = waiters;
      waiters = [];
      for (const resolve of woken) resolve();
    };
    const worker = async (): Promise<void> => {
      for (;;) {
        if (head === queue.length) {
          if (busy === 0) {
            wakeAll();
            return;
          }
          await new Promise<void>((resolve) => waiters.push(resolve));
          continue;
        }
        const id = queue[head++];
        busy++;
        let cursor: string | null = null;
        do {
          const page = await hub.listChildrenPage(id, cursor);
          for (const record of page.records) {
            const { model } = parseHubRecord(record);
            if (model && !seen.has(idKey(model.id))) {
              seen.add(idKey(model.id));
              queue.push(model.id);
            }
          }
          cursor = page.nextUrl;
        } while (cursor);
        busy--;
        wakeAll();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    ms = performance.now() - started;
  });
  const cpu = process.cpuUsage(cpuBefore);
  return { ms, requests: connection.counts().requests, cpuMs: (cpu.user + cpu.system) / 1000, tenths: [], profile };
}

const CPU_COLUMNS = [
  "fetch+parse",
  "ingest",
  "descendant counts",
  "org counts",
  "frontier",
  "progress",
  "gc",
  "program",
  "other",
];

function describe(what: string, samples: Sample[]): string {
  const rate = median(samples.map((s) => s.requests / (s.ms / 1000)));
  const last = samples[samples.length - 1];
  const perRequest = (ms: number) => ((ms * 1000) / last.requests).toFixed(0);
  // The profile's ticks are wall-clock (a descheduled process's wait lands on the next sample), so its shares are
  // scaled to the CPU time process.cpuUsage measured.
  const sampled = CPU_COLUMNS.reduce((sum, name) => sum + (last.profile.ms.get(name) ?? 0), 0);
  const scale = sampled > 0 ? last.cpuMs / sampled : 0;
  const cpu = CPU_COLUMNS.map((name) => `${name} ${perRequest((last.profile.ms.get(name) ?? 0) * scale)}`).join(", ");
  const other = last.profile.topOther.map(([frame, ms]) => `${frame} ${perRequest(ms * scale)}`).join("; ");
  const tenths =
    last.tenths.length > 0 ? `\n    wall ms/request by tenth: ${last.tenths.map((t) => t.toFixed(2)).join(" ")}` : "";
  return (
    `  ${what}: ${fmt(last.requests)} requests, median ${(median(samples.map((s) => s.ms)) / 1000).toFixed(2)} s, ` +
    `${fmt(rate)} requests/s; CPU ${perRequest(last.cpuMs)} µs/request (process.cpuUsage), by profile share: ${cpu}` +
    `${tenths}\n    heaviest counts and other frames, self time (µs/request): ${other || "none"}; load ${load()}\n`
  );
}

async function main(): Promise<void> {
  const models = readCount("--models", 600_000);
  const medium = readCount("--medium", 5000);
  const runs = readCount("--runs", 1);
  const port = readCount("--port", 7971);
  const wanted = readOption("--families", "big,medium,small").split(",");
  process.stdout.write(
    `walk bench: ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, node ${process.version}; ${fmt(models)}-model ` +
      `synthetic Hub (seed ${SEED}) in a child process on 127.0.0.1:${port}, concurrency ${CONCURRENCY}, median of ` +
      `${runs}, CPU profile sampled every 0.5 ms; load ${load()}\n`,
  );
  const hub = createSyntheticHub({ models, seed: SEED });
  const largest = hub.shape().largestFamilies[0];
  const families = [
    { label: "big", id: largest.id, size: largest.size },
    familyNear(hub, "medium", medium, Math.floor(medium / 2), medium * 2),
    familyNear(hub, "small", 100, 20, 200),
  ].filter((family) => wanted.includes(family.label));
  const { url, child } = await startReplayProcess(models, SEED, port);
  const session = new Session();
  session.connect();
  const rates = new Map<string, { walk: number; bfs: number }>();
  try {
    // Warms the replay and this process; a walk asks the Hub its size, for which the replay sorts by createdAt once.
    await bfsOnce(url, families[families.length - 1], session);
    await connectHub({ hubUrl: url, rate: RATE }, {}).hub.countModels();
    for (const family of families) {
      process.stdout.write(`${family.label} family ${family.id} (${fmt(family.size)} models):\n`);
      const bfs: Sample[] = [];
      const walks: Sample[] = [];
      for (let run = 0; run < runs; run++) {
        bfs.push(await bfsOnce(url, family, session));
        process.stdout.write(describe("plain BFS client", bfs.slice(-1)));
        walks.push(await walkOnce(url, family, bfs[bfs.length - 1].requests, session));
        process.stdout.write(describe("forced walk", walks.slice(-1)));
      }
      if (runs > 1) {
        process.stdout.write(describe(`plain BFS client, median of ${runs}`, bfs));
        process.stdout.write(describe(`forced walk, median of ${runs}`, walks));
      }
      const rate = (samples: Sample[]) => median(samples.map((s) => s.requests / (s.ms / 1000)));
      rates.set(family.label, { walk: rate(walks), bfs: rate(bfs) });
      process.stdout.write(`  walk/BFS ${(rate(walks) / rate(bfs)).toFixed(2)}x\n`);
    }
    const small = rates.get("small");
    for (const [label, rate] of rates) {
      if (small && label !== "small")
        process.stdout.write(
          `${label}/small requests/s: walk ${(rate.walk / small.walk).toFixed(2)}x, BFS ${(rate.bfs / small.bfs).toFixed(2)}x\n`,
        );
    }
  } finally {
    session.disconnect();
    await stopReplayProcess(child);
  }
}

main().catch((error) => {
  process.stderr.write(`walk bench: ${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
