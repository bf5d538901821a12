// Search-as-you-type over model ids: id prefix scan, trigram FTS5 substring matches and the best-known families.
import type { Db } from "./open-database";
import { prepared } from "./statement-cache";
import type { EdgeScope } from "./queries-edges";

export interface SearchMatch {
  id: string;
  author: string | null;
  descendants: number;
  downloads: number | null;
  /** The id, or its name part after the owner, starts with the query. */
  isPrefix: boolean;
}

/** The trigram tokenizer cannot match fewer than three characters. */
export const MIN_TRIGRAM_QUERY = 3;

/**
 * Candidate pools are capped so a query costs the same whether it matches ten ids or a million: the first
 * PREFIX_POOL ids starting with the query (primary-key range), the first FTS_POOL substring matches (FTS5
 * trigram), and every match among the NOTABLE_POOL models with the most descendants, so the big families
 * are never missed however common the substring. The pools are then ranked together: exact id, prefix
 * matches, descendants, downloads, id.
 */
const PREFIX_POOL = 300;
const FTS_POOL = 1000;
const NOTABLE_POOL = 5000;

const CANDIDATES = {
  prefix: `SELECT id FROM models WHERE id LIKE :prefix ESCAPE '\\' LIMIT ${PREFIX_POOL}`,
  fts: `SELECT m.id FROM models_search AS s JOIN models AS m ON m.rowid = s.rowid WHERE models_search MATCH :phrase LIMIT ${FTS_POOL}`,
  notable: `SELECT id FROM (SELECT id FROM descendant_counts ORDER BY declared_total DESC LIMIT ${NOTABLE_POOL})
            WHERE CASE WHEN :short THEN id LIKE :prefix ESCAPE '\\' OR substr(id, instr(id, '/') + 1) LIKE :prefix ESCAPE '\\'
                       ELSE instr(lower(id), :needle) > 0 END`,
};

function rankedSql(withFts: boolean): string {
  const pools = [CANDIDATES.prefix, withFts ? CANDIDATES.fts : null, CANDIDATES.notable].filter(Boolean);
  return `
    WITH candidates(id) AS (${pools.map((sql) => `SELECT id FROM (${sql})`).join(" UNION ")})
    SELECT coalesce(m.id, c.id) AS id, m.author, m.downloads,
           coalesce(CASE WHEN :inferred THEN dc.all_total ELSE dc.declared_total END, 0) AS descendants,
           (c.id LIKE :prefix ESCAPE '\\' OR substr(c.id, instr(c.id, '/') + 1) LIKE :prefix ESCAPE '\\') AS isPrefix,
           lower(c.id) = :needle AS isExact
    FROM candidates AS c
    LEFT JOIN models AS m ON m.id = c.id
    LEFT JOIN descendant_counts AS dc ON dc.id = c.id
    ORDER BY isExact DESC, isPrefix DESC, descendants DESC, coalesce(m.downloads, -1) DESC, lower(c.id)
    LIMIT :limit`;
}

interface MatchRow {
  id: string;
  author: string | null;
  downloads: number | null;
  descendants: number;
  isPrefix: number;
}

/** Escapes LIKE's wildcards so the query is matched literally. */
function likePrefix(query: string): string {
  return `${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An FTS5 phrase: double quotes inside are doubled, so no query syntax leaks through. */
function ftsPhrase(query: string): string {
  return `"${query.replace(/"/g, '""')}"`;
}

export type ModelSearcher = (query: string, options: EdgeScope & { limit: number }) => SearchMatch[];

export function createModelSearcher(db: Db): ModelSearcher {
  const long = prepared(db, rankedSql(true));
  const short = prepared(db, rankedSql(false));
  return (query, options) => {
    const isShort = [...query].length < MIN_TRIGRAM_QUERY;
    const params = {
      prefix: likePrefix(query),
      needle: query.replace(/[A-Z]/g, (c) => c.toLowerCase()),
      short: isShort ? 1 : 0,
      inferred: options.includeInferred ? 1 : 0,
      limit: options.limit,
      ...(isShort ? {} : { phrase: ftsPhrase(query) }),
    };
    const rows = (isShort ? short : long).all(params) as MatchRow[];
    return rows.map((row) => ({
      id: row.id,
      author: row.author,
      descendants: row.descendants,
      downloads: row.downloads,
      isPrefix: row.isPrefix === 1,
    }));
  };
}
