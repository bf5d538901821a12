// The JSON-lines export of a database file, read-only: what kill tests compare between a clean and a killed crawl.
import { exportGraph } from "../../db/export/export";
import { openDatabase } from "../../db/open-database";

export function exportText(path: string): string {
  const db = openDatabase(path, { readonly: true });
  try {
    return [...exportGraph(db, { format: "jsonl" })].join("");
  } finally {
    db.close();
  }
}
