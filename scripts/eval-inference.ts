// `npm run eval:inference`: precision and recall of parent inference over real cards that declare their parents.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { RELATIONS } from "../lineage/types";
import { DEFAULT_INFERENCE_THRESHOLD } from "../lineage/infer/infer-lineage";
import { idFromCardFileName } from "../lineage/infer/infer-card-text";
import {
  evaluateInference,
  labelCard,
  splitHalf,
  type EvaluationReport,
  type LabeledCard,
} from "../lineage/infer/infer-evaluation";

const HUB_DATA = resolve(__dirname, "../../shared/hub-data");

const USAGE = `Usage: npm run eval:inference -- [--cards DIR] [--trees DIR] [--threshold N] [--half all|tune|holdout] [--json]

For every card under --cards (default ../shared/hub-data/cards) that declares a Hub base_model, hides the
declaration, infers parents from the rest and reports precision and recall at the threshold (default
${DEFAULT_INFERENCE_THRESHOLD}), overall, per relation and per half (cards are split by a hash of their file name;
the rules were tuned on the "tune" half only). Misses and false positives of --half (default all) are listed.
--trees DIR (default ../shared/hub-data/trees) adds the cards recorded in the fine-tune trees as a further
out-of-sample set; pass --trees "" to skip it.`;

function main(): number {
  // biome-ignore lint/suspicious/noImplicitAnyLet: its type is parseArgs' result for the options below
  let args;
  try {
    args = parseArgs({
      options: {
        cards: { type: "string", default: resolve(HUB_DATA, "cards") },
        trees: { type: "string", default: resolve(HUB_DATA, "trees") },
        threshold: { type: "string", default: String(DEFAULT_INFERENCE_THRESHOLD) },
        half: { type: "string", default: "all" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`${USAGE}\n\neval-inference: ${(err as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const threshold = Number(args.threshold);
  if (
    !Number.isFinite(threshold) ||
    threshold < 0 ||
    threshold > 1 ||
    !["all", "tune", "holdout"].includes(args.half)
  ) {
    process.stderr.write(
      `${USAGE}\n\neval-inference: --threshold takes a number in 0..1 and --half one of all, tune, holdout\n`,
    );
    return 2;
  }
  if (!existsSync(args.cards)) {
    process.stderr.write(
      `eval-inference: no cards at ${args.cards} (the real Hub data lives beside the project in ../shared/hub-data)\n`,
    );
    return 1;
  }
  const cards = loadCardDirectory(args.cards);
  const sets: [string, LabeledCard[]][] = [
    ["cards, all", cards],
    ["cards, tune half", cards.filter((c) => splitHalf(c.source) === "tune")],
    ["cards, holdout half", cards.filter((c) => splitHalf(c.source) === "holdout")],
  ];
  if (args.trees !== "" && existsSync(args.trees)) sets.push(["trees (out of sample)", loadTrees(args.trees)]);
  const reports = sets.map(([name, set]) => ({ name, report: evaluateInference(set, threshold) }));
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify(
        reports.map(({ name, report }) => ({ name, ...report, falsePositives: report.falsePositives.length })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  for (const { name, report } of reports) printSummary(name, report);
  const listed = reports[args.half === "all" ? 0 : args.half === "tune" ? 1 : 2].report;
  printLists(args.half, listed);
  return 0;
}

function loadCardDirectory(dir: string): LabeledCard[] {
  const cards: LabeledCard[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()) {
    const text = readFileSync(resolve(dir, file), "utf8");
    const card = labelCard(file, idFromCardFileName(file, text) ?? file, text);
    if (card) cards.push(card);
  }
  return cards;
}

/** Cards recorded in the trees/ crawls, each declaring the parent it was found under. */
function loadTrees(dir: string): LabeledCard[] {
  const cards: LabeledCard[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const tree = JSON.parse(readFileSync(resolve(dir, file), "utf8")) as {
      models?: { model_id?: unknown; card?: unknown }[];
    };
    for (const model of tree.models ?? []) {
      if (typeof model.model_id !== "string" || typeof model.card !== "string" || model.model_id.includes("://"))
        continue;
      const card = labelCard(`trees:${model.model_id}`, model.model_id, model.card);
      if (card) cards.push(card);
    }
  }
  return cards;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function printSummary(name: string, report: EvaluationReport): void {
  const { overall } = report;
  process.stdout.write(`\n== ${name}: ${report.cards} cards declaring a Hub parent, threshold ${report.threshold}\n`);
  process.stdout.write(
    `overall   precision ${percent(overall.precision)} (${overall.truePositives}/${overall.truePositives + overall.falsePositives})` +
      `  recall ${percent(overall.recall)} (${overall.truePositives}/${overall.truePositives + overall.falseNegatives})` +
      `  relation agreement on hits ${percent(report.relationAgreement)}\n`,
  );
  for (const relation of RELATIONS) {
    const s = report.byRelation[relation];
    process.stdout.write(
      `${relation.padEnd(9)} precision ${percent(s.precision).padStart(6)} (${s.truePositives}/${s.truePositives + s.falsePositives})` +
        `  recall ${percent(s.recall).padStart(6)} (${s.truePositives}/${s.truePositives + s.falseNegatives})\n`,
    );
  }
}

function printLists(half: string, report: EvaluationReport): void {
  process.stdout.write(`\n-- misses (${half}): declared parent, reference relation, confidence it got\n`);
  for (const m of report.misses) process.stdout.write(`${m.source}\t${m.parent}\t${m.relation}\t${m.confidence}\n`);
  process.stdout.write(`\n-- false positives (${half}): predicted, relation, confidence, declared, first evidence\n`);
  for (const f of report.falsePositives) {
    const evidence = f.candidate.evidence.find((e) => e.kind !== "table") ?? f.candidate.evidence[0];
    process.stdout.write(
      `${f.source}\t${f.candidate.id}\t${f.candidate.relation}\t${f.candidate.confidence}\t[${f.declared.join(", ")}]\t${evidence ? `${evidence.kind}: ${evidence.text}` : ""}\n`,
    );
  }
}

// A reader that stops early (`| head`) has seen what it wanted: that is not a failure.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = main();
