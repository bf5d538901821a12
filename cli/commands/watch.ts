// `watch`: polls the Hub for new models, stores them, and prints (and optionally POSTs) each new fork of a tracked
// family.
import { runWatch } from "../../app/run-watch";
import { WATCH_DEFAULTS } from "../../crawler/watch/watch-options";
import { validateWebhookUrl, WebhookConfigError } from "../../crawler/watch/webhook";
import { resolveDbPath } from "../../db/open-database";
import { parseCommandArgs, UsageError, type Command } from "../command";
import { connectHubFromFlags } from "../connect-hub-from-flags";

const USAGE = `Usage: hf-lineage watch [--once] [--interval 10m] [--changes-every 1h] [--track ID ...] [--webhook URL]
                         [--db FILE] [--hub-url URL]

Watches the Hugging Face Hub for new models. Each poll lists the newest models first and stops at the watermark
(the newest creation date already seen, or after a crawl the newest one the database holds), so a poll with
nothing new costs one request. Every new model is stored with its lineage; one that derives, at any depth, from a
tracked family (a crawl seed, or a --track id) is a new fork: it is recorded once per family, printed, and POSTed
to the webhook. A kill at any moment loses and repeats nothing: the events and the watermark commit together.

Models listed again with a newer lastModified are re-read: a changed base_model updates the edges and is printed
as a lineage change. Edits to older models are found by a second, most-recently-modified listing walked down to
its own watermark (the newest lastModified seen), at most once per --changes-every. A model that vanished from
the top of the listing is asked for: gone (404) models are kept and dated, renamed ones recorded as aliases.

Options:
  --once            poll once and exit (default: poll every --interval until Ctrl-C)
  --interval T      time between polls: a number with s, m or h (default 10m; a bare number is seconds)
  --changes-every T least time between walks of the most-recently-modified listing (default 1h; 0: every poll)
  --track ID        also track this family (repeatable); tracked from now on, like a crawl seed. Crawl it first
                    (crawl --seed ID) so that forks of its existing members are recognised too
  --webhook URL     POST each event as JSON to URL, in the background, retried with backoff
  --db FILE         the database (default: $HF_LINEAGE_DB, else ./data/lineage.db)
  --hub-url URL     the Hub (default: $HF_ENDPOINT, else https://huggingface.co)
  -h, --help        show this help

Environment: HF_TOKEN authenticates to the Hub's host only (never sent elsewhere, never printed).

Output: one line per event on stdout ("fork", "joined" or "lineage"), a summary of each poll on stderr.

Exit status: 0 when the poll (or the loop, stopped by Ctrl-C) ended cleanly; 1 when a --once poll failed or was
interrupted (rerun it: nothing is lost); 2 on a usage error.
`;

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

    return runWatch(
      {
        dbPath: resolveDbPath(values.db, io.env),
        connection,
        tracks,
        intervalMs,
        changesEveryMs,
        once: values.once ?? false,
        webhookUrl: values.webhook,
      },
      io,
    );
  },
};
