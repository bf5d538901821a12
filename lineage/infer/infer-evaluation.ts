// Scores inferLineage against cards that declare their parents: hide the declaration, infer, compare.
import { RELATIONS, type Relation } from "../types";
import { FORMER_FAMILY_IDS } from "./infer-families";
import { DEFAULT_INFERENCE_THRESHOLD, inferLineage, type Candidate } from "./infer-lineage";
import { parseCard } from "../card/parse-card";

export interface LabeledCard {
  /** Where the card came from (a file name), for the report. */
  source: string;
  id: string;
  text: string;
  /** The Hub ids the card declares as base_model. */
  parents: string[];
  /** The relation the card states, else the one the project's relation rule gives (as the Hub would). */
  relation: Relation;
}

/**
 * A labeled card, or null when the card declares no Hub parent. The declaration is read by the project's own card
 * parser (lineage/card/parse-card.ts): the parents the crawler would store, and their relation (stated, or the rule's).
 */
export function labelCard(source: string, id: string, text: string): LabeledCard | null {
  const parsed = parseCard(text, { id });
  if (parsed.baseModels.length === 0 || parsed.relation === null) return null;
  return { source, id, text, parents: parsed.baseModels, relation: parsed.relation };
}

/**
 * Same model: ids compare case-insensitively, a legacy owner-less id equals its later `owner/` spelling, and a
 * renamed family checkpoint equals its former id (the Hub redirects it).
 */
export function isSameModel(a: string, b: string): boolean {
  const current = (id: string): string => (FORMER_FAMILY_IDS.get(id.toLowerCase()) ?? id).toLowerCase();
  const x = current(a);
  const y = current(b);
  if (x === y) return true;
  if (!x.includes("/") && y.endsWith(`/${x}`)) return true;
  return !y.includes("/") && x.endsWith(`/${y}`);
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface Miss {
  source: string;
  parent: string;
  relation: Relation;
  /** The confidence the parent got, 0 when it was not even a candidate. */
  confidence: number;
}

export interface FalsePositive {
  source: string;
  candidate: Candidate;
  declared: string[];
}

export interface EvaluationReport {
  threshold: number;
  cards: number;
  overall: Score;
  /** Recall counts by the declared relation, precision by the predicted one. */
  byRelation: Record<Relation, Score>;
  /** Among correct parents, how often the predicted relation equals the reference one. */
  relationAgreement: number;
  misses: Miss[];
  falsePositives: FalsePositive[];
}

/** Hits, misses and false positives at one threshold, overall and per relation. */
export interface Tally {
  overall: Counts;
  /** Recall counts by the declared relation, precision by the predicted one. */
  byRelation: Record<Relation, Counts>;
  /** Hits whose predicted relation equals the reference one. */
  agreeing: number;
  misses: Miss[];
  falsePositives: FalsePositive[];
}

export function emptyTally(): Tally {
  const byRelation = Object.fromEntries(RELATIONS.map((r) => [r, emptyCounts()])) as Record<Relation, Counts>;
  return { overall: emptyCounts(), byRelation, agreeing: 0, misses: [], falsePositives: [] };
}

export function mergeTally(a: Tally, b: Tally): Tally {
  const add = (x: Counts, y: Counts): Counts => ({ tp: x.tp + y.tp, fp: x.fp + y.fp, fn: x.fn + y.fn });
  return {
    overall: add(a.overall, b.overall),
    byRelation: Object.fromEntries(RELATIONS.map((r) => [r, add(a.byRelation[r], b.byRelation[r])])) as Record<
      Relation,
      Counts
    >,
    agreeing: a.agreeing + b.agreeing,
    misses: [...a.misses, ...b.misses],
    falsePositives: [...a.falsePositives, ...b.falsePositives],
  };
}

/** Counts the predictions at `threshold` among candidates already inferred for each card. */
export function countAt(scored: ScoredCard[], threshold: number): Tally {
  const tally = emptyTally();
  const { overall, byRelation } = tally;
  for (const { card, candidates } of scored) {
    const predicted = candidates.filter((c) => c.confidence >= threshold);
    for (const parent of card.parents) {
      const hit = predicted.find((c) => isSameModel(c.id, parent));
      if (hit) {
        overall.tp++;
        byRelation[card.relation].tp++;
        if (hit.relation === card.relation) tally.agreeing++;
      } else {
        overall.fn++;
        byRelation[card.relation].fn++;
        const considered = candidates.find((c) => isSameModel(c.id, parent));
        tally.misses.push({
          source: card.source,
          parent,
          relation: card.relation,
          confidence: considered?.confidence ?? 0,
        });
      }
    }
    for (const candidate of predicted) {
      if (card.parents.some((p) => isSameModel(p, candidate.id))) continue;
      overall.fp++;
      if (candidate.relation !== null) byRelation[candidate.relation].fp++;
      tally.falsePositives.push({ source: card.source, candidate, declared: card.parents });
    }
  }
  return tally;
}

export function toReport(tally: Tally, cards: number, threshold: number): EvaluationReport {
  return {
    threshold,
    cards,
    overall: toScore(tally.overall),
    byRelation: Object.fromEntries(RELATIONS.map((r) => [r, toScore(tally.byRelation[r])])) as Record<Relation, Score>,
    relationAgreement: tally.overall.tp === 0 ? 0 : tally.agreeing / tally.overall.tp,
    misses: tally.misses,
    falsePositives: tally.falsePositives,
  };
}

export interface ScoredCard {
  card: LabeledCard;
  candidates: Candidate[];
}

/** Infers once per card: tuning a threshold only moves it over the same candidates. */
export function scoreCards(cards: LabeledCard[]): ScoredCard[] {
  return cards.map((card) => ({ card, candidates: inferLineage({ id: card.id, cardText: card.text }) }));
}

export function evaluateInference(cards: LabeledCard[], threshold = DEFAULT_INFERENCE_THRESHOLD): EvaluationReport {
  return toReport(countAt(scoreCards(cards), threshold), cards.length, threshold);
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}

/** Precision of no prediction is 1 (nothing wrong was said); recall of no parent is 1 (nothing was missed). */
function toScore({ tp, fp, fn }: Counts): Score {
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}
