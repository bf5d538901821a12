// `npm run hub-replay -- ...`: runs the replay server standalone until SIGINT/SIGTERM.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { onSignals } from "../common/on-signals";
import type { FaultOptions, RouteKind } from "./fault-plan";
import { startHubReplay, type HubReplay, type HubReplayOptions } from "./hub-replay-server";
import { parseRate, type RetryAfterMode } from "./rate-budget";
import { ReplayConfigError } from "./replay-errors";

export const USAGE = `Usage: npm run hub-replay -- [--data DIR | --synthetic N [--seed S]] [options]

Serves the Hugging Face Hub API (/api/models, /api/models/<id>[/revision/<rev>], /<id>/resolve/<rev>/README.md)
over recorded data (default ../shared/hub-data) or a synthetic Hub. See replay/README.md.

  --data DIR                recorded Hub data folder (trees/, graphs/, api-responses/)
  --synthetic N             synthetic Hub of N models instead
  --seed S                  synthetic seed (default 1)
  --port P                  default 7861 (0 picks a free port)
  --host H                  default 127.0.0.1
  --rate N/SECONDS          API budget: N requests per fixed window ("api" bucket), 429 beyond
  --resolve-rate N/SECONDS  budget of /resolve/ requests ("resolvers" bucket)
  --retry-after MODE        Retry-After on 429s: always | never | alternate (default)
  --error-rate X            share of requests answered 500/502/503/504
  --hang-rate X             share of requests never answered
  --truncate-rate X         share of answers cut mid-body
  --delay MS|MIN-MAX        delay before each answer
  --fault-routes LIST       route kinds faults apply to: list,info,resolve,other (default all)
  --fault-seed S            seed of the fault sequence (default 1)
  --link-loop               the last page of each listing links back to the first
  --cutoff ISO              only models created at or before this instant exist
  --rename OLD=NEW          OLD answers 307 to NEW (repeatable)
  --missing-status 404|401  status for a missing repo (401 = what anonymous callers get)
  --page-limit N            most records a listing page serves (default 1000), whatever limit= asks

Control routes (not counted): POST /__replay/cutoff?at=ISO|none, GET /__replay/stats, POST /__replay/stats/reset,
POST /__replay/remove?id=ID.`;

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new ReplayConfigError(`--${name}`, value, "a number");
  return n;
}

/** argv (after the script name) -> server options; throws ReplayConfigError (or TypeError from parseArgs). */
export function parseHubReplayArgs(argv: string[], cwd: string): HubReplayOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      data: { type: "string" },
      synthetic: { type: "string" },
      seed: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      rate: { type: "string" },
      "resolve-rate": { type: "string" },
      "retry-after": { type: "string" },
      "error-rate": { type: "string" },
      "hang-rate": { type: "string" },
      "truncate-rate": { type: "string" },
      delay: { type: "string" },
      "fault-routes": { type: "string" },
      "fault-seed": { type: "string" },
      "link-loop": { type: "boolean" },
      cutoff: { type: "string" },
      rename: { type: "string", multiple: true },
      "missing-status": { type: "string" },
      "page-limit": { type: "string" },
    },
  });
  if (values.data !== undefined && values.synthetic !== undefined) {
    throw new ReplayConfigError("--data/--synthetic", [values.data, values.synthetic], "one of the two");
  }
  const options: HubReplayOptions = { port: numberOption("port", values.port) ?? 7861, host: values.host };
  if (values.synthetic !== undefined) {
    options.synthetic = {
      models: numberOption("synthetic", values.synthetic)!,
      seed: numberOption("seed", values.seed) ?? 1,
    };
  } else {
    options.data = resolve(cwd, values.data ?? "../shared/hub-data");
  }
  const retryAfter = values["retry-after"] as RetryAfterMode | undefined;
  if (retryAfter !== undefined && !["always", "never", "alternate"].includes(retryAfter)) {
    throw new ReplayConfigError("--retry-after", retryAfter, "always, never or alternate");
  }
  options.budget = {
    api: values.rate === undefined ? undefined : parseRate(values.rate, "--rate"),
    resolvers: values["resolve-rate"] === undefined ? undefined : parseRate(values["resolve-rate"], "--resolve-rate"),
    retryAfter,
  };
  const faults: FaultOptions = {
    serverErrorRate: numberOption("error-rate", values["error-rate"]),
    hangRate: numberOption("hang-rate", values["hang-rate"]),
    truncateRate: numberOption("truncate-rate", values["truncate-rate"]),
    linkLoop: values["link-loop"] ?? false,
    seed: numberOption("fault-seed", values["fault-seed"]),
  };
  if (values.delay !== undefined) {
    const range = /^(\d+)-(\d+)$/.exec(values.delay);
    faults.delayMs = range ? [Number(range[1]), Number(range[2])] : numberOption("delay", values.delay);
  }
  if (values["fault-routes"] !== undefined) faults.routes = values["fault-routes"].split(",") as RouteKind[];
  options.faults = faults;
  options.cutoff = values.cutoff;
  options.renames = {};
  for (const pair of values.rename ?? []) {
    const [from, to, extra] = pair.split("=");
    if (!from || !to || extra !== undefined) throw new ReplayConfigError("--rename", pair, "OLD=NEW");
    options.renames[from] = to;
  }
  if (values["missing-status"] !== undefined) {
    options.missingRepoStatus = numberOption("missing-status", values["missing-status"]) as 404 | 401;
  }
  options.maxPageLimit = numberOption("page-limit", values["page-limit"]);
  return options;
}

/** Starts the server and resolves with the exit code once a signal closes it (2: bad arguments, 1: cannot start). */
export async function runHubReplayCli(argv: string[], io: CliIo, cwd = process.cwd()): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: HubReplayOptions;
  try {
    options = parseHubReplayArgs(argv, cwd);
  } catch (err) {
    io.stderr.write(`${USAGE}\n\nhub-replay: ${(err as Error).message}\n`);
    return 2;
  }
  let replay: HubReplay;
  try {
    replay = await startHubReplay(options);
  } catch (err) {
    const code = err instanceof ReplayConfigError ? 2 : 1;
    io.stderr.write(`hub-replay: ${(err as Error).message}\n`);
    return code;
  }
  const source = options.synthetic ? `synthetic, seed ${options.synthetic.seed}` : options.data;
  io.stdout.write(`hub-replay: ${replay.store.size} models (${source}) at ${replay.url}\n`);
  await new Promise<void>((done) => onSignals(() => void replay.close().then(done), { once: true }));
  return 0;
}
