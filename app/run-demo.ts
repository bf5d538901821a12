// What `demo` runs: the product of `start` without the Hub; an in-process replay of ../shared/hub-data (or of a
// synthetic Hub when that folder is absent) stands in for it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { abortOnSignals } from "../common/on-signals";
import { startHubReplay, type HubReplay } from "../replay/hub-replay-server";
import { createSyntheticHub } from "../replay/synthetic-hub";
import type { CliIo } from "./cli-io";
import { runProduct } from "./run-product";
import type { ServeOptions } from "./start-server";

/** ../shared/hub-data beside the checkout, where every developer machine and CI keep the recorded Hub data. */
export const DEFAULT_HUB_DATA = resolve(__dirname, "../../shared/hub-data");
export const DEFAULT_SYNTHETIC_MODELS = 50_000;
export const SYNTHETIC_FAMILIES = 5;
const SYNTHETIC_SEED = 1;
const WATCH_INTERVAL_MS = 60_000;

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

async function startReplay(options: DemoOptions): Promise<{ replay: HubReplay; seeds: string[]; what: string }> {
  const dir = options.data ?? DEFAULT_HUB_DATA;
  if (options.synthetic === undefined && hasRecordedHubData(dir)) {
    return {
      replay: await startHubReplay({ data: dir }),
      seeds: recordedRoots(dir),
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
    what: `a synthetic Hub of ${models.toLocaleString("en-US")} models`,
  };
}

/** Resolves to the exit code after Ctrl-C. The caller checks that `data`, when given, holds recorded data. */
export async function runDemo(options: DemoOptions, io: CliIo): Promise<number> {
  const signal = abortOnSignals();
  const { replay, seeds, what } = await startReplay(options);
  try {
    io.stderr.write(`hf-lineage demo: replaying ${what} at ${replay.url} in place of the Hub\n`);
    return await runProduct(
      {
        name: "demo",
        serve: options.serve,
        // The replay is local and has no budget: no reason to pace the crawl like the real Hub's.
        hub: { hubUrl: replay.url, rate: "100000/1", concurrency: 8 },
        crawl: { seeds, concurrency: 8 },
        watchIntervalMs: WATCH_INTERVAL_MS,
        signal,
      },
      { ...io, env: { ...io.env, HF_TOKEN: undefined } },
    );
  } finally {
    await replay.close();
  }
}
