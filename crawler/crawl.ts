// The crawl engine: from seeds, up to the roots and down through every derivative (or a whole-Hub sweep when that
// is cheaper), into the store. Every run is recorded; the same command rerun after a kill continues the frontier.
import { createHash } from "node:crypto";
import type { Db } from "../db/open-database";
import { resolveId } from "../db/aliases";
import { refreshDescendantCounts } from "../db/counts/descendant-counts";
import { refreshOrgCounts } from "../db/counts/org-counts";
import { pinFirstWatermark } from "./watch/watermark";
import { clearFrontier, enqueue, nextPending } from "../db/frontier";
import { listProblems } from "../db/problems";
import { clearStagedPages } from "../db/sweep-pages";
import { findResumableRun, finishRun, startRun, updateRunCounters, type RunId } from "../db/runs";
import { trackFamily } from "../db/tracked-families";
import { CrawlTally, createRequestMeter, type CrawlContext, type RequestCounts } from "./crawl-context";
import { getHubSize, getLastSweep, getPlan, getSeedSizes, resetCrawlState, setPlan } from "./crawl-run-state";
import { learnHubSize } from "./learn-hub-size";
import type { HubClient } from "./hub/hub-client";
import { planCrawl, planWholeHub, replanWalk, type CrawlPlan, type PlanMode } from "./plan-crawl";
import type { CrawlProgress } from "./progress";
import { readCards } from "./read-cards";
import { sweep } from "./sweep";
import { planTopUp } from "./top-up";
import { walkDown } from "./walk-down";
import { walkUp } from "./walk-up";

export const DIRECTIONS = ["down", "up", "both"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface CrawlOptions {
  /** Hub ids to start from; each becomes a tracked family. */
  seeds: string[];
  /** The whole Hub by sweep (`crawl --all`), with no seeds. */
  all?: boolean;
  /** down: every derivative; up: every ancestor; both (default). */
  direction?: Direction;
  /** Levels to go below (and above) the seeds; null or absent: no limit. */
  depth?: number | null;
  /** walk, sweep (--sweep), or auto (default): the cheaper of the two. */
  plan?: PlanMode;
  /** Read every reached model's card (README.md), one request each. */
  cards?: boolean;
  /**
   * Infer parents from the cards read for models without declared ones (default true); the up-walk climbs them.
   * Cards are read only with `cards` or where cardData claims parents the tags lack, so this costs no request.
   */
  infer?: boolean;
  /** Ask again for models listed or read within the freshness window. */
  refresh?: boolean;
  /** How long a listing or record stays fresh; default DEFAULTS.freshForMs. */
  freshForMs?: number;
  /** Listings or records in flight at once; default DEFAULTS.concurrency. */
  concurrency?: number;
}

export interface CrawlDeps {
  db: Db;
  hub: HubClient;
  now?: () => Date;
  onProgress?: (progress: CrawlProgress) => void;
  /** Requests the Hub access layer has sent so far (e.g. hub-fetch's counters), charged to the pages they fetched. */
  requestCounts?: () => RequestCounts;
  /** Aborting stops the crawl between requests; the run is recorded as interrupted and resumes on a rerun. */
  signal?: AbortSignal;
}

export interface CrawlSummary {
  runId: RunId;
  /** The run this one continued (killed, interrupted or failed), if any. */
  resumedRunId: RunId | null;
  status: "done" | "interrupted";
  /** Null for an up-only crawl, which lists nothing. */
  plan: CrawlPlan | null;
  requests: number;
  retries: number;
  /** Models this run wrote (new, or not yet read by it). */
  models: number;
  /** Edges this run added, inferred ones included. */
  edges: number;
  /** Of which inferred from cards. */
  inferredEdges: number;
  problems: number;
  /** Seeds the Hub did not know or refused (gated, private), with the reason; all of them: the crawl found nothing. */
  missingSeeds: { id: string; reason: string }[];
  elapsedMs: number;
}

export const DEFAULTS = {
  direction: "both" as Direction,
  plan: "auto" as PlanMode,
  freshForMs: 24 * 3600 * 1000,
  concurrency: 4,
};

/** Options that cannot describe a crawl: an empty seed list, a bad id, direction or depth. */
export class CrawlOptionsError extends Error {
  constructor(
    message: string,
    readonly field: keyof CrawlOptions,
    readonly value: unknown,
  ) {
    super(message);
    this.name = "CrawlOptionsError";
  }
}

type ResolvedOptions = Required<Omit<CrawlOptions, "depth">> & { depth: number | null };

const HUB_ID = /^[^\s/]+(\/[^\s/]+)?$/;

export function validateCrawlOptions(options: CrawlOptions): ResolvedOptions {
  const seeds = [...new Map(options.seeds.map((seed) => [seed.trim().toLowerCase(), seed.trim()])).values()];
  const all = options.all ?? false;
  if (seeds.length === 0 && !all)
    throw new CrawlOptionsError("a crawl needs at least one seed: give --seed ID (or --all)", "seeds", options.seeds);
  if (seeds.length > 0 && all)
    throw new CrawlOptionsError("--all sweeps the whole Hub: give it without --seed", "all", options.seeds);
  for (const seed of seeds) {
    if (!HUB_ID.test(seed)) {
      throw new CrawlOptionsError(`seed "${seed}" is not a Hub model id: write it as owner/name`, "seeds", seed);
    }
  }
  const direction = options.direction ?? DEFAULTS.direction;
  if (!DIRECTIONS.includes(direction)) {
    throw new CrawlOptionsError(
      `direction must be one of ${DIRECTIONS.join(", ")}, got "${direction}"`,
      "direction",
      direction,
    );
  }
  const depth = options.depth ?? null;
  if (depth !== null && !(Number.isSafeInteger(depth) && depth >= 1)) {
    throw new CrawlOptionsError(`depth must be a whole number of at least 1, got ${depth}`, "depth", depth);
  }
  const plan = options.plan ?? (all ? "sweep" : DEFAULTS.plan);
  if (!["walk", "sweep", "auto"].includes(plan)) {
    throw new CrawlOptionsError(`plan must be walk, sweep or auto, got "${plan}"`, "plan", plan);
  }
  if (all && (plan === "walk" || direction === "up")) {
    throw new CrawlOptionsError("--all is a sweep of the whole Hub: it cannot walk, nor go up only", "all", plan);
  }
  const concurrency = options.concurrency ?? DEFAULTS.concurrency;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) {
    throw new CrawlOptionsError(
      `concurrency must be a whole number of at least 1, got ${concurrency}`,
      "concurrency",
      concurrency,
    );
  }
  const freshForMs = options.freshForMs ?? DEFAULTS.freshForMs;
  if (!(freshForMs >= 0))
    throw new CrawlOptionsError(`freshForMs must be 0 or more, got ${freshForMs}`, "freshForMs", freshForMs);
  const { cards = false, infer = true, refresh = false } = options;
  return { seeds, all, direction, depth, plan, cards, infer, refresh, freshForMs, concurrency };
}

