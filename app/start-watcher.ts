// The watcher loop with its output: events on stdout, poll summaries and failures on stderr, the webhook if asked.
import type { HubConnection } from "../crawler/hub/connect-hub";
import { formatDuration } from "../crawler/progress";
import { runWatcher, type WatcherResult } from "../crawler/watch/run-watcher";
import { WATCH_DEFAULTS } from "../crawler/watch/watch-options";
import { createWebhookSender, type WebhookSender } from "../crawler/watch/webhook";
import type { Db } from "../db/open-database";
import type { CliIo } from "./cli-io";
import { countOf, formatPollSummary, formatWatchEvent } from "./format-watch-lines";

/** How long the webhook may keep retrying after the last poll before the command exits. */
const WEBHOOK_DRAIN_MS = 15_000;

export interface StartWatcherOptions {
  db: Db;
  connection: HubConnection;
  io: CliIo;
  signal?: AbortSignal;
  intervalMs?: number;
  changesEveryMs?: number;
  once?: boolean;
  webhookUrl?: string;
}

/**
 * Shared by `watch`, `start` and `demo`. Resolves when the loop stops (signal) or the single poll ends; the webhook
 * then gets a short while to deliver what is queued.
 */
export async function startWatcher(options: StartWatcherOptions): Promise<WatcherResult> {
  const { io } = options;
  const intervalMs = options.intervalMs ?? WATCH_DEFAULTS.intervalMs;
  let webhook: WebhookSender | null = null;
  if (options.webhookUrl !== undefined) {
    webhook = createWebhookSender({
      url: options.webhookUrl,
      onLog: (log) => {
        if (log.type === "gave-up")
          io.stderr.write(`webhook: gave up on an event after ${log.attempts} attempt(s): ${log.reason}\n`);
        if (log.type === "dropped") io.stderr.write("webhook: queue full, dropped the oldest waiting event\n");
      },
    });
  }
  try {
    return await runWatcher(
      {
        db: options.db,
        hub: options.connection.hub,
        requestCounts: options.connection.counts,
        signal: options.signal,
        onEvent: (event) => {
          io.stdout.write(`${formatWatchEvent(event)}\n`);
          webhook?.send(event);
        },
        onPoll: (summary) => io.stderr.write(`${formatPollSummary(summary)}\n`),
        onError: (error) =>
          io.stderr.write(
            `watch: poll failed: ${(error as Error).message ?? error}; next try in ${formatDuration(intervalMs)}\n`,
          ),
      },
      { intervalMs, changesEveryMs: options.changesEveryMs, once: options.once },
    );
  } finally {
    if (webhook !== null) {
      const isDrained = await webhook.drain(WEBHOOK_DRAIN_MS);
      webhook.close();
      const { pending } = webhook.stats();
      if (!isDrained && pending > 0)
        io.stderr.write(`webhook: ${countOf(pending, "event")} not delivered (the receiver kept failing)\n`);
    }
  }
}
