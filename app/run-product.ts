// What `start` and `demo` run: the server, and in the background a crawl of the seeds followed by the watcher.
// Without the Hub it serves what the database holds.
import { abortOnSignals } from "../common/on-signals";
import type { CrawlOptions } from "../crawler/crawl";
import { connectHub } from "../crawler/hub/connect-hub";
import { HubConfigError, validateHubConfig, type HubConfigInput } from "../crawler/hub/hub-config";
import { HubRequestError } from "../crawler/hub/hub-fetch";
import { openDatabase } from "../db/open-database";
import { getLineageStats } from "../db/queries/stats";
import type { CliIo } from "./cli-io";
import { crawlWithProgress } from "./crawl-with-progress";
import { formatCrawlSummary } from "./format-crawl-summary";
import { startServer, type ServeOptions } from "./start-server";
import { startWatcher } from "./start-watcher";
import { openWriterDatabase, type WriterDatabase } from "./open-writer-database";

/** How long the start-up probe waits for the Hub before saying it cannot be reached. */
const PROBE_TIMEOUT_MS = 10_000;

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
  if (failure !== null) {
    const reader = openDatabase(options.serve.dbPath, { readonly: true });
    const held = getLineageStats(reader).models.total.toLocaleString("en-US");
    reader.close();
    say(`the Hub at ${hubUrl} cannot be reached (${failure}); serving what the database holds (${held} models)`);
    say(
      "next: `npm run demo` shows the product offline on the recorded Hub data, or set HF_ENDPOINT to a Hub mirror " +
        "you can reach and start again",
    );
    return;
  }
  // The server only reads; the crawl and then the watcher write, in turn, under this process's writer lock, which
  // waits for any other crawl or watcher on the same database to end.
  let writer: WriterDatabase;
  try {
    writer = await openWriterDatabase(options.serve.dbPath, { name: options.name, wait: true, io, signal });
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  }
  const { db } = writer;
  try {
    const connection = connectHub(options.hub, io.env);
    for (const crawl of [options.crawl].flat()) {
      const what = crawl.all ? "the whole Hub" : crawl.seeds.join(", ");
      say(`crawling ${what} from ${hubUrl} in the background`);
      const summary = await crawlWithProgress(crawl, { db, connection, io, signal });
      io.stderr.write(`${formatCrawlSummary(summary, connection.budgets())}\n`);
      if (signal.aborted) return;
    }
    say("watching the Hub for new forks of the tracked families");
    await startWatcher({ db, connection, io, signal, intervalMs: options.watchIntervalMs });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    say(`the crawl stopped (${reason}); still serving what the database holds`);
  } finally {
    writer.close();
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