/**
 * What makes two crawls "the same command", whose second continues the first's unfinished frontier: the seeds
 * (any order and case) and every option that changes what is crawled. Concurrency and the clock do not. Hashed,
 * because every frontier row carries the key and a crawl may have thousands of seeds (the run keeps the options).
 */
export function crawlKey(options: ResolvedOptions): string {
  const seeds = options.seeds.map((seed) => seed.toLowerCase()).sort();
  const { all, direction, depth, plan, cards, infer, refresh } = options;
  // `all` joins the key only when set, so the keys (and resumable frontiers) of seeded crawls stay as they were.
  const descriptor = JSON.stringify({ seeds, direction, depth, plan, cards, infer, refresh, ...(all ? { all } : {}) });
  return `crawl:${createHash("sha256").update(descriptor).digest("hex").slice(0, 24)}`;
}

const SEED_FAILURES = ["not-found", "request-refused"];

/** The seeds whose record these runs (this one and the one it resumed) could not read, with the recorded reason. */
function findMissingSeeds(db: Db, seeds: string[], runs: (RunId | null)[]): { id: string; reason: string }[] {
  const wanted = new Map(seeds.map((seed) => [seed.toLowerCase(), seed]));
  const missing = new Map<string, { id: string; reason: string }>();
  for (const runId of runs) {
    if (runId === null) continue;
    for (const problem of listProblems(db, { runId })) {
      const id = problem.modelId && wanted.get(problem.modelId.toLowerCase());
      if (id && SEED_FAILURES.includes(problem.kind)) missing.set(id.toLowerCase(), { id, reason: problem.message });
    }
  }
  return [...missing.values()];
}

