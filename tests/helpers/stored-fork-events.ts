// The fork events a database holds, one sortable line each (`root<model relation depth`), read without writing.
import { openDatabase } from "../../db/open-database";
import { listForkEvents } from "../../db/queries/forks";

export function storedForkEvents(dbPath: string): string[] {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return listForkEvents(db, { limit: 1_000_000 })
      .items.map((e) => `${e.root}<${e.model} ${e.relation} ${e.depth}`)
      .sort();
  } finally {
    db.close();
  }
}
