// `npm run eval:inference`: out-of-fold precision and recall of parent inference over real cards that declare parents.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { RELATIONS } from "../lineage/types";
import { DEFAULT_INFERENCE_THRESHOLD, inferLineage } from "../lineage/infer/infer-lineage";
import { idFromCardFileName } from "../lineage/infer/infer-card-text";
import { crossValidate, rates, TARGET_PRECISION, THRESHOLD_GRID } from "../lineage/infer/infer-cross-validation";
import {
  countAt,
  labelCard,
  scoreCards,
  toReport,
  type EvaluationReport,
  type LabeledCard,
} from "../lineage/infer/infer-evaluation";

const HUB_DATA = resolve(__dirname, "../../shared/hub-data");

const USAGE = `Usage: npm run eval:inference -- [--cards DIR] [--trees DIR] [--case-studies DIR] [--folds K] [--list] [--json]

Pools every real card that declares a Hub base_model (--cards, default ../shared/hub-data/cards, and the cards
inside --trees, default ../shared/hub-data/trees; pass --trees "" to leave those out), hides the declaration and
infers parents from the rest. k-fold cross-validation (--folds, default 5; a card's fold is a hash of its name):
for each fold the threshold is tuned on the other k-1 folds (the grid ${THRESHOLD_GRID[0]}..${THRESHOLD_GRID.at(-1)}; the best recall among
thresholds keeping precision >= ${TARGET_PRECISION}), then measured on the held-out fold. Printed: each fold's tuned
threshold, and the out-of-fold precision and recall per relation and overall (every card counted once, by a
threshold tuned without it); then the same at the crawler's fixed default threshold ${DEFAULT_INFERENCE_THRESHOLD}. The rules and weights themselves were written by people who had read many of these
cards: only the threshold is tuned here. --list adds the out-of-fold misses and false positives.
--case-studies DIR (default ../shared/hub-data/case-studies) checks skt/A.X-4.0 -> Qwen/Qwen2.5-72B.`;

