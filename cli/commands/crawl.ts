// `crawl --seed ID...`: walks the Hub from the seeds into the database (or sweeps it), with progress and a summary.
import { runCrawl } from "../../app/run-crawl";
import { CrawlOptionsError, DEFAULTS, DIRECTIONS, type CrawlOptions, type Direction } from "../../crawler/crawl";
import type { PlanMode } from "../../crawler/plan-crawl";
import { resolveDbPath } from "../../db/open-database";
import { DEFAULT_INFERENCE_THRESHOLD } from "../../lineage/infer/infer-lineage";
import { parseCommandArgs, parsePositiveInt, UsageError, type Command } from "../command";
import { connectHubFromFlags } from "../connect-hub-from-flags";

const THRESHOLD = DEFAULT_INFERENCE_THRESHOLD;

const USAGE = `Usage: hf-lineage crawl --seed ID [--seed ID ...] [options]
       hf-lineage crawl --all [options]

Walks the Hugging Face Hub from the seeds into the lineage database: up through each seed's parents to the roots,
and down through every derivative (fine-tunes, adapters, quantizations, merges) at every depth. Edges come from
the Hub's own base_model tags; a merge found under one parent brings all its parents. Each page of results is
committed with the crawl's frontier, so a crash or kill loses nothing: rerun the same command (or --resume) and
it continues where it stopped. Seeds become tracked families.

Plans: a down-walk costs one listing request per model it reaches (plus one per further page of 500 children);
a sweep lists every model on the Hub, newest first, at one request per 1,000 models (the Hub's size is asked of
the Hub once a day: X-Total-Count; ~2,000,000 until known). The crawler estimates both
(from each seed's direct-children count, then as the walk grows) and takes the cheaper, saying why. Within 24
hours of the last complete sweep (and without --refresh) a sweep is a top-up: it reads the newest pages only,
down to the first that reaches what that sweep stored (usually one request), and says how many models were new.

Inferred parents: when a card is read for a model that declares no parent (no base_model tag, none in the
card's front matter), its prose, links and mergekit recipes are searched for one ("Built on the open-source
Qwen2.5 model", "fine-tuned version of [org/x](...)"), and the predictions with confidence >= ${THRESHOLD} are
stored as edges with source "inferred", their confidence and evidence. A model with declared parents gets none
(declared sources win, and a model that gains one loses its inferred ones). The up-walk climbs inferred parents
like declared ones. Counts and exports leave inferred edges out unless asked (export --inferred include).

Options:
  --seed ID             a model id to start from (repeat for several)
  --all                 the whole Hub, by sweep (about one request per 1,000 models: ~2,500 for 2.5M models, ~13
                        minutes with a free token's budget); its cost at your budget is said before it starts;
                        resumable like any crawl (rerun crawl --all); rerun within 24 hours of the last full
                        sweep it tops up (the models created since, usually one request)
  --direction D         down, up or both (default both)
  --depth N             levels to go below and above the seeds (default: no limit)
  --plan P              auto (default), walk or sweep
  --sweep               same as --plan sweep: every model on the Hub, lineage from tags alone
  --cards               also read every reached model's README.md (one request each, from the /resolve/ bucket,
                        which is separate from and larger than the API's); without it a card is read only where
                        the record's cardData claims parents its tags lack. Needed to find undeclared lineage:
                        a model with no base_model tags (e.g. a seed like skt/A.X-4.0) is inferred only from a
                        card that is read. A card is read once per version of its repository: a rerun reads only
                        the cards of new models and of those whose sha (else lastModified) changed
  --no-infer            do not infer parents from the cards read (see "Inferred parents" above)
  --refresh             ask again for models listed or read in the last 24 hours (skipped otherwise), sweep
                        the whole Hub again instead of topping up, and read again the cards already read at the
                        repository's current version
  --resume              continue the last unfinished crawl (its seeds and options) when no --seed is given
  --db FILE             the database (default: $HF_LINEAGE_DB, else ./data/lineage.db)
  --hub-url URL         the Hub (default: $HF_ENDPOINT, else https://huggingface.co)
  --rate N/SECONDS      request budget of the Hub's API bucket, overriding the one the Hub advertises in every
                        answer (RateLimit-Policy); without it the crawl learns the budget of your tier from the
                        first answer (500/300 anonymous until then, or for a Hub that advertises none)
  --concurrency N       requests in flight at once (default ${DEFAULTS.concurrency})
  --wait                when another crawl or watcher writes the database, wait for it to end (default: exit 1
                        at once, naming it); one process writes a database at a time
  -h, --help            show this help

Environment: HF_TOKEN authenticates to the Hub's host only (never sent elsewhere, never printed).

Output: progress on stderr (a bar on a terminal, a line every 10 s otherwise; the ETA counts the budget's waits,
and a wait for the budget says until when), then a summary on stdout: the plan and why, requests, retries, models,
edges (with how many were inferred), problems (a seed the Hub does not know is named), and how much of the budget
the crawl used.

Exit status: 0 when the crawl finished (even with recorded problems); 1 when it stopped (Hub unreachable,
interrupted): rerun the same command to resume; 2 on a usage error.
`;

