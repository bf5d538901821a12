// `demo` (what `npm run demo` runs after building the client): the product of `start` on a machine without the
// Hub: an in-process replay of ../shared/hub-data (or a synthetic Hub when that folder is absent) stands in for it.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { caseStudyEntries } from "../../replay/case-study-entries";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { revealNewest } from "../../replay/reveal-newest";
import { createSyntheticHub } from "../../replay/synthetic-hub";
import { parseCommandArgs, parsePositiveInt, UsageError, type Command } from "../command";
import { abortOnSignals, runProduct } from "./start";
import { resolveServeOptions } from "./serve";

/** Each data source has its own database, so a synthetic run never leaves its models in a recorded one. */
export const DEMO_DB_DIR = "./data";
/** ../shared/hub-data beside the checkout, where every developer machine and CI keep the recorded Hub data. */
export const DEFAULT_HUB_DATA = resolve(__dirname, "../../../shared/hub-data");
const DEFAULT_SYNTHETIC_MODELS = 50_000;
const SYNTHETIC_SEED = 1;
const SYNTHETIC_FAMILIES = 5;
const WATCH_INTERVAL_MS = 20_000;
/** Replayed time: the newest recorded models start hidden and appear REVEAL.perStep at a time. */
const REVEAL = { hidden: 40, perStep: 2, everyMs: 10_000 };

const USAGE = `Usage: hf-lineage demo [--data DIR | --synthetic N] [--db FILE] [--port N] [--host H]   (npm run demo)

The product as \`start\` runs it, without the Hub: a local replay of recorded Hub data stands in for it (the
Hub's API shapes, in this process), so everything can be seen on a machine without internet. The demo crawls the
recorded families (the ten tree roots of ../shared/hub-data/trees, HuggingFaceTB/SmolLM2-1.7B and the case studies
such as skt/A.X-4.0, whose cards are read: its link to Qwen/Qwen2.5-72B is only in its prose) into its own
database, serves it while it fills, then watches the replay for new forks. The replay's clock starts before the
${REVEAL.hidden} newest models and reveals ${REVEAL.perStep} every ${REVEAL.everyMs / 1000} s, so new forks arrive while you watch. When
../shared/hub-data is absent it replays a synthetic Hub of ${DEFAULT_SYNTHETIC_MODELS.toLocaleString("en-US")} models and crawls its ${SYNTHETIC_FAMILIES} largest families.

Options:
  --data DIR       recorded Hub data to replay (default: ../shared/hub-data beside the checkout)
  --synthetic N    replay a synthetic Hub of N models instead
  --db FILE        the demo database (default: one per data source, apart from the real one:
                   ${DEMO_DB_DIR}/demo-recorded.db, demo-synthetic-N.db, or demo-data-<folder>-<hash>.db for --data)
  --port N         TCP port (default: $PORT, else 7860)
  --host H         address to listen on (default: $HOST, else 127.0.0.1)
  -h, --help       show this help

Exit status: 0 after Ctrl-C; 1 when the server or the replay cannot start; 2 on a usage error.
`;

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

/** The demo database of a data source: recorded (the default folder), another --data folder, or synthetic. */
export function demoDbPath(source: { data: string } | { synthetic: number }): string {
  if ("synthetic" in source) return join(DEMO_DB_DIR, `demo-synthetic-${source.synthetic}.db`);
  const dir = resolve(source.data);
  if (dir === DEFAULT_HUB_DATA) return join(DEMO_DB_DIR, "demo-recorded.db");
  const name = basename(dir).replace(/[^A-Za-z0-9._-]/g, "_");
  const hash = createHash("sha1").update(dir).digest("hex").slice(0, 8);
  return join(DEMO_DB_DIR, `demo-data-${name}-${hash}.db`);
}

async function startReplay(
  data: string | undefined,
  synthetic: number | undefined,
): Promise<{ replay: HubReplay; seeds: string[]; cardSeeds: string[]; what: string; dbPath: string }> {
  const dir = data ?? DEFAULT_HUB_DATA;
  if (synthetic === undefined && existsSync(join(dir, "trees"))) {
    return {
      replay: await startHubReplay({ data: dir }),
      seeds: recordedRoots(dir),
      cardSeeds: caseStudyEntries(dir).map((entry) => entry.record.id),
      what: `the recorded Hub data in ${dir}`,
      dbPath: demoDbPath({ data: dir }),
    };
  }
  if (data !== undefined) throw new UsageError(`--data ${data} holds no trees/ folder of recorded Hub data`);
  const models = synthetic ?? DEFAULT_SYNTHETIC_MODELS;
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
    dbPath: demoDbPath({ synthetic: models }),
  };
}

export const demoCommand: Command = {
  name: "demo",
  summary: "the product against a local replay of the recorded Hub data, for machines without internet (npm run demo)",
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      data: { type: "string" },
      synthetic: { type: "string" },
      db: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
    });
    if (values.data !== undefined && values.synthetic !== undefined)
      throw new UsageError("give --data or --synthetic, not both");
    const synthetic =
      values.synthetic === undefined
        ? undefined
        : parsePositiveInt(values.synthetic, "--synthetic", DEFAULT_SYNTHETIC_MODELS);
    const signal = abortOnSignals();
    const { replay, seeds, cardSeeds, what, dbPath } = await startReplay(values.data, synthetic);
    const revealing = revealNewest(replay, REVEAL);
    try {
      const serveArgs = [
        ...["--db", values.db ?? dbPath],
        ...(values.port === undefined ? [] : ["--port", values.port]),
        ...(values.host === undefined ? [] : ["--host", values.host]),
      ];
      const serve = resolveServeOptions(serveArgs, io.env);
      io.stderr.write(`hf-lineage demo: replaying ${what} at ${replay.url} in place of the Hub\n`);
      if (revealing.startedAt !== null) {
        io.stderr.write(
          `hf-lineage demo: replay time starts at ${revealing.startedAt}; the ${REVEAL.hidden} newest models appear while it runs\n`,
        );
      }
      return await runProduct(
        {
          name: "demo",
          serve,
          // The replay is local and has no budget: no reason to pace the crawl like the real Hub's.
          hub: { hubUrl: replay.url, rate: "100000/1", concurrency: 8 },
          // The case studies first, their cards read (lineage stated only in prose, like skt/A.X-4.0's, is
          // inferred from them); then the recorded families, whose cards are read only where cardData asks.
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
  },
};
