// What an export walks, in a deterministic order and in small pages: the whole graph, or one model's family.
import type { Model } from "../../lineage/types";
import type { Db } from "../open-database";
import { resolveId } from "../aliases";
import type { EdgeRow } from "../edges";
import { idKey } from "../../lineage/id-key";
import { MODEL_COLUMNS, toModel, type ModelRow } from "../models";
import { prepared, preparedPluck } from "../statement-cache";

/** The --root of an export is neither a stored model, an alias, nor a parent any edge names. */
export class UnknownRootError extends Error {
  constructor(readonly id: string) {
    super(`unknown model "${id}": no stored model, alias or edge has this id; crawl it first or check the spelling`);
    this.name = "UnknownRootError";
  }
}

/**
 * Models, ids only referenced by edges ("stubs"), and edges, each sorted by id as NOCASE orders them, in pages.
 * Each page is one short synchronous step (a keyset query of at most PAGE rows), so a caller can yield to other
 * work between two pages; a page may be empty when a step found nothing to give (a family still being walked, a
 * run of ids that all have a model). An id is always spelled one way, its node's: the stored model's spelling,
 * else the first (binary order) spelling the edges use, so edges written with another case still meet their node.
 */
export interface ExportSource {
  models(): Iterable<Model[]>;
  stubs(): Iterable<string[]>;
  /** Every stored edge row of the scope (one per pair and source), pair by pair. */
  edges(): Iterable<EdgeRow[]>;
  /** Frees what the source holds (a family's member table); the source is not read after. */
  close(): void;
}

/**
 * The piece a writer yields after each page of its source: no text, only a point where the chunker may end a chunk
 * early, so a run of pages that gives little or no text still lets other work in.
 */
export const PAGE_END = "";

/**
 * Each page's text (its items written one by one), then PAGE_END. A page is read and written in one call, so no
 * row is held while the export waits for its next turn (see server/stream-chunks.ts on why that matters).
 */
export function* pagesOfText<T>(pages: Iterable<T[]>, write: (item: T) => string): Generator<string> {
  const iterator = pages[Symbol.iterator]();
  try {
    // The page's text is yielded from pageText() directly, not kept in a local across the two yields (a suspended
    // generator keeps its registers, and 50 slow exports would each hold their last page).
    for (let more = true; more; ) {
      more = yield* pageTextOnce(iterator, write);
      if (more) yield PAGE_END;
    }
  } finally {
    iterator.return?.();
  }
}

/** Yields the next page's text, if any; false when the pages ended. */
function* pageTextOnce<T>(iterator: Iterator<T[]>, write: (item: T) => string): Generator<string, boolean> {
  const text = pageText(iterator, write);
  if (text === null) return false;
  yield text;
  return true;
}

function pageText<T>(iterator: Iterator<T[]>, write: (item: T) => string): string | null {
  const next = iterator.next();
  if (next.done) return null;
  let text = "";
  for (const item of next.value) text += write(item);
  return text;
}

/**
 * Rows (models, edges) per page: about 20 KiB of the largest format, a millisecond or two of work. Pages are small
 * also for memory: a chunk ends only at a page end, so no row outlives the step that read it, and a slow reader's
 * export holds its keyset cursor and its last chunk, not rows the garbage collector would have to promote.
 */
const PAGE = 64;

/** Ids per page where most ids give no text (the stubs of the whole graph, a family being walked). */
const ID_PAGE = 256;

const EDGE_COLUMNS = "parent, child, source, relation, confidence, evidence, first_seen, last_seen";
const DECLARED = "source <> 'inferred'";

const MODELS_PAGE_SQL = `SELECT ${MODEL_COLUMNS} FROM models WHERE id > @after ORDER BY id LIMIT ${PAGE}`;
const edgesPageSql = (filter: string) => `
  SELECT ${EDGE_COLUMNS} FROM edges WHERE (parent, child, source) > (@parent, @child, @source) AND ${filter}
  ORDER BY parent, child, source LIMIT ${PAGE}`;
// The ids edges name, parents and children merged in one ordered pass over both indexes, each with whether a model
// holds it: a page reads at most PAGE distinct ids (and their edges' index entries), never the whole table.
const idsPageSql = (filter: string) => `
  SELECT id, EXISTS (SELECT 1 FROM models m WHERE m.id = named.id) AS stored FROM (
    SELECT parent AS id FROM edges WHERE parent > @after AND ${filter}
    UNION
    SELECT child FROM edges WHERE child > @after AND ${filter}
    ORDER BY 1 LIMIT ${ID_PAGE}
  ) AS named`;
const SPELLING_SQL = `
  SELECT coalesce((SELECT id FROM models WHERE id = @id),
                  (SELECT min(parent COLLATE BINARY) FROM edges WHERE parent = @id),
                  (SELECT min(child COLLATE BINARY) FROM edges WHERE child = @id), @id)`;
const MODEL_SQL = `SELECT ${MODEL_COLUMNS} FROM models WHERE id = ?`;
const IS_STORED_SQL = "SELECT 1 FROM models WHERE id = ?";
const PARENT_IDS_SQL = "SELECT DISTINCT parent FROM edges WHERE child = ?";
const DECLARED_PARENT_IDS_SQL = `SELECT DISTINCT parent FROM edges WHERE child = ? AND ${DECLARED}`;
const CHILD_IDS_SQL = "SELECT DISTINCT child FROM edges WHERE parent = ?";
const DECLARED_CHILD_IDS_SQL = `SELECT DISTINCT child FROM edges WHERE parent = ? AND ${DECLARED}`;
const edgesFromPageSql = (filter: string) => `
  SELECT ${EDGE_COLUMNS} FROM edges WHERE parent = @parent AND (child, source) > (@child, @source) AND ${filter}
  ORDER BY child, source LIMIT ${PAGE}`;

