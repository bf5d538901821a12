// Acceptance: a replay Hub revealing models over time. Crawl at T1, reveal up to T2, `watch --once`: exactly the
// models created in (T1, T2] under the tracked families become events, each once (expected set computed here from
// the served records); a second --once costs one request and adds nothing; watchers killed at random instants,
// then rerun, end with the same events. Runs on the synthetic Hub, and on the recorded Hub data when present.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../cli/main";
import { openDatabase } from "../../db/open-database";
import { listPending } from "../../db/fork-events";
import { listTrackedFamilies } from "../../db/tracked-families";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import type { HubStore } from "../../replay/hub-store";
import { describeWithHubData, HUB_DATA } from "../helpers/hub-data";
import { seededRandom } from "../helpers/test-seed";
import { captureIo } from "../helpers/capture-io";
import { storedForkEvents } from "../helpers/stored-fork-events";

const CLI = resolve(__dirname, "../../bin/hf-lineage.js");

/** "root<model relation depth", the identity and content of one event. */
type EventLine = string;

/**
 * The events a correct watcher records: for each seed, every model visible at T2 that derives from it through the
 * served records' base_model tags (breadth-first, each at its fewest hops), created in (T1, T2].
 */
function expectedEvents(store: HubStore, seeds: string[], t1: string, t2: string): EventLine[] {
  const t1Ms = Date.parse(t1);
  const t2Ms = Date.parse(t2);
  const children = new Map<number, number[]>();
  for (let i = 0; i < store.size; i++) {
    if (store.createdAtMs(i) > t2Ms) continue;
    for (const parent of store.declaredParents(i)) {
      if (parent.index < 0) continue;
      children.set(parent.index, [...(children.get(parent.index) ?? []), i]);
    }
  }
  const lines: EventLine[] = [];
  for (const seed of seeds) {
    const found = store.lookup(seed);
    if (found?.kind !== "model") throw new Error(`seed ${seed} is not served`);
    const depth = new Map<number, number>([[found.index, 0]]);
    let level = [found.index];
    for (let d = 1; level.length > 0; d++) {
      const next: number[] = [];
      for (const parent of level) {
        for (const child of children.get(parent) ?? []) {
          if (depth.has(child)) continue;
          depth.set(child, d);
          next.push(child);
        }
      }
      level = next;
    }
    for (const [index, d] of depth) {
      const created = store.createdAtMs(index);
      if (d > 0 && created > t1Ms && created <= t2Ms)
        lines.push(`${seed}<${store.id(index)} ${store.relation(index)} ${d}`);
    }
  }
  return lines.sort();
}

/** Models a killed poll stored but did not turn into events yet. */
function countPending(dbPath: string): number {
  const db = openDatabase(dbPath);
  try {
    return listPending(db).length;
  } finally {
    db.close();
  }
}

const storedEvents = storedForkEvents;

/** Fork lines a watcher printed, as EventLines (`fork    ROOT <- MODEL  RELATION, depth N...`). */
function printedEvents(stdout: string): EventLine[] {
  return stdout
    .split("\n")
    .map((line) => /^fork +(\S+) <- (\S+) {2}(\S+), depth (\d+)/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, root, model, relation, depth]) => `${root}<${model} ${relation} ${depth}`);
}

async function crawlAt(replay: HubReplay, t1: string, dbPath: string, seeds: string[]): Promise<void> {
  replay.setCutoff(t1);
  const { out, io } = captureIo();
  const code = await main(
    [
      "crawl",
      ...seeds.flatMap((seed) => ["--seed", seed]),
      "--db",
      dbPath,
      "--hub-url",
      replay.url,
      "--rate",
      "100000/1",
    ],
    io,
  );
  if (code !== 0) throw new Error(`crawl failed (${code}): ${out.stderr}`);
}

