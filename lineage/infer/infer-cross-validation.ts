// k-fold cross-validation of inference: the threshold is tuned on k-1 folds and measured on the fold left out.
import { createHash } from "node:crypto";
import { countAt, emptyTally, mergeTally, type ScoredCard, type Tally } from "./infer-evaluation";

export interface FoldResult {
  fold: number;
  /** Cards held out in this fold. */
  cards: number;
  /** The threshold chosen on the other folds. */
  threshold: number;
  /** The held-out fold's counts at that threshold. */
  tally: Tally;
}

export interface CrossValidation {
  folds: FoldResult[];
  /** Every fold's held-out counts added up: each card is counted once, by a threshold tuned without it. */
  outOfFold: Tally;
}

/** Thresholds tried on the training folds. */
export const THRESHOLD_GRID = Array.from({ length: 17 }, (_, i) => Math.round((0.1 + i * 0.05) * 100) / 100);
/** The precision the tuning must keep on the training folds; among thresholds that do, the best recall wins. */
export const TARGET_PRECISION = 0.95;

/** The fold of a card, from a hash of its source name: stable across runs and machines. */
export function foldOf(source: string, k: number): number {
  return createHash("sha1").update(source).digest().readUInt32BE(0) % k;
}

/**
 * The threshold of the grid with the best recall among those keeping TARGET_PRECISION on `training`; when none
 * does, the one with the best precision (ties to the lower threshold).
 */
export function tuneThreshold(training: ScoredCard[], grid: readonly number[] = THRESHOLD_GRID): number {
  const results = grid.map((threshold) => ({ threshold, score: rates(countAt(training, threshold).overall) }));
  const keeping = results.filter((r) => r.score.precision >= TARGET_PRECISION);
  const pool = keeping.length > 0 ? keeping : results;
  const key = keeping.length > 0 ? "recall" : "precision";
  return pool.reduce((best, r) => (r.score[key] > best.score[key] ? r : best)).threshold;
}

export function crossValidate(scored: ScoredCard[], k = 5): CrossValidation {
  const folds: FoldResult[] = [];
  let outOfFold = emptyTally();
  for (let fold = 0; fold < k; fold++) {
    const heldOut = scored.filter((s) => foldOf(s.card.source, k) === fold);
    const training = scored.filter((s) => foldOf(s.card.source, k) !== fold);
    const threshold = tuneThreshold(training);
    const tally = countAt(heldOut, threshold);
    folds.push({ fold, cards: heldOut.length, threshold, tally });
    outOfFold = mergeTally(outOfFold, tally);
  }
  return { folds, outOfFold };
}

export function rates({ tp, fp, fn }: { tp: number; fp: number; fn: number }): { precision: number; recall: number } {
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}