export async function crawl(options: CrawlOptions, deps: CrawlDeps): Promise<CrawlSummary> {
  const resolved = validateCrawlOptions(options);
  const { db } = deps;
  const clock = deps.now ?? (() => new Date());
  const now = () => clock().toISOString();
  const startedMs = clock().getTime();
  const key = crawlKey(resolved);
  const isDown = resolved.direction !== "up";
  const isUp = resolved.direction !== "down";
  const startedAt = now();

  const previous = findResumableRun(db, key);
  const runId = db.transaction((): RunId => {
    // A run still 'running' was killed: nothing else finishes it.
    if (previous?.status === "running") finishRun(db, previous.id, "interrupted", startedAt);
    const id = startRun(db, { command: "crawl", key, args: resolved, now: startedAt });
    if (!previous) {
      clearFrontier(db, key);
      clearStagedPages(db, key);
      resetCrawlState(db, key, startedAt);
      // A seed known under an old name is crawled under the name it goes by now.
      const seeds = resolved.seeds.map((seed) => resolveId(db, seed) ?? seed);
      enqueue(
        db,
        key,
        seeds.map((seed) => ({ direction: "up", id: seed, depth: 0 })),
      );
      if (isDown)
        enqueue(
          db,
          key,
          seeds.map((seed) => ({ direction: "down", id: seed, depth: 0 })),
        );
    }
    for (const seed of resolved.seeds) trackFamily(db, resolveId(db, seed) ?? seed, "seed", startedAt);
    return id;
  })();

  const tally = new CrawlTally(deps.onProgress);
  const ctx: CrawlContext = {
    db,
    hub: deps.hub,
    key,
    runId,
    runStartedAt: startedAt,
    now,
    freshForMs: resolved.freshForMs,
    refresh: resolved.refresh,
    cards: resolved.cards,
    infer: resolved.infer,
    concurrency: resolved.concurrency,
    signal: deps.signal,
    takeRequests: createRequestMeter(deps.requestCounts),
    tally,
  };

  let plan: CrawlPlan | null = null;
  const finish = (status: "done" | "interrupted" | "failed"): void => {
    const spent = ctx.takeRequests();
    tally.addRequests(spent);
    db.transaction(() => {
      updateRunCounters(db, runId, spent);
      // Counts wait for here: the pages only mark what changed (a kill loses no mark), so that a page's cost does
      // not grow with the families it touches (a big root's family was recounted on every page of its children).
      refreshDescendantCounts(db);
      finishRun(db, runId, status, now(), plan?.reason);
      if (status === "done") {
        clearFrontier(db, key);
        // The watcher's first watermark is this crawl's newest model, not a later crawl's (see pinFirstWatermark).
        pinFirstWatermark(db, now());
      }
    })();
    // Org counts are rebuilt once per run (a full pass); until then the API computes them from the graph.
    refreshOrgCounts(db);
  };
  const maxUpDepth = isUp ? resolved.depth : 0;
  try {
    // Up first: it reads the seeds' own records, whose children counts the plan needs.
    await walkUp(ctx, { maxDepth: maxUpDepth });
    if (isDown && !deps.signal?.aborted) {
      plan = getPlan(db, key);
      // A fresh plan asks the Hub its size (at most once a day); a resumed one keeps the size it was planned with.
      const hubSize = plan === null ? await learnHubSize(db, ctx.hub, clock()) : getHubSize(db);
      // Within freshForMs of the last complete sweep (and without --refresh) a sweep reads only what is new.
      const topUp = planTopUp(getLastSweep(db), hubSize, { now: clock(), ...resolved });
      if (plan === null) {
        plan = resolved.all
          ? planWholeHub(hubSize, topUp)
          : planCrawl(resolved.plan, getSeedSizes(db, key), hubSize, resolved.depth, topUp);
        setPlan(db, key, plan, now());
      }
      if (plan.kind === "walk") {
        const outcome = await walkDown(ctx, {
          maxDepth: resolved.depth,
          shouldStop: (spent, pending) => {
            const switched = replanWalk(resolved.plan, spent, pending, hubSize, topUp);
            if (switched) {
              setPlan(db, key, switched, now());
              plan = switched;
            }
            return switched !== null;
          },
        });
        if (outcome === "stopped") plan = await sweep(ctx, hubSize, plan);
      } else {
        plan = await sweep(ctx, hubSize, plan);
      }
    }
    await readCards(ctx, { maxUpDepth });
    // Parents inferred from cards wait in the up frontier; their records may in turn bring cards to read.
    while (!deps.signal?.aborted && nextPending(db, key, "up", 1).length > 0) {
      await walkUp(ctx, { maxDepth: maxUpDepth });
      await readCards(ctx, { maxUpDepth });
    }
  } catch (error) {
    finish("failed");
    throw error;
  }
  const status = deps.signal?.aborted ? "interrupted" : "done";
  finish(status);
  return {
    runId,
    resumedRunId: previous?.id ?? null,
    status,
    plan,
    requests: tally.requests,
    retries: tally.retries,
    models: tally.models,
    edges: tally.edges,
    inferredEdges: tally.inferred,
    problems: tally.problems,
    missingSeeds: findMissingSeeds(db, resolved.seeds, [runId, previous?.id ?? null]),
    elapsedMs: clock().getTime() - startedMs,
  };
}
