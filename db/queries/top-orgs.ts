// The leaderboard of orgs by derivatives (models by other authors built on theirs), keyset-paginated over org_counts.
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";
import { computeOrgCounts, isOrgCountsStale, type OrgCountsRow } from "../counts/org-counts";
import { idKey } from "../../lineage/id-key";
import type { EdgeScope } from "./edges";

export const ORG_RANKINGS = ["derivatives"] as const;
export type OrgRanking = (typeof ORG_RANKINGS)[number];

export interface TopOrg {
  author: string;
  /** Distinct models by other authors below any of the org's models. */
  derivatives: number;
  /** The org's own stored models. */
  models: number;
  /** Distinct authors of the derivatives. */
  authors: number;
}

/** Where a page starts: after this entry of the previous one. */
export interface TopOrgsKey {
  derivatives: number;
  author: string;
}

export interface TopOrgsOptions extends EdgeScope {
  limit: number;
  after: TopOrgsKey | null;
}

// Rows rank by derivatives, then author (NOCASE, as the column compares).
const PAGE_SQL = (prefix: "declared" | "all") => `
  SELECT author, ${prefix}_total AS derivatives, models, ${prefix}_authors AS authors FROM org_counts
  WHERE ${prefix}_total > 0
    AND (@first OR ${prefix}_total < @derivatives OR (${prefix}_total = @derivatives AND author > @author))
  ORDER BY ${prefix}_total DESC, author LIMIT @limit`;
const DECLARED_PAGE_SQL = PAGE_SQL("declared");
const ALL_PAGE_SQL = PAGE_SQL("all");

/**
 * One page of the leaderboard and whether more follow. Reads org_counts (indexes org_counts_declared/_all) when
 * it is fresh; when edges or models changed since its last rebuild, `computed` (the same figures computed in
 * memory from the whole graph, which the caller may keep per data version) is used, so the answer is always exact.
 */
export function getTopOrgs(
  db: Db,
  options: TopOrgsOptions,
  computed: () => OrgCountsRow[] = () => computeOrgCounts(db),
): { items: TopOrg[]; hasMore: boolean } {
  const items = isOrgCountsStale(db)
    ? pageInMemory(computed(), options)
    : (prepared(db, options.includeInferred ? ALL_PAGE_SQL : DECLARED_PAGE_SQL).all({
        first: options.after ? 0 : 1,
        derivatives: options.after?.derivatives ?? 0,
        author: options.after?.author ?? "",
        limit: options.limit + 1,
      }) as TopOrg[]);
  return { items: items.slice(0, options.limit), hasMore: items.length > options.limit };
}

function pageInMemory(rows: OrgCountsRow[], options: TopOrgsOptions): TopOrg[] {
  const entries = rows
    .map((row) => {
      const counts = options.includeInferred ? row.all : row.declared;
      return { author: row.author, derivatives: counts.total, models: row.models, authors: counts.authors };
    })
    .filter((entry) => entry.derivatives > 0)
    .sort((a, b) => b.derivatives - a.derivatives || compareAuthors(a.author, b.author));
  const after = options.after;
  const from = after
    ? entries.findIndex(
        (e) =>
          e.derivatives < after.derivatives ||
          (e.derivatives === after.derivatives && compareAuthors(e.author, after.author) > 0),
      )
    : 0;
  return from < 0 ? [] : entries.slice(from, from + options.limit + 1);
}

/** SQLite's NOCASE order: ASCII letters folded to lower case, then code units. */
function compareAuthors(a: string, b: string): number {
  const x = idKey(a);
  const y = idKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
