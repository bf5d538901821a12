// SQL fragments generated from lineage/source-precedence.ts, so the store ranks sources by the same table.
import { SOURCE_PRECEDENCE } from "../lineage/source-precedence";

/** `CASE <column> WHEN 'tag' THEN 0 ... END`: a source's rank (lower wins), as sourceRank gives it. */
export function sourceRankSql(column = "source"): string {
  return `CASE ${column} ${SOURCE_PRECEDENCE.map((source, rank) => `WHEN '${source}' THEN ${rank}`).join(" ")} END`;
}

/**
 * Rewrites the links row of one (parent, child) pair from its edges rows (one per source): the strongest source's
 * relation, source and confidence, and whether the sources name different relations (a null relation names none).
 * No row is left when the pair has no edges row. The triggers' body (migration 4).
 */
export function relinkPairSql(parent: string, child: string): string {
  return `DELETE FROM links WHERE parent = ${parent} AND child = ${child};
        ${linksFromEdgesSql(`WHERE parent = ${parent} AND child = ${child}`)}`;
}

/** Inserts the links rows of the edges rows `where` selects (SQLite takes the bare columns from the min row). */
export function linksFromEdgesSql(where: string): string {
  return `
    INSERT INTO links (parent, child, relation, source, confidence, disagrees)
    SELECT parent, child, relation, source, confidence, disagrees FROM (
      SELECT parent, child, relation, source, confidence, min(${sourceRankSql()}) AS rank,
             count(DISTINCT relation) > 1 AS disagrees
      FROM edges ${where} GROUP BY parent, child)`;
}
