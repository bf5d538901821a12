// A crawl with its progress on stderr (a bar on a terminal, lines otherwise; budget waits said); shared by crawl,
// start and demo.
import { crawl, type CrawlOptions, type CrawlSummary } from "../crawler/crawl";
import type { HubConnection } from "../crawler/hub/connect-hub";
import { createProgressReporter } from "../crawler/progress";
import type { Db } from "../db/open-database";
import type { CliIo } from "./cli-io";

export interface CrawlWithProgressOptions {
  db: Db;
  connection: HubConnection;
  io: CliIo;
  signal?: AbortSignal;
}

export async function crawlWithProgress(options: CrawlOptions, run: CrawlWithProgressOptions): Promise<CrawlSummary> {
  const { connection } = run;
  const progress = createProgressReporter({
    stream: run.io.stderr,
    isTty: run.io.isTty,
    budget: () => connection.budgets()[0] ?? null,
  });
  connection.listen((event) => {
    if (event.type === "budget-wait") {
      const reason =
        `the Hub's ${event.bucket} budget (${event.limit.toLocaleString("en-US")} per ` + `${event.windowMs / 1000} s)`;
      progress.waiting({ untilMs: event.untilMs, reason });
    } else if (event.type === "rate-limited") {
      progress.waiting({ untilMs: event.untilMs, reason: `the Hub (429, ${event.source})` });
    }
  });
  try {
    return await crawl(options, {
      db: run.db,
      hub: run.connection.hub,
      requestCounts: run.connection.counts,
      onProgress: (p) => progress.update(p),
      signal: run.signal,
    });
  } finally {
    progress.finish();
  }
}
