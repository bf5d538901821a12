// Triggers or indexes dropped for a bulk write, and created again afterwards exactly as the schema has them.
import type { Db } from "./open-database";
import { prepared } from "./statement-cache";

export type SchemaObjectType = "trigger" | "index";

const schemaSql = (type: SchemaObjectType, names: readonly string[]) =>
  `SELECT name, sql FROM sqlite_master WHERE type = '${type}' AND name IN (${names.map(() => "?").join(", ")})`;

/**
 * Drops the `names` of `type` that the schema has and returns what creates them again (call it in the same
 * transaction: other connections never see them gone, and a rollback brings them back). A name the schema lacks is
 * skipped.
 */
export function dropSchemaObjects(db: Db, type: SchemaObjectType, names: readonly string[]): () => void {
  const found = prepared(db, schemaSql(type, names)).all(...names) as { name: string; sql: string }[];
  for (const { name } of found) db.exec(`DROP ${type.toUpperCase()} ${name}`);
  return () => {
    for (const { sql } of found) db.exec(sql);
  };
}