function parsePlan(values: { plan?: string; sweep?: boolean }): PlanMode | undefined {
  if (values.sweep && values.plan !== undefined && values.plan !== "sweep") {
    throw new UsageError(`--sweep contradicts --plan ${values.plan}`);
  }
  if (values.sweep) return "sweep";
  if (values.plan === undefined) return undefined;
  if (!["auto", "walk", "sweep"].includes(values.plan))
    throw new UsageError(`--plan must be auto, walk or sweep, got "${values.plan}"`);
  return values.plan as PlanMode;
}

export const crawlCommand: Command = {
  name: "crawl",
  summary: "walk the Hub from seed models (or sweep it) into the lineage database; resumable",
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      seed: { type: "string", multiple: true },
      all: { type: "boolean" },
      direction: { type: "string" },
      depth: { type: "string" },
      plan: { type: "string" },
      sweep: { type: "boolean" },
      cards: { type: "boolean" },
      "no-infer": { type: "boolean" },
      refresh: { type: "boolean" },
      resume: { type: "boolean" },
      db: { type: "string" },
      "hub-url": { type: "string" },
      rate: { type: "string" },
      concurrency: { type: "string" },
      wait: { type: "boolean" },
    });
    const seeds = values.seed ?? [];
    if (seeds.length === 0 && !values.resume && !values.all)
      throw new UsageError("give at least one --seed ID, or --all (or --resume)");
    if (values.direction !== undefined && !(DIRECTIONS as readonly string[]).includes(values.direction)) {
      throw new UsageError(`--direction must be one of ${DIRECTIONS.join(", ")}, got "${values.direction}"`);
    }
    const concurrency = parsePositiveInt(values.concurrency, "--concurrency", DEFAULTS.concurrency);
    const flags: CrawlOptions = {
      seeds,
      ...(values.all ? { all: true } : {}),
      direction: values.direction as Direction | undefined,
      depth: values.depth === undefined ? null : parsePositiveInt(values.depth, "--depth", 1),
      plan: parsePlan(values),
      cards: values.cards ?? false,
      infer: !values["no-infer"],
      refresh: values.refresh ?? false,
      concurrency,
    };
    const connection = connectHubFromFlags({ hubUrl: values["hub-url"], rate: values.rate, concurrency }, io.env);

    const request = {
      dbPath: resolveDbPath(values.db, io.env),
      connection,
      options: seeds.length === 0 && !values.all ? null : flags,
      concurrency,
      wait: values.wait ?? false,
    };
    try {
      return await runCrawl(request, io);
    } catch (error) {
      if (error instanceof CrawlOptionsError) throw new UsageError(error.message);
      throw error;
    }
  },
};
