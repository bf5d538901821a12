// `start` (what `npm start` runs after building the client): the server on the default database, and in the
// background a crawl of a handful of major families followed by the watcher. Without the Hub it serves what it has.
import { openDatabase } from "../../db/open-database";
import { getLineageStats } from "../../db/queries/stats";
import type { CrawlOptions } from "../../crawler/crawl";
import { HubConfigError, validateHubConfig, type HubConfigInput } from "../../crawler/hub/hub-config";
import { HubRequestError } from "../../crawler/hub/hub-fetch";
import type { CliIo, Command } from "../command";
import { connectHub, formatSummary, runCrawl } from "./crawl";
import { resolveServeOptions, startServer, type ServeOptions } from "./serve";
import { startWatcher } from "./watch";

/** Families crawled by `npm start`: a handful of the Hub's largest, Qwen2.5-72B among them. */
export const DEFAULT_SEEDS = [
  "Qwen/Qwen2.5-72B",
  "meta-llama/Llama-3.1-8B",
  "mistralai/Mistral-7B-v0.1",
  "google/gemma-2-9b",
  "deepseek-ai/DeepSeek-R1",
];

/** How long the start-up probe waits for the Hub before saying it cannot be reached. */
const PROBE_TIMEOUT_MS = 10_000;

const USAGE = `Usage: hf-lineage start [--db FILE] [--port N] [--host H]   (npm start builds the client first)

Starts the product: serves the lineage database (the API and the web client, as \`serve\` does) and, in the
background, crawls a handful of major families (${DEFAULT_SEEDS.join(", ")}) from the Hub, then
watches the Hub for new forks of every tracked family. The database fills while you browse; a rerun resumes an
unfinished crawl, and families crawled in the last 24 hours cost one request each.

When the Hub cannot be reached, it says so, serves what the database holds and names the next step: \`npm run
demo\` (the product offline, on the recorded Hub data) or HF_ENDPOINT pointing at a mirror.

Options:
  --db FILE     the database (default: $HF_LINEAGE_DB, else ./data/lineage.db)
  --port N      TCP port (default: $PORT, else 7860)
  --host H      address to listen on (default: $HOST, else 127.0.0.1)
  -h, --help    show this help

Environment: HF_ENDPOINT selects the Hub (default https://huggingface.co); HF_TOKEN authenticates to it only.

Exit status: 0 after Ctrl-C; 1 when the server cannot start; 2 on a usage error.
`;

export interface ProductOptions {
  /** The command's name, for messages. */
  name: string;
  serve: ServeOptions;
  hub: HubConfigInput;
  /** One crawl, or several run in order (e.g. a few seeds whose cards are read, then the rest without). */
  crawl: CrawlOptions | CrawlOptions[];
  /** Time between the watcher's polls (the watcher's default when absent). */
  watchIntervalMs?: number;
  /** Aborting stops the background work and the server (SIGINT/SIGTERM by default). */
  signal?: AbortSignal;
}

/** Aborts on the first SIGINT or SIGTERM, then leaves both signals to their defaults (a second one kills). */
export function abortOnSignals(): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    controller.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return controller.signal;
}

/** Why the Hub cannot be reached (one request, no retry, a short timeout), or null when it answers. */
async function probeHub(input: HubConfigInput, env: NodeJS.ProcessEnv): Promise<string | null> {
  const probe = connectHub({ ...input, maxRetries: 0, timeoutMs: PROBE_TIMEOUT_MS }, env);
  try {
    await probe.hub.listNewestPage({ limit: 1 });
    return null;
  } catch (error) {
    if (!(error instanceof HubRequestError)) return error instanceof Error ? error.message : String(error);
    return error.reason === "http-status" ? `it answered HTTP ${error.status}` : `${error.reason} error`;
  }
}

/** The crawl of the seeds, then the watcher; every failure is one line on stderr, and the server keeps serving. */
async function crawlThenWatch(options: ProductOptions, io: CliIo, signal: AbortSignal): Promise<void> {
  const say = (text: string) => io.stderr.write(`hf-lineage ${options.name}: ${text}\n`);
  let hubUrl: string;
  try {
    hubUrl = validateHubConfig(options.hub, io.env).hubUrl;
  } catch (error) {
    if (!(error instanceof HubConfigError)) throw error;
    say(`no crawl: ${error.message}; serving what the database holds`);
    return;
  }
  const failure = await probeHub(options.hub, io.env);
  const db = openDatabase(options.serve.dbPath);
  try {
    if (failure !== null) {
      const held = getLineageStats(db).models.total.toLocaleString("en-US");
      say(`the Hub at ${hubUrl} cannot be reached (${failure}); serving what the database holds (${held} models)`);
      say(
        "next: `npm run demo` shows the product offline on the recorded Hub data, or set HF_ENDPOINT to a Hub mirror you can reach and start again",
      );
      return;
    }
    const connection = connectHub(options.hub, io.env);
    for (const crawl of [options.crawl].flat()) {
      say(`crawling ${crawl.seeds.join(", ")} from ${hubUrl} in the background`);
      const summary = await runCrawl(crawl, { db, connection, io, signal });
      io.stderr.write(`${formatSummary(summary)}\n`);
      if (signal.aborted) return;
    }
    say("watching the Hub for new forks of the tracked families");
    await startWatcher({ db, connection, io, signal, intervalMs: options.watchIntervalMs });
  } catch (error) {
    say(
      `the crawl stopped (${error instanceof Error ? error.message : String(error)}); still serving what the database holds`,
    );
  } finally {
    db.close();
  }
}

/** Serves the database while crawling and watching in the background, until the signal aborts. */
export async function runProduct(options: ProductOptions, io: CliIo): Promise<number> {
  const signal = options.signal ?? abortOnSignals();
  const server = await startServer(options.serve);
  io.stderr.write(
    `hf-lineage ${options.name}: serving ${server.url} (database ${options.serve.dbPath}); Ctrl-C stops\n`,
  );
  const background = crawlThenWatch(options, io, signal);
  await new Promise<void>((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true }),
  );
  io.stderr.write(`hf-lineage ${options.name}: stopping (an unfinished crawl resumes on the next start)\n`);
  await background;
  await server.close();
  return 0;
}

export const startCommand: Command = {
  name: "start",
  summary: "serve the database and crawl major families from the Hub in the background (npm start)",
  usage: USAGE,
  async run(argv, io) {
    return runProduct(
      {
        name: "start",
        serve: resolveServeOptions(argv, io.env),
        hub: {},
        crawl: { seeds: DEFAULT_SEEDS },
      },
      io,
    );
  },
};