function speller(db: Db): (id: string) => string {
  const spelling = preparedPluck(db, SPELLING_SQL);
  return (id) => spelling.get({ id }) as string;
}

export function wholeGraph(db: Db, includeInferred: boolean): ExportSource {
  const spell = speller(db);
  const filter = includeInferred ? "1" : DECLARED;
  return {
    *models() {
      const page = prepared(db, MODELS_PAGE_SQL);
      for (let after = ""; ; ) {
        const rows = page.all({ after }) as ModelRow[];
        if (!rows.length) return;
        after = rows[rows.length - 1].id;
        yield rows.map(toModel);
      }
    },
    *stubs() {
      const page = prepared(db, idsPageSql(filter));
      for (let after = ""; ; ) {
        const rows = page.all({ after }) as { id: string; stored: number }[];
        if (!rows.length) return;
        after = rows[rows.length - 1].id;
        yield rows.filter((row) => !row.stored).map((row) => spell(row.id));
      }
    },
    *edges() {
      const page = prepared(db, edgesPageSql(filter));
      // Rows come grouped by parent, so one parent's spelling is looked up once.
      let raw: string | null = null;
      let parent = "";
      for (let after = { parent: "", child: "", source: "" }; ; ) {
        const rows = page.all(after) as EdgeRow[];
        if (!rows.length) return;
        const last = rows[rows.length - 1];
        after = { parent: last.parent, child: last.child, source: last.source };
        yield rows.map((row) => {
          if (row.parent !== raw) {
            raw = row.parent;
            parent = spell(row.parent);
          }
          return { ...row, parent, child: spell(row.child) };
        });
      }
    },
    close() {},
  };
}

let familyTables = 0;

/**
 * The family of `root` (an alias is followed): the root, every ancestor and every descendant, through edges of the
 * scope, and the edges among them. Each model is visited once, so cycles end. The root is resolved now (an unknown
 * one throws); the family is walked on the first read, a page of models at a time, into a temporary table whose key
 * gives the members in NOCASE order, so no step walks or sorts the whole family at once.
 */
export function familyOf(db: Db, root: string, includeInferred: boolean): ExportSource {
  const rootId = resolveId(db, root);
  if (rootId === null) throw new UnknownRootError(root);
  const table = `temp.export_family_${++familyTables}`;
  /** Every member by its key, with its node's spelling once walked. */
  const members = new Map<string, string>([[idKey(rootId), rootId]]);
  let isWalked = false;

  function* walk(sql: string): Generator<never[]> {
    const step = preparedPluck(db, sql);
    const queue = [rootId];
    for (let head = 0; head < queue.length; head++) {
      for (const next of step.all(queue[head]) as string[]) {
        if (members.has(idKey(next))) continue;
        members.set(idKey(next), next);
        queue.push(next);
      }
      if (head % ID_PAGE === ID_PAGE - 1) yield [];
    }
  }

  function* walkFamily(): Generator<never[]> {
    if (isWalked) return;
    yield* walk(includeInferred ? PARENT_IDS_SQL : DECLARED_PARENT_IDS_SQL);
    yield* walk(includeInferred ? CHILD_IDS_SQL : DECLARED_CHILD_IDS_SQL);
    db.exec(`CREATE TABLE ${table} (id TEXT PRIMARY KEY COLLATE NOCASE) WITHOUT ROWID`);
    const insert = db.prepare(`INSERT INTO ${table} (id) VALUES (?)`);
    const spell = speller(db);
    let count = 0;
    for (const [key, id] of members) {
      const spelled = spell(id);
      members.set(key, spelled);
      insert.run(spelled);
      if (++count % ID_PAGE === 0) yield [];
    }
    isWalked = true;
  }

  /** The members' ids in NOCASE order, a page at a time (empty pages while the family is walked). */
  function* idPages(): Generator<string[]> {
    yield* walkFamily();
    const page = db.prepare(`SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT ${PAGE}`).pluck();
    for (let after = ""; ; ) {
      const ids = page.all(after) as string[];
      if (!ids.length) return;
      yield ids;
      after = ids[ids.length - 1];
    }
  }

  return {
    *models() {
      const model = prepared(db, MODEL_SQL);
      for (const ids of idPages()) {
        const models: Model[] = [];
        for (const id of ids) {
          const row = model.get(id) as ModelRow | undefined;
          if (row) models.push(toModel(row));
        }
        yield models;
      }
    },
    *stubs() {
      const isStored = prepared(db, IS_STORED_SQL);
      for (const ids of idPages()) yield ids.filter((id) => isStored.get(id) === undefined);
    },
    *edges() {
      // A page of edges per query, also within one parent's children (a base model may have thousands).
      const from = prepared(db, edgesFromPageSql(includeInferred ? "1" : DECLARED));
      for (const ids of idPages()) {
        for (const parent of ids) {
          for (let after = { parent, child: "", source: "" }; ; ) {
            const rows = from.all(after) as EdgeRow[];
            if (!rows.length) break;
            const last = rows[rows.length - 1];
            after = { parent, child: last.child, source: last.source };
            const inFamily: EdgeRow[] = [];
            for (const row of rows) {
              const child = members.get(idKey(row.child));
              if (child !== undefined) inFamily.push({ ...row, parent, child });
            }
            yield inFamily;
          }
        }
        yield [];
      }
    },
    close() {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    },
  };
}
