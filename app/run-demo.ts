// What `demo` runs: the product of `start` without the Hub; an in-process replay of ../shared/hub-data (or of a
// synthetic Hub when that folder is absent) stands in for it.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { abortOnSignals } from "../common/on-signals";
import { caseStudyEntries } from "../replay/case-study-entries";
import { startHubReplay, type HubReplay } from "../replay/hub-replay-server";
import { revealNewest } from "../replay/reveal-newest";
import { createSyntheticHub } from "../replay/synthetic-hub";
import type { CliIo } from "./cli-io";
import { runProduct } from "./run-product";
import type { ServeOptions } from "./start-server";

/** ../shared/hub-data beside the checkout, where every developer machine and CI keep the recorded Hub data. */
export const DEFAULT_HUB_DATA = resolve(__dirname, "../../shared/hub-data");
export const DEFAULT_SYNTHETIC_MODELS = 50_000;
export const SYNTHETIC_FAMILIES = 5;
const SYNTHETIC_SEED = 1;
const WATCH_INTERVAL_MS = 20_000;
/** Replayed time: the newest recorded models start hidden and appear REVEAL.perStep at a time. */
export const REVEAL = { hidden: 40, perStep: 2, everyMs: 10_000 };
/** Each data source has its own database, so a synthetic run never leaves its models in a recorded one. */
export const DEMO_DB_DIR = "./data";

export interface DemoOptions {
  /** Recorded Hub data to replay; DEFAULT_HUB_DATA when absent (a synthetic Hub when that is absent too). */
  data?: string;
  /** Replay a synthetic Hub of this many models instead. */
  synthetic?: number;
  serve: ServeOptions;
}

/** Whether `dir` holds recorded Hub data (its trees/ folder). */
export function hasRecordedHubData(dir: string): boolean {
  return existsSync(join(dir, "trees"));
}

/** The root of each recorded tree (its depth-0 model) and the SmolLM2 sample's root. */
function recordedRoots(dir: string): string[] {
  const trees = join(dir, "trees");
  const roots = readdirSync(trees)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map(
      (file) =>
        (JSON.parse(readFileSync(join(trees, file), "utf8")) as { models: { model_id: string; depth: number }[] })
          .models,
    )
    .map((models) => models.find((model) => model.depth === 0)?.model_id)
    .filter((id): id is string => typeof id === "string");
  return [...roots, "HuggingFaceTB/SmolLM2-1.7B"];
}

/** The demo database of a data source: the recorded data (the default folder), another --data folder, or synthetic. */
export function demoDbPath(options: Pick<DemoOptions, "data" | "synthetic">): string {
  const dir = resolve(options.data ?? DEFAULT_HUB_DATA);
  if (options.synthetic !== undefined || !hasRecordedHubData(dir)) {
    return join(DEMO_DB_DIR, `demo-synthetic-${options.synthetic ?? DEFAULT_SYNTHETIC_MODELS}.db`);
  }
  if (dir === DEFAULT_HUB_DATA) return join(DEMO_DB_DIR, "demo-recorded.db");
  const name = basename(dir).replace(/[^A-Za-z0-9._-]/g, "_");
  const hash = createHash("sha1").update(dir).digest("hex").slice(0, 8);
  return join(DEMO_DB_DIR, `demo-data-${name}-${hash}.db`);
}

async function startReplay(
  options: DemoOptions,
): Promise<{ replay: HubReplay; seeds: string[]; cardSeeds: string[]; what: string }> {
  const dir = options.data ?? DEFAULT_HUB_DATA;
  if (options.synthetic === undefined && hasRecordedHubData(dir)) {
    return {
      replay: await startHubReplay({ data: dir }),
      seeds: recordedRoots(dir),
      cardSeeds: caseStudyEntries(dir).map((entry) => entry.record.id),
      what: `the recorded Hub data in ${dir}`,
    };
  }
  const models = options.synthetic ?? DEFAULT_SYNTHETIC_MODELS;
  const hub = createSyntheticHub({ models, seed: SYNTHETIC_SEED });
  const seeds = hub
    .shape()
    .largestFamilies.slice(0, SYNTHETIC_FAMILIES)
    .map((family) => family.id);
  return {
    replay: await startHubReplay({ store: hub }),
    seeds,
    cardSeeds: [],
    what: `a synthetic Hub of ${models.toLocaleString("en-US")} models`,
  };
}

/** Resolves to the exit code after Ctrl-C. The caller checks that `data`, when given, holds recorded data. */
export async function runDemo(options: DemoOptions, io: CliIo): Promise<number> {
  const signal = abortOnSignals();
  const { replay, seeds, cardSeeds, what } = await startReplay(options);
  const revealing = revealNewest(replay, REVEAL);
  try {
    io.stderr.write(`hf-lineage demo: replaying ${what} at ${replay.url} in place of the Hub\n`);
    if (revealing.startedAt !== null) {
      io.stderr.write(
        `hf-lineage demo: replay time starts at ${revealing.startedAt}; ` +
          `the ${REVEAL.hidden} newest models appear while it runs\n`,
      );
    }
    return await runProduct(
      {
        name: "demo",
        serve: options.serve,
        // The replay is local and has no budget: no reason to pace the crawl like the real Hub's.
        hub: { hubUrl: replay.url, rate: "100000/1", concurrency: 8 },
        // The case studies first, their cards read (lineage stated only in prose, like skt/A.X-4.0's, is inferred
        // from them); then the recorded families, whose cards are read only where cardData asks.
        crawl: [
          ...(cardSeeds.length ? [{ seeds: cardSeeds, concurrency: 8, cards: true }] : []),
          { seeds, concurrency: 8 },
        ],
        watchIntervalMs: WATCH_INTERVAL_MS,
        signal,
      },
      { ...io, env: { ...io.env, HF_TOKEN: undefined } },
    );
  } finally {
    revealing.stop();
    await replay.close();
  }
}
