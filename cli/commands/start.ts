// `start` (what `npm start` runs after building the client): the server on the default database, and in the
// background a crawl of a handful of major families followed by the watcher. Without the Hub it serves what it has.
import { runProduct } from "../../app/run-product";
import type { Command } from "../command";
import { resolveServeOptions } from "../resolve-serve-options";

/** Families crawled by `npm start`: a handful of the Hub's largest, Qwen2.5-72B among them. */
export const DEFAULT_SEEDS = [
  "Qwen/Qwen2.5-72B",
  "meta-llama/Llama-3.1-8B",
  "mistralai/Mistral-7B-v0.1",
  "google/gemma-2-9b",
  "deepseek-ai/DeepSeek-R1",
];

const USAGE = `Usage: hf-lineage start [--all] [--db FILE] [--port N] [--host H] [--public-url URL]   (npm start builds the client first)

Starts the product: serves the lineage database (the API and the web client, as \`serve\` does) and, in the
background, crawls a handful of major families (${DEFAULT_SEEDS.join(", ")}) from the Hub, then
watches the Hub for new forks of every tracked family. The database fills while you browse; a rerun resumes an
unfinished crawl, and families walked in the last 24 hours cost one request each; when the plan is a sweep of
the whole Hub (the cheaper for big families, or --all), a rerun within 24 hours of the last full sweep tops it
up: it reads only the models created since (usually one request).

When the Hub cannot be reached, it says so, serves what the database holds and names the next step: \`npm run
demo\` (the product offline, on the recorded Hub data) or HF_ENDPOINT pointing at a mirror.

Options:
  --all         track the whole Hub instead of the default families: a crawl --all (a sweep, about one request
                per 1,000 models: ~13 minutes for 2.5M models with a free token), then the watcher, which stores
                every new or changed model (npm start -- --all)
  --db FILE     the database (default: $HF_LINEAGE_DB, else ./data/lineage.db)
  --port N      TCP port (default: $PORT, else 7860)
  --host H      address to listen on (default: $HOST, else 127.0.0.1)
  --public-url URL  the address users reach the server at, for absolute links (default: $PUBLIC_URL, else
                the bound http://HOST:PORT)
  -h, --help    show this help

Environment: HF_ENDPOINT selects the Hub (default https://huggingface.co); HF_TOKEN authenticates to it only.

Exit status: 0 after Ctrl-C; 1 when the server cannot start; 2 on a usage error.
`;

export const startCommand: Command = {
  name: "start",
  summary: "serve the database and crawl major families from the Hub in the background (npm start)",
  usage: USAGE,
  async run(argv, io) {
    // --all is start's own; the rest are serve's options.
    const isWholeHub = argv.includes("--all");
    return runProduct(
      {
        name: "start",
        serve: resolveServeOptions(
          argv.filter((arg) => arg !== "--all"),
          io.env,
        ),
        hub: {},
        crawl: isWholeHub ? { seeds: [], all: true } : { seeds: DEFAULT_SEEDS },
      },
      io,
    );
  },
};