function main(): number {
  // biome-ignore lint/suspicious/noImplicitAnyLet: its type is parseArgs' result for the options below
  let args;
  try {
    args = parseArgs({
      options: {
        cards: { type: "string", default: resolve(HUB_DATA, "cards") },
        trees: { type: "string", default: resolve(HUB_DATA, "trees") },
        "case-studies": { type: "string", default: resolve(HUB_DATA, "case-studies") },
        folds: { type: "string", default: "5" },
        list: { type: "boolean", default: false },
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
  const folds = Number(args.folds);
  if (!Number.isInteger(folds) || folds < 2) {
    process.stderr.write(`${USAGE}\n\neval-inference: --folds takes a whole number of 2 or more\n`);
    return 2;
  }
  if (!existsSync(args.cards)) {
    process.stderr.write(
      `eval-inference: no cards at ${args.cards} (the real Hub data lives beside the project in ../shared/hub-data)\n`,
    );
    return 1;
  }
  const cards = loadCardDirectory(args.cards);
  const trees = args.trees !== "" && existsSync(args.trees) ? loadTrees(args.trees) : [];
  const pooled = [...cards, ...trees];
  const scored = scoreCards(pooled);
  const result = crossValidate(scored, folds);
  const report = toReport(result.outOfFold, pooled.length, Number.NaN);
  const caseStudy = checkCaseStudy(
    args["case-studies"],
    result.folds.map((f) => f.threshold),
  );
  if (args.json) {
    const { misses, falsePositives, ...figures } = report;
    const foldsOut = result.folds.map(({ fold, cards: n, threshold }) => ({ fold, cards: n, threshold }));
    const json = { ...figures, misses: misses.length, falsePositives: falsePositives.length, folds: foldsOut };
    process.stdout.write(`${JSON.stringify({ ...json, caseStudy }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(
    `${pooled.length} cards declaring a Hub parent (${cards.length} from cards/, ${trees.length} from trees/), ` +
      `${folds}-fold cross-validation\n`,
  );
  for (const f of result.folds) {
    const s = rates(f.tally.overall);
    process.stdout.write(
      `fold ${f.fold}: ${f.cards} cards held out, threshold tuned on the others ${f.threshold}; held out: ` +
        `precision ${percent(s.precision)} recall ${percent(s.recall)}\n`,
    );
  }
  printSummary("out of fold (each fold at the threshold tuned on the others)", report);
  // The crawler stores predictions at the fixed default: nothing is tuned for this line, so it needs no folds.
  const fixed = toReport(countAt(scored, DEFAULT_INFERENCE_THRESHOLD), pooled.length, DEFAULT_INFERENCE_THRESHOLD);
  printSummary(`at the crawler's fixed default threshold ${DEFAULT_INFERENCE_THRESHOLD} (nothing tuned)`, fixed);
  if (caseStudy !== null) process.stdout.write(`\n${caseStudy.summary}\n`);
  if (args.list) printLists(report);
  return 0;
}

/** skt/A.X-4.0 declares no parent; its prose and size single out the Qwen2.5-72B line. Null without the file. */
function checkCaseStudy(
  dir: string,
  thresholds: number[],
): { found: boolean; confidence: number; summary: string } | null {
  const file = resolve(dir, "skt_A.X-4.0.md");
  if (!existsSync(file)) return null;
  const candidates = inferLineage({ id: "skt/A.X-4.0", cardText: readFileSync(file, "utf8") });
  const qwen = candidates.find((c) => /^Qwen\/Qwen2\.5-72B(-Instruct)?$/i.test(c.id));
  const confidence = qwen?.confidence ?? 0;
  const found = thresholds.every((t) => confidence >= t);
  const summary =
    `case study skt/A.X-4.0 -> ${qwen?.id ?? "Qwen/Qwen2.5-72B"}: confidence ${confidence}, ` +
    `${found ? "kept" : "LOST"} at every fold's threshold (${thresholds.join(", ")})`;
  return { found, confidence, summary };
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
  process.stdout.write(`\n== ${name}\n`);
  process.stdout.write(
    `overall   precision ${percent(overall.precision)} ` +
      `(${overall.truePositives}/${overall.truePositives + overall.falsePositives})` +
      `  recall ${percent(overall.recall)} ` +
      `(${overall.truePositives}/${overall.truePositives + overall.falseNegatives})` +
      `  relation agreement on hits ${percent(report.relationAgreement)}\n`,
  );
  for (const relation of RELATIONS) {
    const s = report.byRelation[relation];
    process.stdout.write(
      `${relation.padEnd(9)} precision ${percent(s.precision).padStart(6)} ` +
        `(${s.truePositives}/${s.truePositives + s.falsePositives})` +
        `  recall ${percent(s.recall).padStart(6)} (${s.truePositives}/${s.truePositives + s.falseNegatives})\n`,
    );
  }
}

function printLists(report: EvaluationReport): void {
  process.stdout.write("\n-- misses (out of fold): declared parent, reference relation, confidence it got\n");
  for (const m of report.misses) process.stdout.write(`${m.source}\t${m.parent}\t${m.relation}\t${m.confidence}\n`);
  process.stdout.write(
    "\n-- false positives (out of fold): predicted, relation, confidence, declared, first evidence\n",
  );
  for (const f of report.falsePositives) {
    const evidence = f.candidate.evidence.find((e) => e.kind !== "table") ?? f.candidate.evidence[0];
    const firstEvidence = evidence ? `${evidence.kind}: ${evidence.text}` : "";
    process.stdout.write(
      `${f.source}\t${f.candidate.id}\t${f.candidate.relation}\t${f.candidate.confidence}\t` +
        `[${f.declared.join(", ")}]\t${firstEvidence}\n`,
    );
  }
}

// A reader that stops early (`| head`) has seen what it wanted: that is not a failure.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = main();
