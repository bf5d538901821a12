// `watch`: polls the Hub for new models, stores them, and prints (and optionally POSTs) each new fork of a tracked
// family; `startWatcher` runs the same loop beside the server for `npm start`.
import { resolveId } from "../../db/aliases";
import { getModel } from "../../db/models";
import { resolveDbPath, type Db } from "../../db/open-database";
import { listTrackedFamilies, trackFamily } from "../../db/tracked-families";
import { formatDuration } from "../../crawler/progress";
import {
  runWatcher,
  WATCH_DEFAULTS,
  type PollSummary,
  type WatcherResult,
  type WatchEvent,
} from "../../crawler/watch/watch";
import {
  createWebhookSender,
  validateWebhookUrl,
  WebhookConfigError,
  type WebhookSender,
} from "../../crawler/watch/webhook";
import { parseCommandArgs, UsageError, type CliIo, type Command } from "../command";
import { openWriterDatabase } from "../open-writer-database";
import { connectHubFromFlags, type HubConnection } from "./crawl";

const USAGE = `Usage: hf-lineage watch [--once] [--interval 10m] [--changes-every 1h] [--track ID ...] [--webhook URL] [--db FILE] [--hub-url URL]

Watches the Hugging Face Hub for new models. Each poll lists the newest models first and stops at the watermark
(the newest creation date already seen, or after a crawl the newest one the database holds), so a poll with
nothing new costs one request. Every new model is stored with its lineage; one that derives, at any depth, from a
tracked family (a crawl seed, or a --track id) is a new fork: it is recorded once per family, printed, and POSTed
to the webhook. A kill at any moment loses and repeats nothing: the events and the watermark commit together.

Models listed again with a newer lastModified are re-read: a changed base_model updates the edges and is printed
as a lineage change. Edits to older models are found by a second, most-recently-modified listing walked down to
its own watermark (the newest lastModified seen), at most once per --changes-every. A model that vanished from the top of the listing is asked for: gone (404) models are kept
and dated, renamed ones recorded as aliases.

Options:
  --once            poll once and exit (default: poll every --interval until Ctrl-C)
  --interval T      time between polls: a number with s, m or h (default 10m; a bare number is seconds)
  --changes-every T least time between walks of the most-recently-modified listing (default 1h; 0: every poll)
  --track ID        also track this family (repeatable); tracked from now on, like a crawl seed. Crawl it first
                    (crawl --seed ID) so that forks of its existing members are recognised too
  --webhook URL     POST each event as JSON to URL, in the background, retried with backoff
  --db FILE         the database (default: $HF_LINEAGE_DB, else ./data/lineage.db)
  --hub-url URL     the Hub (default: $HF_ENDPOINT, else https://huggingface.co)
  --wait            when a crawl or another watcher writes the database, wait for it to end (default: exit 1
                    at once, naming it); one process writes a database at a time
  -h, --help        show this help

Environment: HF_TOKEN authenticates to the Hub's host only (never sent elsewhere, never printed).

Output: one line per event on stdout ("fork", "joined" or "lineage"), a summary of each poll on stderr.

Exit status: 0 when the poll (or the loop, stopped by Ctrl-C) ended cleanly; 1 when a --once poll failed or was
interrupted (rerun it: nothing is lost); 2 on a usage error.
`;

/** How long the webhook may keep retrying after the last poll before the command exits. */
const WEBHOOK_DRAIN_MS = 15_000;
const HUB_ID = /^[^\s/]+(\/[^\s/]+)?$/;
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `10m`, `30s`, `1h`, `90` (seconds) -> milliseconds; at least one second (`least`: 0 for --changes-every). */
export function parseInterval(text: string, flag = "--interval", least = 1000): number {
  const match = /^\s*(\d+)\s*(ms|s|m|h)?\s*$/.exec(text);
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? "s"] : NaN;
  if (!Number.isSafeInteger(ms) || ms < least || (ms > 0 && ms < 1000)) {
    const range = least === 0 ? "0 or at least 1s" : "at least 1s";
    throw new UsageError(`${flag} takes a duration of ${range} such as 30s, 10m or 1h, got "${text}"`);
  }
  return ms;
}

const count = (n: number, what: string) => `${n.toLocaleString("en-US")} ${what}${n === 1 ? "" : "s"}`;

export function formatWatchEvent(event: WatchEvent): string {
  if (event.type === "fork") {
    const created = event.createdAt === null ? "" : `, created ${event.createdAt}`;
    const label = event.kind === "new" ? "fork   " : "joined ";
    const why = event.kind === "joined" ? " (its base_model changed)" : "";
    return `${label} ${event.root} <- ${event.model}  ${event.relation ?? "unknown"}, depth ${event.depth}${created}${why}`;
  }
  const parents = (list: { id: string; relation: string | null }[]) =>
    list.length === 0 ? "(none)" : list.map((p) => `${p.id} (${p.relation ?? "unknown"})`).join(", ");
  return `lineage ${event.model}  parents ${parents(event.parentsBefore)} -> ${parents(event.parentsAfter)}  [families: ${event.roots.join(", ")}]`;
}

