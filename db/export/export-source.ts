// What an export walks, in a deterministic order: the whole graph, or one model's family (ancestors + descendants).
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
 * Models, ids only referenced by edges ("stubs"), and edges, each sorted by id as NOCASE orders them. An id is
 * always spelled one way, its node's: the stored model's spelling, else the first (binary order) spelling the edges
 * use, so edges written with another case still meet their node.
 */
export interface ExportSource {
  models(): Iterable<Model>;
  stubs(): Iterable<string>;
  /** Every stored edge row of the scope (one per pair and source), pair by pair. */
  edges(): Iterable<EdgeRow>;
}

const EDGE_COLUMNS = "parent, child, source, relation, confidence, evidence, first_seen, last_seen";
const DECLARED = "source <> 'inferred'";

const ALL_MODELS_SQL = `SELECT ${MODEL_COLUMNS} FROM models ORDER BY id`;
const ALL_EDGES_SQL = `SELECT ${EDGE_COLUMNS} FROM edges ORDER BY parent, child, source`;
const DECLARED_EDGES_SQL = `SELECT ${EDGE_COLUMNS} FROM edges WHERE ${DECLARED} ORDER BY parent, child, source`;
const stubsSql = (filter: string) => `
  SELECT parent AS id FROM edges e WHERE ${filter} AND NOT EXISTS (SELECT 1 FROM models m WHERE m.id = e.parent)
  UNION
  SELECT child FROM edges e WHERE ${filter} AND NOT EXISTS (SELECT 1 FROM models m WHERE m.id = e.child)
  ORDER BY 1`;
const SPELLING_SQL = `
  SELECT coalesce((SELECT id FROM models WHERE id = @id),
                  (SELECT min(parent COLLATE BINARY) FROM edges WHERE parent = @id),
                  (SELECT min(child COLLATE BINARY) FROM edges WHERE child = @id), @id)`;
const ALL_STUBS_SQL = stubsSql("1");
const DECLARED_STUBS_SQL = stubsSql(DECLARED);
const MODEL_SQL = `SELECT ${MODEL_COLUMNS} FROM models WHERE id = ?`;
const PARENT_IDS_SQL = "SELECT DISTINCT parent FROM edges WHERE child = ?";
const DECLARED_PARENT_IDS_SQL = `SELECT DISTINCT parent FROM edges WHERE child = ? AND ${DECLARED}`;
const CHILD_IDS_SQL = "SELECT DISTINCT child FROM edges WHERE parent = ?";
const DECLARED_CHILD_IDS_SQL = `SELECT DISTINCT child FROM edges WHERE parent = ? AND ${DECLARED}`;
const EDGES_FROM_SQL = `SELECT ${EDGE_COLUMNS} FROM edges WHERE parent = ? ORDER BY child, source`;
const DECLARED_EDGES_FROM_SQL = `
  SELECT ${EDGE_COLUMNS} FROM edges WHERE parent = ? AND ${DECLARED} ORDER BY child, source`;

export function wholeGraph(db: Db, includeInferred: boolean): ExportSource {
  const spelling = preparedPluck(db, SPELLING_SQL);
  const spell = (id: string) => spelling.get({ id }) as string;
  return {
    *models() {
      for (const row of prepared(db, ALL_MODELS_SQL).iterate() as IterableIterator<ModelRow>) yield toModel(row);
    },
    *stubs() {
      const stubs = preparedPluck(db, includeInferred ? ALL_STUBS_SQL : DECLARED_STUBS_SQL);
      for (const id of stubs.iterate() as IterableIterator<string>) yield spell(id);
    },
    *edges() {
      // Rows come grouped by parent, so one parent's spelling is looked up once.
      const rows = prepared(db, includeInferred ? ALL_EDGES_SQL : DECLARED_EDGES_SQL);
      let raw: string | null = null;
      let parent = "";
      for (const row of rows.iterate() as IterableIterator<EdgeRow>) {
        if (row.parent !== raw) {
          raw = row.parent;
          parent = spell(row.parent);
        }
        yield { ...row, parent, child: spell(row.child) };
      }
    },
  };
}

/**
 * The family of `root` (an alias is followed): the root, every ancestor and every descendant, through edges of the
 * scope, and the edges among them. Each model is visited once, so cycles end.
 */
export function familyOf(db: Db, root: string, includeInferred: boolean): ExportSource {
  const rootId = resolveId(db, root);
  if (rootId === null) throw new UnknownRootError(root);
  const members = new Map<string, string>([[idKey(rootId), rootId]]);
  const walk = (sql: string) => {
    const step = preparedPluck(db, sql);
    const queue = [rootId];
    for (let head = 0; head < queue.length; head++) {
      for (const next of step.all(queue[head]) as string[]) {
        if (members.has(idKey(next))) continue;
        members.set(idKey(next), next);
        queue.push(next);
      }
    }
  };
  walk(includeInferred ? PARENT_IDS_SQL : DECLARED_PARENT_IDS_SQL);
  walk(includeInferred ? CHILD_IDS_SQL : DECLARED_CHILD_IDS_SQL);
  const spelling = preparedPluck(db, SPELLING_SQL);
  for (const [key, id] of members) members.set(key, spelling.get({ id }) as string);
  // Sorted as ORDER BY ... COLLATE NOCASE sorts (UTF-8 bytes of the folded id), so both exports share one order.
  const sorted = [...members.keys()].map((key) => ({ key, bytes: Buffer.from(key) }));
  sorted.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const ids = sorted.map(({ key }) => members.get(key)!);
  const model = prepared(db, MODEL_SQL);
  return {
    *models() {
      for (const id of ids) {
        const row = model.get(id) as ModelRow | undefined;
        if (row) yield toModel(row);
      }
    },
    *stubs() {
      for (const id of ids) if (!model.get(id)) yield id;
    },
    *edges() {
      const from = prepared(db, includeInferred ? EDGES_FROM_SQL : DECLARED_EDGES_FROM_SQL);
      for (const id of ids) {
        for (const row of from.all(id) as EdgeRow[]) {
          const child = members.get(idKey(row.child));
          if (child !== undefined) yield { ...row, parent: id, child };
        }
      }
    },
  };
}
