// Leaderboard of base models: the most descendants, the most direct children (per relation and author), or the
// most descendants with a licence change from a parent.
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";
import { createCountsReader, type LineageCounts } from "./counts";
import { idKey } from "../../lineage/id-key";
import type { EdgeScope } from "./edges";
import { countLicenseChangesBelow } from "./license-changes";
import { getDescendantCounts } from "../counts/descendant-counts";
import { countAllLicenseChangesBelowInGraph } from "../graph/count-license-changes-in-graph";
import { hasParentInGraph, readLineageCountsInGraph } from "../graph/count-children-in-graph";
import { peekLineageGraph } from "../graph/get-lineage-graph";
import type { LineageGraph } from "../graph/lineage-graph";
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
 * its base's, so ranking both lists one family twice). Direct children and licence changes below are counted on the
 * cached lineage graph when the change journal keeps it current, else in SQL: the same figures either way.
 */
export function getTopFamilies(db: Db, options: TopFamiliesOptions): FamilyEntry[] {
  const graph = peekLineageGraph(db);
  const sqlCountsOf = createCountsReader(db);
  const countsOf = graph
    ? (id: string) => readLineageCountsInGraph(db, graph, id, options)
    : (id: string) => sqlCountsOf(id, options);
  const hasParentSql = prepared(db, HAS_PARENT);
  const hasParent = graph
    ? (id: string) => hasParentInGraph(graph, id, options)
    : (id: string) => hasParentSql.get(id, options.includeInferred ? 1 : 0) !== undefined;
  const changesOf = licenseChangesReader(db, graph, options);
  // Direct children are counted for the score and kept; the other scores need no counts until the k are known.
  // A candidate's bound is its total descendants in scope.
  const rankedOf = ({ id, bound }: { id: string; bound: number }): Ranked => {
    if (options.by === "licenseChanges") return { id, score: changesOf(id), counts: null };
    if (options.by === "descendants") {
      const score = options.relation ? getDescendantCounts(db, id, options)[options.relation] : bound;
      return { id, score, counts: null };
    }
    const counts = countsOf(id);
    return { id, score: options.relation ? counts.children[options.relation] : counts.children.total, counts };
  };
  const candidates = options.author
    ? (
        prepared(db, OF_AUTHOR).all(options.includeInferred ? 1 : 0, options.author) as { id: string; bound: number }[]
      ).sort((a, b) => b.bound - a.bound)
    : prepared(db, options.includeInferred ? BY_ALL_TOTAL : BY_DECLARED_TOTAL).iterate();

  const best: Ranked[] = [];
  for (const candidate of candidates as Iterable<{ id: string; bound: number }>) {
    const kth = best.length >= options.limit ? best[best.length - 1].score : 0;
    if (candidate.bound < kth || candidate.bound === 0) break;
    if (!options.includeDerivatives && hasParent(candidate.id)) continue;
    const ranked = rankedOf(candidate);
    if (ranked.score === 0) continue;
    insertRanked(best, ranked, options.limit);
  }
  const info = createNodeReader(db, options)(best.map((b) => b.id));
  return best.map((entry) => {
    const { descendants: _total, ...fields } = info.get(idKey(entry.id)) as NodeInfo;
    const counts = entry.counts ?? countsOf(entry.id);
    return { ...fields, ...counts, score: entry.score, licenseChanges: changesOf(entry.id) };
  });
}

/**
 * Descendants with a licence change, by id: counted for every model at once, on `graph` when there is one, else by
 * the SQL walk up from every changed model; counted on the first call (every entry returned carries its figure, so
 * any answer with an entry pays it; an empty one does not).
 */
function licenseChangesReader(db: Db, graph: LineageGraph | null, scope: EdgeScope): (id: string) => number {
  let below: ((id: string) => number) | null = null;
  return (id) => {
    if (!below) {
      if (graph) {
        const counts = countAllLicenseChangesBelowInGraph(db, graph, scope);
        below = (asked) => {
          const v = graph.ids.find(asked);
          return v < 0 ? 0 : counts[v];
        };
      } else {
        const counts = countLicenseChangesBelow(db, scope);
        below = (asked) => counts.get(idKey(asked)) ?? 0;
      }
    }
    return below(id);
  };
}

interface Ranked {
  id: string;
  score: number;
  /** Read for the score (a ranking by direct children), else null until the entry is answered. */
  counts: LineageCounts | null;
}

function insertRanked(best: Ranked[], entry: Ranked, limit: number) {
  const before = (a: Ranked, b: Ranked) => a.score > b.score || (a.score === b.score && idKey(a.id) < idKey(b.id));
  let i = best.length;
  while (i > 0 && before(entry, best[i - 1])) i--;
  if (i >= limit) return;
  best.splice(i, 0, entry);
  if (best.length > limit) best.pop();
}