export function formatPollSummary(summary: PollSummary): string {
  const parts = [
    count(summary.requests, "request"),
    `${summary.listed.toLocaleString("en-US")} listed`,
    `${summary.newModels.toLocaleString("en-US")} new`,
    `${summary.changed.toLocaleString("en-US")} changed`,
    count(summary.events.length, "event"),
  ];
  if (summary.gone.length) parts.push(`${summary.gone.length} gone`);
  if (summary.renamed.length) parts.push(`${summary.renamed.length} renamed`);
  if (summary.changesPages)
    parts.push(`changes listing ${count(summary.changesPages, "page")} (${count(summary.changesRequests, "request")})`);
  if (summary.problems) parts.push(count(summary.problems, "problem"));
  const head = summary.status === "done" ? "poll" : "poll interrupted (what it stored stays pending for the next poll)";
  return `${head}: ${parts.join(", ")} in ${formatDuration(summary.elapsedMs)}; watermark ${summary.watermark ?? "none yet"}`;
}

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
 * Runs the watcher with events on stdout, poll summaries and failures on stderr, and the webhook if asked; shared
 * by `watch` and `start`. Resolves when the loop stops (signal) or the single poll ends; the webhook then gets a
 * short while to deliver what is queued.
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
        io.stderr.write(`webhook: ${count(pending, "event")} not delivered (the receiver kept failing)\n`);
    }
  }
}

/** Tracks the --track ids and says which families are not stored yet (only their direct children are recognised). */
function trackFamilies(db: Db, ids: string[], io: CliIo): void {
  const now = new Date().toISOString();
  for (const raw of ids) {
    const id = resolveId(db, raw) ?? raw;
    trackFamily(db, id, "track", now);
    if (getModel(db, id)?.fetchedAt == null) {
      io.stderr.write(
        `watch: ${id} is tracked but not crawled: forks of its existing members are recognised once you run ` +
          `hf-lineage crawl --seed ${id}\n`,
      );
    }
  }
  if (listTrackedFamilies(db).length === 0) {
    io.stderr.write(
      "watch: no tracked family yet (crawl seeds or --track ID): new models are stored, but none is a fork of anything tracked\n",
    );
  }
}

export const watchCommand: Command = {
  name: "watch",
  summary: "poll the Hub for new models and report new forks of tracked families (--once, --webhook)",
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      once: { type: "boolean" },
      interval: { type: "string" },
      "changes-every": { type: "string" },
      track: { type: "string", multiple: true },
      webhook: { type: "string" },
      db: { type: "string" },
      "hub-url": { type: "string" },
      wait: { type: "boolean" },
    });
    const intervalMs = values.interval === undefined ? WATCH_DEFAULTS.intervalMs : parseInterval(values.interval);
    const changesEveryMs =
      values["changes-every"] === undefined
        ? WATCH_DEFAULTS.changesEveryMs
        : parseInterval(values["changes-every"], "--changes-every", 0);
    const tracks = (values.track ?? []).map((id) => id.trim());
    for (const id of tracks) {
      if (!HUB_ID.test(id)) throw new UsageError(`--track "${id}" is not a Hub model id: write it as owner/name`);
    }
    if (values.webhook !== undefined) {
      try {
        validateWebhookUrl(values.webhook);
      } catch (error) {
        if (error instanceof WebhookConfigError) throw new UsageError(error.message);
        throw error;
      }
    }
    const connection = connectHubFromFlags({ hubUrl: values["hub-url"] }, io.env);

    const controller = new AbortController();
    const writer = await openWriterDatabase(resolveDbPath(values.db, io.env), {
      name: "watch",
      wait: values.wait ?? false,
      io,
    });
    const { db } = writer;
    const onSignal = () => {
      if (controller.signal.aborted) process.exit(130);
      io.stderr.write("\nstopping (Ctrl-C again to quit now; nothing is lost either way)\n");
      controller.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      trackFamilies(db, tracks, io);
      const result = await startWatcher({
        db,
        connection,
        io,
        signal: controller.signal,
        intervalMs,
        changesEveryMs,
        once: values.once ?? false,
        webhookUrl: values.webhook,
      });
      if (values.once && result.status === "interrupted") {
        io.stderr.write("hf-lineage watch: interrupted; rerun to finish the poll (nothing is lost)\n");
        return 1;
      }
      return 0;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      writer.close();
    }
  },
};
