// Search-as-you-type over model ids: id prefix scan, trigram FTS5 substring matches and the best-known families.
import { idKey } from "../../lineage/id-key";
import type { Db } from "../open-database";
import type { EdgeScope } from "./edges";
import { createNodeReader } from "./nodes";
import { getDataVersion } from "./stats";
import { prepared } from "../statement-cache";

export interface SearchMatch {
  id: string;
  author: string | null;
  descendants: number;
  downloads: number | null;
  /** The id, or its name part after the owner, starts with the query. */
  isPrefix: boolean;
}

/** The trigram tokenizer cannot match fewer than three characters. */
const MIN_TRIGRAM_QUERY = 3;

/**
 * Candidate pools are capped so a query costs about the same whether it matches ten ids or a million: the first
 * PREFIX_POOL ids starting with the query (primary-key range), the first FTS_POOL substring matches (FTS5
 * trigram, 3+ characters), and the matches among the NOTABLE_POOL models with the most declared descendants
 * (kept in memory until the data changes), so the big families are found however common the substring. The
 * pools are ranked together: exact id, prefix matches, descendants, downloads, id.
 */
const PREFIX_POOL = 100;
const FTS_POOL = 300;
const NOTABLE_POOL = 5000;

// Pool rows carry what ranking needs, so most candidates cost no second lookup.
const MATCH_COLUMNS = "m.id, m.author, m.downloads, dc.declared_total, dc.all_total";
const PREFIX_SQL = `
  SELECT ${MATCH_COLUMNS} FROM models AS m LEFT JOIN descendant_counts AS dc ON dc.id = m.id
  WHERE m.id LIKE ? ESCAPE '\\' LIMIT ${PREFIX_POOL}`;
const FTS_SQL = `
  SELECT ${MATCH_COLUMNS} FROM models_search AS s JOIN models AS m ON m.rowid = s.rowid
  LEFT JOIN descendant_counts AS dc ON dc.id = m.id
  WHERE models_search MATCH ? LIMIT ${FTS_POOL}`;
const FTS_LIKE_SQL = `
  SELECT ${MATCH_COLUMNS} FROM models_search AS s JOIN models AS m ON m.rowid = s.rowid
  LEFT JOIN descendant_counts AS dc ON dc.id = m.id
  WHERE s.id LIKE ? LIMIT ${FTS_POOL}`;
const NOTABLE_SQL = `
  SELECT id, declared_total AS total FROM descendant_counts ORDER BY declared_total DESC LIMIT ${NOTABLE_POOL}`;

/** Spaces, dashes, dots and underscores are one separator: "llama 2" finds "Llama-2-7b" and "llama_2". */
const SEPARATORS = /[\s\-._]+/g;
const HAS_SEPARATOR = /[\s\-._]/;

/** The query or an id with every run of separators written as one dash, for comparing them. */
function squash(text: string): string {
  return text.replace(SEPARATORS, "-");
}

/** A LIKE prefix pattern: the query's own wildcards escaped, each run of separators matching any one character. */
function likePrefix(query: string): string {
  return `${query.replace(/[\\%]/g, (c) => `\\${c}`).replace(SEPARATORS, "_")}%`;
}

/**
 * The substring pattern for a query holding separators: LIKE without ESCAPE, which FTS5's trigram index serves
 * (with ESCAPE it scans the table). Null when the query holds a literal %, or no three characters in a row between
 * separators (the index could not narrow the pattern, so it would scan every id): then the literal phrase is
 * matched, and the prefix and notable pools still treat separators alike.
 */
function likeSubstring(query: string): string | null {
  if (query.includes("%") || !/[^\s\-._]{3}/.test(query)) return null;
  return `%${query.replace(SEPARATORS, "_")}%`;
}

/** An FTS5 phrase: double quotes inside are doubled, so no query syntax leaks through. */
function ftsPhrase(query: string): string {
  return `"${query.replace(/"/g, '""')}"`;
}

function nameKey(key: string): string {
  return key.slice(key.indexOf("/") + 1);
}

export type ModelSearcher = (query: string, options: EdgeScope & { limit: number }) => SearchMatch[];

