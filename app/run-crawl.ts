// What `crawl` runs: the crawl (or the resumption of the last unfinished one) into a database until done or Ctrl-C.
import { stopOnSignals } from "../common/on-signals";
import { crawlKey, validateCrawlOptions, type CrawlOptions } from "../crawler/crawl";
import { getLastSweep, getPlan } from "../crawler/crawl-run-state";
import type { HubSize, TopUp } from "../crawler/plan-crawl";
import { describeWholeHubCost } from "../crawler/estimate-sweep";
import type { HubConnection } from "../crawler/hub/connect-hub";
import { learnHubSize } from "../crawler/learn-hub-size";
import { planTopUp } from "../crawler/top-up";
import type { Db } from "../db/open-database";
import { findResumableRun, getLastRun } from "../db/runs";
import type { CliIo } from "./cli-io";
import { crawlWithProgress } from "./crawl-with-progress";
import { formatCrawlSummary } from "./format-crawl-summary";
import { openWriterDatabase } from "./open-writer-database";

export interface CrawlRequest {
  dbPath: string;
  connection: HubConnection;
  /** The crawl to run; null resumes the last unfinished one (its seeds and options) at `concurrency`. */
  options: CrawlOptions | null;
  concurrency: number;
  /** When another process writes the database: wait for it (true) or fail at once naming it (false). */
  wait: boolean;
}

/** The options of the last unfinished crawl, for --resume without seeds. */
function resumableOptions(db: Db): CrawlOptions {
  const last = getLastRun(db, "crawl");
  if (!last || last.status === "done") throw new Error("there is no unfinished crawl to resume: give --seed ID");
  return last.args as CrawlOptions;
}

/** The top-up `crawl --all` will be: the plan of the run it resumes, else a new one's (null: a full sweep). */
function topUpOf(db: Db, options: CrawlOptions, hubSize: HubSize): TopUp | null {
  const resolved = validateCrawlOptions(options);
  const plan = findResumableRun(db, crawlKey(resolved)) ? getPlan(db, crawlKey(resolved)) : null;
  if (plan) return plan.topUp ?? null;
  return planTopUp(getLastSweep(db), hubSize, { now: new Date(), ...resolved });
}

/**
 * Resolves to the exit code: 0 when the crawl finished, 1 when it was interrupted (the next run resumes). A first
 * SIGINT stops after the requests in flight; a second one quits at once. Throws CrawlOptionsError on bad options.
 */
export async function runCrawl(request: CrawlRequest, io: CliIo): Promise<number> {
  const writer = await openWriterDatabase(request.dbPath, { name: "crawl", wait: request.wait, io });
  const { db } = writer;
  // SIGINT only: a SIGTERM ends the crawl at once, and the next run resumes from the store.
  const stop = stopOnSignals(
    () =>
      io.stderr.write(
        "\nstopping after the requests in flight (Ctrl-C again to quit now; the crawl resumes either way)\n",
      ),
    ["SIGINT"],
  );
  try {
    const options = request.options ?? { ...resumableOptions(db), concurrency: request.concurrency };
    if (options.all) {
      const hubSize = await learnHubSize(db, request.connection.hub, new Date());
      io.stderr.write(
        `crawl --all: ${describeWholeHubCost(hubSize, request.connection.rate, topUpOf(db, options, hubSize))}\n`,
      );
    }
    const summary = await crawlWithProgress(options, {
      db,
      connection: request.connection,
      io,
      signal: stop.signal,
    });
    io.stdout.write(`${formatCrawlSummary(summary, request.connection.budgets())}\n`);
    if (summary.status !== "done") {
      io.stderr.write("hf-lineage crawl: interrupted; rerun the same command to resume\n");
      return 1;
    }
    const seedCount = new Set(options.seeds.map((seed) => seed.trim().toLowerCase())).size;
    if (seedCount > 0 && summary.missingSeeds.length >= seedCount) {
      io.stderr.write("hf-lineage crawl: none of the seeds exists on the Hub (see the summary); check the ids\n");
      return 1;
    }
    return 0;
  } finally {
    stop.release();
    writer.close();
  }
}
