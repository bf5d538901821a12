// Tests of the inference evaluation: labels, id matching and scoring on fixtures, then the floors measured on the
// real cards of ../shared/hub-data (precision >= 0.95 with recall >= 0.65 at the default threshold).
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { idFromCardFileName } from "../../../lineage/infer/infer-card-text";
import {
  evaluateInference,
  isSameModel,
  labelCard,
  scoreCards,
  type EvaluationReport,
  type LabeledCard,
} from "../../../lineage/infer/infer-evaluation";
import { crossValidate, rates } from "../../../lineage/infer/infer-cross-validation";
import { describeWithHubData, HUB_DATA } from "../../helpers/hub-data";

const FIXTURES = resolve(__dirname, "../../fixtures/inference");

describe("labelCard", () => {
  it("labels a card with its declared Hub parents and their relation", () => {
    const text = readFileSync(resolve(FIXTURES, "finetune-link.md"), "utf8");
    expect(labelCard("f.md", "example-user/assistant-7b", text)).toMatchObject({
      parents: ["decoy-org/declared-parent"],
      relation: "merge",
    });
    expect(
      labelCard("q.md", "example-org/chat-13b-GGUF", readFileSync(resolve(FIXTURES, "quantized-gguf.md"), "utf8")),
    ).toMatchObject({ relation: "quantized" });
  });

  it("skips cards that declare no Hub parent", () => {
    expect(labelCard("a.md", "x/y", "# no front matter")).toBeNull();
    expect(labelCard("b.md", "x/y", "---\nbase_model: ./local/path\n---\n")).toBeNull();
  });
});

describe("isSameModel", () => {
  it("compares case-insensitively, maps legacy ids and renamed family ids", () => {
    expect(isSameModel("Org/Model", "org/model")).toBe(true);
    expect(isSameModel("roberta-large", "FacebookAI/roberta-large")).toBe(true);
    expect(isSameModel("meta-llama/Meta-Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-8B-Instruct")).toBe(true);
    expect(isSameModel("org/model", "org/model-2")).toBe(false);
  });
});

describe("evaluateInference", () => {
  const card = (source: string, id: string, body: string, parents: string[]): LabeledCard => ({
    source,
    id,
    text: body,
    parents,
    relation: "finetune",
  });

  it("counts hits, misses and false positives per relation and lists them", () => {
    const cards = [
      card("hit.md", "me/a", "This model is a fine-tuned version of [x/base](https://huggingface.co/x/base).", [
        "x/base",
      ]),
      card("miss.md", "me/b", "A model trained on our data.", ["x/hidden"]),
      card("wrong.md", "me/c", "This model is a fine-tuned version of [y/other](https://huggingface.co/y/other).", [
        "x/declared",
      ]),
    ];
    const report = evaluateInference(cards);
    expect(report.overall).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 2,
      precision: 0.5,
      recall: 1 / 3,
    });
    expect(report.byRelation.finetune).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 2 });
    expect(report.byRelation.merge).toMatchObject({ precision: 1, recall: 1 });
    expect(report.misses.map((m) => [m.source, m.parent, m.confidence])).toEqual([
      ["miss.md", "x/hidden", 0],
      ["wrong.md", "x/declared", 0],
    ]);
    expect(report.falsePositives.map((f) => [f.source, f.candidate.id])).toEqual([["wrong.md", "y/other"]]);
    expect(report.relationAgreement).toBe(1);
  });
});

describeWithHubData("evaluateInference over ../shared/hub-data/cards", () => {
  const dir = resolve(HUB_DATA, "cards");
  const cards: LabeledCard[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md"))) {
    const text = readFileSync(resolve(dir, file), "utf8");
    const labeled = labelCard(file, idFromCardFileName(file, text) ?? file, text);
    if (labeled) cards.push(labeled);
  }

  let report: EvaluationReport;
  beforeAll(() => {
    report = evaluateInference(cards);
  });

  it("labels the ~400 cards that declare a Hub parent", () => {
    expect(cards.length).toBeGreaterThanOrEqual(395);
  });

  // Floors a little under the figures measured when this was written (95.3% / 73.0% overall; 95.7% / 70.1% on
  // the half not used for tuning), so a regression fails and noise in later rule changes does not.
  it("keeps precision >= 0.95 and recall >= 0.70 overall at the default threshold", () => {
    const { overall } = report;
    expect(overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(overall.recall).toBeGreaterThanOrEqual(0.7);
  });

  it("keeps precision >= 0.94 and recall >= 0.67 out of fold, the threshold tuned without the held-out cards", () => {
    const { outOfFold } = crossValidate(scoreCards(cards), 5);
    const { precision, recall } = rates(outOfFold.overall);
    expect(precision).toBeGreaterThanOrEqual(0.94);
    expect(recall).toBeGreaterThanOrEqual(0.67);
  });

  it("keeps per-relation floors: quantized and merge precise and found, finetune precise", () => {
    const { byRelation } = report;
    expect(byRelation.quantized.precision).toBeGreaterThanOrEqual(0.92);
    expect(byRelation.quantized.recall).toBeGreaterThanOrEqual(0.88);
    expect(byRelation.merge.precision).toBeGreaterThanOrEqual(0.95);
    expect(byRelation.merge.recall).toBeGreaterThanOrEqual(0.8);
    expect(byRelation.finetune.precision).toBeGreaterThanOrEqual(0.94);
    expect(byRelation.finetune.recall).toBeGreaterThanOrEqual(0.58);
  });
});
