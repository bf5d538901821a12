// Prepared statements cached per connection, so every SQL string of db/ is compiled once per Db.
import type { Statement } from "better-sqlite3";
import type { Db } from "./open-database";

// One map per mode, keyed by the SQL string itself: a key built by concatenation would be a new string to hash
// in full on every call (a sweep's merge makes millions).
const CACHE = new WeakMap<Db, { rows: Map<string, Statement>; pluck: Map<string, Statement> }>();

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
    statements = { rows: new Map(), pluck: new Map() };
    CACHE.set(db, statements);
  }
  const byMode = pluck ? statements.pluck : statements.rows;
  let statement = byMode.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (pluck) statement.pluck();
    byMode.set(sql, statement);
  }
  return statement;
}