export function createModelSearcher(db: Db): ModelSearcher {
  // The notable models, most descendants first, with case-folded ids: re-read when the data changed.
  // Keys and names are squashed (see squash) so the loop below compares them without allocating.
  let notable: { version: string; ids: string[]; keys: string[]; names: string[]; totals: number[] } | null = null;
  const notableModels = () => {
    const version = getDataVersion(db);
    if (notable?.version !== version) {
      const rows = prepared(db, NOTABLE_SQL).all() as { id: string; total: number }[];
      const keys = rows.map((r) => squash(idKey(r.id)));
      notable = {
        version,
        ids: rows.map((r) => r.id),
        keys,
        names: keys.map(nameKey),
        totals: rows.map((r) => r.total),
      };
    }
    return notable;
  };

  return (query, options) => {
    const needle = squash(idKey(query));
    const isShort = [...query].length < MIN_TRIGRAM_QUERY;
    const isPrefix = (key: string) => {
      const squashed = squash(key);
      return squashed.startsWith(needle) || nameKey(squashed).startsWith(needle);
    };
    const found = new Map<string, Candidate>();
    // LIKE's "_" matches any character, not only a separator: keep the rows whose squashed id holds the needle.
    const add = (row: MatchRow) => {
      const key = idKey(row.id);
      if (squash(key).includes(needle)) found.set(key, toCandidate(row, options.includeInferred));
    };
    for (const row of prepared(db, PREFIX_SQL).all(likePrefix(query)) as MatchRow[]) add(row);
    // FTS5 reads a NUL as the end of its query text ("unterminated string"); no stored id holds one anyway.
    const isFtsQuery = !isShort && !query.includes("\u0000");
    const substring = HAS_SEPARATOR.test(query) ? likeSubstring(query) : null;
    if (isFtsQuery && substring !== null) {
      for (const row of prepared(db, FTS_LIKE_SQL).all(substring) as MatchRow[]) add(row);
    } else if (isFtsQuery) {
      for (const row of prepared(db, FTS_SQL).all(ftsPhrase(query)) as MatchRow[]) add(row);
    }
    const notableWanted: string[] = [];

    // Notable matches come most-descendants first: the first `limit` of each kind (and any tied with the last
    // of them, which downloads may rank higher) can fill the answer; the rest cannot. (No closures in this loop:
    // it runs 5,000 times per keystroke.)
    const { ids, keys, names, totals } = notableModels();
    let prefixCount = 0;
    let prefixLast = -1;
    let otherCount = 0;
    let otherLast = -1;
    for (let i = 0; i < ids.length; i++) {
      const total = totals[i];
      const prefixFull = prefixCount >= options.limit && total < prefixLast;
      const otherFull = isShort || (otherCount >= options.limit && total < otherLast);
      if (prefixFull && otherFull) break;
      const key = keys[i];
      if (key.startsWith(needle) || names[i].startsWith(needle)) {
        if (prefixFull) continue;
        prefixCount += 1;
        prefixLast = total;
        if (!found.has(idKey(ids[i]))) notableWanted.push(ids[i]);
      } else if (!otherFull && key.includes(needle)) {
        otherCount += 1;
        otherLast = total;
        if (!found.has(idKey(ids[i]))) notableWanted.push(ids[i]);
      }
    }

    for (const node of createNodeReader(db, options)(notableWanted).values()) {
      found.set(idKey(node.id), {
        id: node.id,
        author: node.author,
        downloads: node.downloads,
        descendants: node.descendants,
      });
    }
    const ranked = [...found].map(([key, match]) => ({
      ...match,
      key,
      isPrefix: isPrefix(key),
      rank: (squash(key) === needle ? 2 : 0) + (isPrefix(key) ? 1 : 0),
    }));
    ranked.sort(
      (a, b) =>
        b.rank - a.rank ||
        b.descendants - a.descendants ||
        (b.downloads ?? -1) - (a.downloads ?? -1) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    return ranked.slice(0, options.limit).map(({ id, author, descendants, downloads, isPrefix: prefix }) => ({
      id,
      author,
      descendants,
      downloads,
      isPrefix: prefix,
    }));
  };
}

type Candidate = Omit<SearchMatch, "isPrefix">;

interface MatchRow {
  id: string;
  author: string | null;
  downloads: number | null;
  declared_total: number | null;
  all_total: number | null;
}

function toCandidate(row: MatchRow, includeInferred: boolean): Candidate {
  return {
    id: row.id,
    author: row.author,
    downloads: row.downloads,
    descendants: (includeInferred ? row.all_total : row.declared_total) ?? 0,
  };
}
