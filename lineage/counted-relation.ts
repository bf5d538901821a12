// The relation a model counts under as a descendant (and as a direct child): one rule for counts, graph and lists.
import { sourceRank, SOURCE_PRECEDENCE } from "./source-precedence";
import { RELATIONS, type EdgeSource, type Relation } from "./types";

/** One link per (parent, child) pair, as its strongest source gives it. */
export interface CountedLink {
  relation: Relation | null;
  source: EdgeSource;
}

/** Relation codes for the fold: 0 = none, then RELATIONS order (finetune 1, adapter 2, quantized 3, merge 4). */
export const NO_RELATION = 0;
export const MERGE_RELATION = 4;

export function relationCode(relation: Relation | null): number {
  return relation === null ? NO_RELATION : RELATIONS.indexOf(relation) + 1;
}

export function relationOfCode(code: number): Relation | null {
  return code === NO_RELATION ? null : RELATIONS[code - 1];
}

/**
 * Folds one parent link into a model's state, in any order, as one small integer (so a graph of millions keeps it
 * in an array): bit 6 = some link is a merge, bits 4-5 = the strength of the strongest source seen
 * (3 = tag .. 1 = inferred), bits 0-3 = the relations seen at that strength. Start from 0.
 */
export function foldCountedRelation(state: number, source: EdgeSource, code: number): number {
  const strength = SOURCE_PRECEDENCE.length - sourceRank(source);
  const merge = code === MERGE_RELATION ? 64 : state & 64;
  const bit = code === NO_RELATION ? 0 : 1 << (code - 1);
  const seen = (state >> 4) & 3;
  if (strength > seen) return merge | (strength << 4) | bit;
  if (strength === seen) return merge | state | bit;
  return merge | state;
}

/**
 * The relation code of a folded state. A model counts under merge if any of its parent links is a merge (a merge
 * has several parents, some of which may be declared otherwise); else under the relation of its links of the
 * strongest source, finetune before adapter before quantized when they differ; none when they tell no relation.
 */
export function countedRelationCode(state: number): number {
  if (state & 64) return MERGE_RELATION;
  const mask = state & 15;
  return mask === 0 ? NO_RELATION : 32 - Math.clz32(mask & -mask);
}

/** The relation a model counts under, from its parent links (one per pair, self-loops left out by the caller). */
export function countedRelation(links: Iterable<CountedLink>): Relation | null {
  let state = 0;
  for (const link of links) state = foldCountedRelation(state, link.source, relationCode(link.relation));
  return relationOfCode(countedRelationCode(state));
}