/** The `top` largest families of the store at `at`: roots by number of descendants visible then. */
function largestFamilies(store: HubStore, top: number, at: string): string[] {
  const atMs = Date.parse(at);
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  for (let i = 0; i < store.size; i++) {
    if (store.createdAtMs(i) > atMs) continue;
    const parents = store.declaredParents(i).filter((p) => p.index >= 0);
    if (parents.length === 0) roots.push(i);
    for (const parent of parents) children.set(parent.index, [...(children.get(parent.index) ?? []), i]);
  }
  const size = (root: number) => {
    const seen = new Set<number>();
    const queue = [root];
    while (queue.length)
      for (const child of children.get(queue.shift()!) ?? [])
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
    return seen.size;
  };
  return roots
    .map((root) => [root, size(root)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([root]) => store.id(root));
}

interface Scenario {
  name: string;
  start: () => Promise<HubReplay>;
  t1: string;
  t2: string;
  seeds: (store: HubStore) => string[];
  /** Fewest events the scenario must produce, so that a watcher finding nothing cannot pass. */
  minEvents: number;
}

function describeScenario(scenario: Scenario, describeFn: (name: string, fn: () => void) => void): void {
  describeFn(`watch --once on ${scenario.name}`, () => {
    let replay: HubReplay;
    let dir: string;
    let seeds: string[];
    let expected: EventLine[];
    beforeAll(async () => {
      replay = await scenario.start();
      dir = mkdtempSync(join(tmpdir(), "hf-lineage-watch-"));
      seeds = scenario.seeds(replay.store);
      expected = expectedEvents(replay.store, seeds, scenario.t1, scenario.t2);
    });
    afterAll(async () => {
      await replay.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("records exactly the forks created in (T1, T2] under the tracked families, once; then idles at one request", async () => {
      expect(expected.length).toBeGreaterThanOrEqual(scenario.minEvents);
      const dbPath = join(dir, "once.db");
      await crawlAt(replay, scenario.t1, dbPath, seeds);
      replay.setCutoff(scenario.t2);

      const first = captureIo();
      expect(await main(["watch", "--once", "--db", dbPath, "--hub-url", replay.url], first.io)).toBe(0);
      expect(storedEvents(dbPath)).toEqual(expected);
      expect(printedEvents(first.out.stdout).sort()).toEqual(expected);

      replay.resetStats();
      const second = captureIo();
      expect(await main(["watch", "--once", "--db", dbPath, "--hub-url", replay.url], second.io)).toBe(0);
      expect(replay.stats().requests).toBe(1);
      expect(replay.stats().byRoute.list).toBe(1);
      expect(printedEvents(second.out.stdout)).toEqual([]);
      expect(second.out.stderr).toMatch(/poll: 1 request, .* 0 new, 0 changed, 0 events/);
      expect(storedEvents(dbPath)).toEqual(expected);
    });

    it("loses and repeats nothing when watchers are killed at random instants and rerun", async () => {
      const dbPath = join(dir, "killed.db");
      await crawlAt(replay, scenario.t1, dbPath, seeds);
      // Slow listings stretch each poll so that kills land before, between and after its pages and its commit; the
      // Hub reveals half of (T1, T2] to the first runs and the rest to the later ones, each reveal several pages.
      const random = seededRandom(`${scenario.name} kill instants`, 12345);
      const printed: EventLine[] = [];
      const kills: string[] = [];
      let killsMidPoll = 0;
      const t1Ms = Date.parse(scenario.t1);
      const middle = new Date(t1Ms + (Date.parse(scenario.t2) - t1Ms) / 2);
      try {
        for (let step = 1; step <= 8; step++) {
          replay.setCutoff(step <= 4 ? middle : scenario.t2);
          // The first run of each reveal is killed as soon as it has stored a page (its listings slowed to 1 s, so
          // the kill surely lands before the commit); the others at random instants from the start of the process
          // or from its first listing request.
          const kill: KillPlan =
            step % 4 === 1
              ? { from: "pending", ms: 0 }
              : step % 2 === 0
                ? { from: "spawn", ms: 200 + Math.floor(random() * 1500) }
                : { from: "first-list", ms: 50 + Math.floor(random() * 800) };
          replay.setFaults({ delayMs: kill.from === "pending" ? 1000 : [100, 400], routes: ["list"], seed: step });
          const pendingBefore = countPending(dbPath);
          const eventsBefore = storedEvents(dbPath);
          const run = await runWatchChild(replay, dbPath, kill);
          printed.push(...printedEvents(run.stdout));
          if (!run.wasKilled) continue;
          kills.push(`${kill.ms} ms after ${kill.from}`);
          if (countPending(dbPath) > pendingBefore) killsMidPoll++;
          if (kill.from === "pending") expect(storedEvents(dbPath)).toEqual(eventsBefore);
        }
        replay.setFaults({});
        const last = await runWatchChild(replay, dbPath, null);
        printed.push(...printedEvents(last.stdout));
      } finally {
        replay.setFaults({});
      }
      process.stderr.write(
        `${scenario.name}: killed ${kills.join("; ")}; ${killsMidPoll} kill(s) left newly stored models pending\n`,
      );
      // Kills between a stored page and the poll's commit are the case this test is about.
      expect(killsMidPoll).toBeGreaterThanOrEqual(2);
      expect(storedEvents(dbPath)).toEqual(expected);
      // An event is printed after its commit, so a kill can lose a line but never print one twice.
      expect(new Set(printed).size).toBe(printed.length);
      for (const line of printed) expect(expected).toContain(line);
      const db = openDatabase(dbPath, { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(
          listTrackedFamilies(db)
            .map((f) => f.id)
            .sort(),
        ).toEqual([...seeds].sort());
      } finally {
        db.close();
      }
    });
  });
}

type KillPlan = { from: "spawn" | "first-list" | "pending"; ms: number };

/**
 * `watch --once` in a child process, SIGKILLed `kill.ms` after it started, after the replay saw its first listing
 * request, or after the database shows a stored page pending; unless it exits first (null: never killed; it must
 * then succeed).
 */
function runWatchChild(replay: HubReplay, dbPath: string, kill: KillPlan | null) {
  return new Promise<{ wasKilled: boolean; stdout: string }>((resolvePromise, reject) => {
    const listedBefore = replay.stats().byRoute.list;
    const child = spawn(process.execPath, [CLI, "watch", "--once", "--db", dbPath, "--hub-url", replay.url], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, HF_TOKEN: "", HF_ENDPOINT: "" },
    });
    let stdout = "";
    let stderr = "";
    let wasKilled = false;
    let hasExited = false;
    const timers: NodeJS.Timeout[] = [];
    const killLater = (ms: number) =>
      timers.push(setTimeout(() => (wasKilled = !hasExited && child.kill("SIGKILL")), ms));
    if (kill?.from === "spawn") killLater(kill.ms);
    if (kill?.from === "first-list" || kill?.from === "pending") {
      const pendingBefore = kill.from === "pending" ? countPending(dbPath) : 0;
      const isReached = () =>
        kill.from === "first-list" ? replay.stats().byRoute.list > listedBefore : countPending(dbPath) > pendingBefore;
      const watchProgress = setInterval(() => {
        if (hasExited || isReached()) {
          clearInterval(watchProgress);
          killLater(kill.ms);
        }
      }, 5);
      timers.push(watchProgress);
    }
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      hasExited = true;
      for (const timer of timers) clearTimeout(timer);
      if (!wasKilled && code !== 0) reject(new Error(`watch exited ${code}: ${stderr}`));
      else resolvePromise({ wasKilled, stdout });
    });
  });
}

describeScenario(
  {
    name: "a synthetic Hub of 5,000 models",
    start: () => startHubReplay({ synthetic: { models: 5000, seed: 7 } }),
    t1: "2025-06-01T00:00:00.000Z",
    t2: "2026-06-30T00:00:00.000Z",
    seeds: (store) => largestFamilies(store, 3, "2025-06-01T00:00:00.000Z"),
    minEvents: 100,
  },
  describe,
);

describeScenario(
  {
    name: "the recorded Hub data",
    start: () => startHubReplay({ data: HUB_DATA }),
    t1: "2025-02-15T00:00:00.000Z",
    t2: "2025-07-31T00:00:00.000Z",
    seeds: (store) => largestFamilies(store, 4, "2025-02-15T00:00:00.000Z"),
    minEvents: 50,
  },
  describeWithHubData,
);
