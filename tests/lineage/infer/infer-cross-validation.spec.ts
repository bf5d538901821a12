// k-fold cross-validation: folds are stable, the threshold is tuned on the training folds only, each card counted once.
import type { Candidate } from "../../../lineage/infer/infer-lineage";
import { crossValidate, foldOf, rates, tuneThreshold } from "../../../lineage/infer/infer-cross-validation";
import type { ScoredCard } from "../../../lineage/infer/infer-evaluation";

function scored(source: string, parent: string, candidates: [string, number][]): ScoredCard {
  return {
    card: { source, id: `${source}/self`, text: "", parents: [parent], relation: "finetune" },
    candidates: candidates.map(
      ([id, confidence]): Candidate => ({ id, relation: "finetune", confidence, evidence: [] }),
    ),
  };
}

describe("foldOf", () => {
  it("puts a name in the same fold every time, and spreads names over the folds", () => {
    expect(foldOf("a.md", 5)).toBe(foldOf("a.md", 5));
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 500; i++) counts[foldOf(`card-${i}.md`, 5)]++;
    for (const count of counts) expect(count).toBeGreaterThan(60);
  });
});

describe("tuneThreshold", () => {
  it("takes the best recall among thresholds that keep precision >= 0.95", () => {
    // Right parents at 0.4 and 0.6; a wrong one at 0.35 on each card. Below 0.35 precision falls to 0.5.
    const cards = Array.from({ length: 20 }, (_, i) =>
      scored(`c${i}`, "p/right", [
        ["p/right", i % 2 === 0 ? 0.4 : 0.6],
        ["p/wrong", 0.35],
      ]),
    );
    expect(tuneThreshold(cards, [0.3, 0.35, 0.4, 0.5, 0.6])).toBe(0.4);
  });

  it("falls back to the most precise threshold when none keeps the target", () => {
    const cards = [
      scored("a", "p/right", [
        ["p/wrong", 0.9],
        ["p/right", 0.5],
      ]),
    ];
    expect(tuneThreshold(cards, [0.4, 0.95])).toBe(0.95);
  });
});

describe("crossValidate", () => {
  it("counts every card once, out of fold, and tunes each fold without it", () => {
    const cards = Array.from({ length: 50 }, (_, i) => scored(`card-${i}`, "p/right", [["p/right", 0.7]]));
    const { folds, outOfFold } = crossValidate(cards, 5);
    expect(folds.map((f) => f.cards).reduce((a, b) => a + b)).toBe(50);
    expect(outOfFold.overall).toEqual({ tp: 50, fp: 0, fn: 0 });
    expect(rates(outOfFold.overall)).toEqual({ precision: 1, recall: 1 });
    for (const fold of folds) expect(fold.threshold).toBeLessThanOrEqual(0.7);
  });
});
