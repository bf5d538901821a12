// What `export` runs: the lineage graph (or one family) from a database, written to stdout as it is produced.
import { exportGraph, type ExportFormat } from "../db/export/export";
import { openDatabase } from "../db/open-database";
import type { CliIo } from "./cli-io";
import { textSink } from "./line-sink";

export interface ExportRequest {
  dbPath: string;
  format: ExportFormat;
  root?: string;
  includeInferred: boolean;
}

/** Resolves to the exit code (0), also when the reader closed the pipe early. */
export async function runExport(request: ExportRequest, io: CliIo): Promise<number> {
  const db = openDatabase(request.dbPath, { readonly: true });
  try {
    const chunks = exportGraph(db, {
      format: request.format,
      root: request.root,
      includeInferred: request.includeInferred,
    });
    const sink = textSink(io.stdout);
    for (const chunk of chunks) if (!(await sink.write(chunk))) break;
    return 0;
  } finally {
    db.close();
  }
}
