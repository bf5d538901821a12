// Scores inferLineage against cards that declare their parents: hide the declaration, infer, compare.
import { createHash } from "node:crypto";
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

/** The half a card falls in, from a hash of its source name: rules were tuned on "tune" only. */
export function splitHalf(source: string): "tune" | "holdout" {
  return createHash("sha1").update(source).digest()[0] % 2 === 0 ? "tune" : "holdout";
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

export function evaluateInference(cards: LabeledCard[], threshold = DEFAULT_INFERENCE_THRESHOLD): EvaluationReport {
  const overall = emptyCounts();
  const byRelation = Object.fromEntries(RELATIONS.map((r) => [r, emptyCounts()])) as Record<Relation, Counts>;
  const misses: Miss[] = [];
  const falsePositives: FalsePositive[] = [];
  let agreeing = 0;
  for (const card of cards) {
    const candidates = inferLineage({ id: card.id, cardText: card.text });
    const predicted = candidates.filter((c) => c.confidence >= threshold);
    for (const parent of card.parents) {
      const hit = predicted.find((c) => isSameModel(c.id, parent));
      if (hit) {
        overall.tp++;
        byRelation[card.relation].tp++;
        if (hit.relation === card.relation) agreeing++;
      } else {
        overall.fn++;
        byRelation[card.relation].fn++;
        const considered = candidates.find((c) => isSameModel(c.id, parent));
        misses.push({ source: card.source, parent, relation: card.relation, confidence: considered?.confidence ?? 0 });
      }
    }
    for (const candidate of predicted) {
      if (card.parents.some((p) => isSameModel(p, candidate.id))) continue;
      overall.fp++;
      if (candidate.relation !== null) byRelation[candidate.relation].fp++;
      falsePositives.push({ source: card.source, candidate, declared: card.parents });
    }
  }
  return {
    threshold,
    cards: cards.length,
    overall: toScore(overall),
    byRelation: Object.fromEntries(RELATIONS.map((r) => [r, toScore(byRelation[r])])) as Record<Relation, Score>,
    relationAgreement: overall.tp === 0 ? 0 : agreeing / overall.tp,
    misses,
    falsePositives,
  };
}

interface Counts {
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
