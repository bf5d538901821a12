// Leaderboard of base models: the most descendants, the most direct children (per relation and author), or the
// most descendants with a licence change from a parent.
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";
import { createCountsReader, type LineageCounts } from "./counts";
import { idKey } from "../../lineage/id-key";
import type { EdgeScope } from "./edges";
import { countLicenseChangesBelow } from "./license-changes";
import { createNodeReader, type NodeInfo } from "./nodes";
import type { Relation } from "../../lineage/types";

export const FAMILY_RANKINGS = ["descendants", "direct", "licenseChanges"] as const;
export type FamilyRanking = (typeof FAMILY_RANKINGS)[number];

export interface TopFamiliesOptions extends EdgeScope {
  by: FamilyRanking;
  /** Rank by the count of this relation only; null ranks by totals. */
  relation: Relation | null;
  /** Only bases authored by this owner; null for all. */
  author: string | null;
  /** Rank derivatives too; false ranks only bases (models without a parent link in scope). */
  includeDerivatives: boolean;
  limit: number;
}

export interface FamilyEntry extends Omit<NodeInfo, "descendants">, LineageCounts {
  /** The figure the ranking used. */
  score: number;
  /** Descendants with at least one licence change from a parent. */
  licenseChanges: number;
}

const BY_DECLARED_TOTAL = `
  SELECT id, declared_total AS bound FROM descendant_counts WHERE declared_total > 0 ORDER BY declared_total DESC`;
const BY_ALL_TOTAL = `SELECT id, all_total AS bound FROM descendant_counts WHERE all_total > 0 ORDER BY all_total DESC`;
const HAS_PARENT = `SELECT 1 FROM edges WHERE child = ? AND child <> parent AND (source <> 'inferred' OR ?) LIMIT 1`;
const OF_AUTHOR = `SELECT m.id, coalesce(CASE WHEN ? THEN dc.all_total ELSE dc.declared_total END, 0) AS bound
                   FROM models AS m JOIN descendant_counts AS dc ON dc.id = m.id WHERE m.author = ?`;

/**
 * Every score (descendants of one relation, direct children, direct children of one relation, descendants with a
 * licence change) is at most the
 * model's total descendants, so candidates are read in descending total order (index descendant_counts_declared)
 * and the scan stops as soon as the total drops below the k-th best score found: exact top-k without reading
 * the whole table. Ties rank by id. Derivatives are skipped unless asked for (a derivative's family is part of
 * its base's, so ranking both lists one family twice).
 */
export function getTopFamilies(db: Db, options: TopFamiliesOptions): FamilyEntry[] {
  const countsOf = createCountsReader(db);
  const hasParent = prepared(db, HAS_PARENT);
  const changesBelow = countLicenseChangesBelow(db, options);
  const changesOf = (id: string) => changesBelow.get(idKey(id)) ?? 0;
  const scoreOf = (id: string, counts: LineageCounts) => {
    if (options.by === "licenseChanges") return changesOf(id);
    const figures = options.by === "direct" ? counts.children : counts.descendants;
    return options.relation ? figures[options.relation] : figures.total;
  };
  const candidates = options.author
    ? (
        prepared(db, OF_AUTHOR).all(options.includeInferred ? 1 : 0, options.author) as { id: string; bound: number }[]
      ).sort((a, b) => b.bound - a.bound)
    : prepared(db, options.includeInferred ? BY_ALL_TOTAL : BY_DECLARED_TOTAL).iterate();

  const best: { id: string; score: number; counts: LineageCounts }[] = [];
  for (const candidate of candidates as Iterable<{ id: string; bound: number }>) {
    const kth = best.length >= options.limit ? best[best.length - 1].score : 0;
    if (candidate.bound < kth || candidate.bound === 0) break;
    if (!options.includeDerivatives && hasParent.get(candidate.id, options.includeInferred ? 1 : 0)) continue;
    const counts = countsOf(candidate.id, options);
    const score = scoreOf(candidate.id, counts);
    if (score === 0) continue;
    insertRanked(best, { id: candidate.id, score, counts }, options.limit);
  }
  const info = createNodeReader(db, options)(best.map((b) => b.id));
  return best.map((entry) => {
    const { descendants: _total, ...fields } = info.get(idKey(entry.id)) as NodeInfo;
    return { ...fields, ...entry.counts, score: entry.score, licenseChanges: changesOf(entry.id) };
  });
}

function insertRanked(
  best: { id: string; score: number; counts: LineageCounts }[],
  entry: (typeof best)[number],
  limit: number,
) {
  const before = (a: typeof entry, b: typeof entry) =>
    a.score > b.score || (a.score === b.score && idKey(a.id) < idKey(b.id));
  let i = best.length;
  while (i > 0 && before(entry, best[i - 1])) i--;
  if (i >= limit) return;
  best.splice(i, 0, entry);
  if (best.length > limit) best.pop();
}
