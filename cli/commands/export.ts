// `export --format jsonl|csv|graphml|gexf [--root ID]`: the lineage graph, or one family, written to stdout.
import { runExport } from "../../app/run-export";
import { EXPORT_FORMATS, type ExportFormat } from "../../db/export/export";
import { resolveDbPath } from "../../db/open-database";
import { parseCommandArgs, UsageError, type Command } from "../command";

const USAGE = `Usage: hf-lineage export --format jsonl|csv|graphml|gexf [--root ID] [--inferred include|exclude]
                          [--db FILE]

Writes the lineage graph stored in the database to stdout, in a deterministic order (two exports of the same data
are identical byte for byte, so they can be diffed).

  jsonl     one {"type":"model","id",...} line per stored model (its Hub fields, "gone"), then one
            {"type":"edge","parent","child","relation","source","confidence","sources"} line per (parent,
            child) pair, the winning source's (tag > card > inferred; inferred ones also carry "evidence")
  csv       the edges, one row per (parent, child) pair: parent,child,relation,source,confidence,sources
            (sources: source:relation:confidence;...; RFC 4180, CRLF, header row; an unknown relation is an
            empty field)
  graphml   GraphML / GEXF 1.3 for graph tools: a node per model, and per id that edges name but that was never
  gexf      crawled (stored=false); one edge per (parent, child) pair, the winning source's (tag > card > inferred)

Options:
  --format F          jsonl, csv, graphml or gexf (required)
  --root ID           only ID's family: ID, its ancestors and its descendants (a renamed model's old id works)
  --inferred MODE     exclude (default) or include edges inferred from card text
  --db FILE           the database (default: $HF_LINEAGE_DB, else ./data/lineage.db); it must exist
  -h, --help          show this help

Exit status: 0 when written (or when the reader closed the pipe early, as with | head); 1 when the database is
missing or not an hf-lineage database, or the root is unknown; 2 on a usage error.
`;

export const exportCommand: Command = {
  name: "export",
  summary: "write the lineage graph (or one family) as JSON lines, CSV, GraphML or GEXF",
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      format: { type: "string" },
      root: { type: "string" },
      inferred: { type: "string" },
      db: { type: "string" },
    });
    if (values.format === undefined) throw new UsageError(`--format is required: one of ${EXPORT_FORMATS.join(", ")}`);
    if (!(EXPORT_FORMATS as readonly string[]).includes(values.format)) {
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}, got "${values.format}"`);
    }
    if (values.inferred !== undefined && values.inferred !== "include" && values.inferred !== "exclude") {
      throw new UsageError(`--inferred must be include or exclude, got "${values.inferred}"`);
    }
    if (values.root !== undefined && values.root.trim() === "") throw new UsageError("--root needs a model id");
    return runExport(
      {
        dbPath: resolveDbPath(values.db, io.env),
        format: values.format as ExportFormat,
        root: values.root,
        includeInferred: values.inferred === "include",
      },
      io,
    );
  },
};
