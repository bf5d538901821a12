// Prepared statements cached per connection, so every SQL string of db/ is compiled once per Db.
import type { Statement } from "better-sqlite3";
import type { Db } from "./open-database";

const CACHE = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, compiled on first use; its rows are objects. */
export function prepared(db: Db, sql: string): Statement {
  return cached(db, sql, false);
}

/** Like prepared, in pluck mode: each row is its first column's value. Cached apart, so modes never mix. */
export function preparedPluck(db: Db, sql: string): Statement {
  return cached(db, sql, true);
}

function cached(db: Db, sql: string, pluck: boolean): Statement {
  let statements = CACHE.get(db);
  if (!statements) {
    statements = new Map();
    CACHE.set(db, statements);
  }
  const key = (pluck ? "pluck\0" : "rows\0") + sql;
  let statement = statements.get(key);
  if (!statement) {
    statement = db.prepare(sql);
    if (pluck) statement.pluck();
    statements.set(key, statement);
  }
  return statement;
}
