// `demo` (what `npm run demo` runs after building the client): the product of `start` on a machine without the
// Hub, a local replay of the recorded Hub data standing in for it.
import { DEFAULT_SYNTHETIC_MODELS, hasRecordedHubData, runDemo, SYNTHETIC_FAMILIES } from "../../app/run-demo";
import { parseCommandArgs, parsePositiveInt, UsageError, type Command } from "../command";
import { resolveServeOptions } from "../resolve-serve-options";

export const DEMO_DB_PATH = "./data/demo.db";

const SYNTHETIC_MODELS = DEFAULT_SYNTHETIC_MODELS.toLocaleString("en-US");

const USAGE = `Usage: hf-lineage demo [--data DIR | --synthetic N] [--db FILE] [--port N] [--host H]   (npm run demo)

The product as \`start\` runs it, without the Hub: a local replay of recorded Hub data stands in for it (the
Hub's API shapes, in this process), so everything can be seen on a machine without internet. The demo crawls the
recorded families (the ten tree roots of ../shared/hub-data/trees and HuggingFaceTB/SmolLM2-1.7B) into its own
database, serves it while it fills, then watches the replay for new forks. When ../shared/hub-data is absent it
replays a synthetic Hub of ${SYNTHETIC_MODELS} models and crawls its ${SYNTHETIC_FAMILIES} largest families.

Options:
  --data DIR       recorded Hub data to replay (default: ../shared/hub-data beside the checkout)
  --synthetic N    replay a synthetic Hub of N models instead
  --db FILE        the demo database (default ${DEMO_DB_PATH}, apart from the real one)
  --port N         TCP port (default: $PORT, else 7860)
  --host H         address to listen on (default: $HOST, else 127.0.0.1)
  -h, --help       show this help

Exit status: 0 after Ctrl-C; 1 when the server or the replay cannot start; 2 on a usage error.
`;

export const demoCommand: Command = {
  name: "demo",
  summary: "the product against a local replay of the recorded Hub data, for machines without internet (npm run demo)",
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      data: { type: "string" },
      synthetic: { type: "string" },
      db: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
    });
    if (values.data !== undefined && values.synthetic !== undefined)
      throw new UsageError("give --data or --synthetic, not both");
    if (values.data !== undefined && !hasRecordedHubData(values.data))
      throw new UsageError(`--data ${values.data} holds no trees/ folder of recorded Hub data`);
    const synthetic =
      values.synthetic === undefined
        ? undefined
        : parsePositiveInt(values.synthetic, "--synthetic", DEFAULT_SYNTHETIC_MODELS);
    const serveArgs = [
      ...["--db", values.db ?? DEMO_DB_PATH],
      ...(values.port === undefined ? [] : ["--port", values.port]),
      ...(values.host === undefined ? [] : ["--host", values.host]),
    ];
    return runDemo({ data: values.data, synthetic, serve: resolveServeOptions(serveArgs, io.env) }, io);
  },
};
