// Graph exports (JSON lines, CSV, GraphML, GEXF) of the whole graph or one model's family, streamed in chunks.
import type { Model } from "../../lineage/types";
import type { Db } from "../open-database";
import { groupLinks, sourcesField, type ExportLink } from "./export-links";
import { pickModelFields } from "../model-fields";
import { familyOf, PAGE_END, pagesOfText, wholeGraph, type ExportSource } from "./export-source";
import { gexf, graphml } from "./export-xml";

export { UnknownRootError } from "./export-source";

export const EXPORT_FORMATS = ["jsonl", "csv", "graphml", "gexf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The media type to serve each format with. */
export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
  graphml: "application/graphml+xml; charset=utf-8",
  gexf: "application/gexf+xml; charset=utf-8",
};

export interface ExportOptions {
  format: ExportFormat;
  /** Export only this model's family: itself, its ancestors and its descendants (an old id is followed). */
  root?: string;
  /** Include inferred edges (default false, like the counts). */
  includeInferred?: boolean;
}

/**
 * A chunk ends at the first page end (see PAGE_END) once it holds this many characters, so a writer is not called
 * once per line, and a chunk takes a millisecond or two to make (a server answers other requests between two).
 */
const CHUNK_SIZE = 8 * 1024;

/**
 * A chunk also ends at the first page end after this many milliseconds of work, empty if need be: some steps give
 * little text per page (the stubs among 170k ids, a family being walked), and a chunk must not wait for them all.
 */
const SLICE_MS = 8;

/**
 * The export as a stream of text chunks, in a deterministic order (two exports of the same data are identical
 * byte for byte). The root is resolved now: an unknown root throws UnknownRootError before any chunk. The chunks
 * are read from open statements: finish or return() the iterator before writing on the same connection.
 *
 * Every format has one edge per (parent, child) pair: relation, source and confidence of its strongest source, and
 * every source of the pair as evidence.
 * jsonl: `{"type":"model",...}` lines (stored models), then `{"type":"edge",...,"sources":[...]}` lines.
 * csv: the edges: `parent,child,relation,source,confidence,sources` (RFC 4180, CRLF); sources as
 * `source:relation:confidence` joined by `;`.
 * graphml, gexf: a node per model and per id only edges name (`stored` false), an edge per pair.
 */
export function exportGraph(db: Db, options: ExportOptions): Iterable<string> {
  const includeInferred = options.includeInferred ?? false;
  const source =
    options.root === undefined ? wholeGraph(db, includeInferred) : familyOf(db, options.root, includeInferred);
  return chunked(inOneSnapshot(db, source, WRITERS[options.format]));
}

/**
 * The writer's pieces, read in one read transaction on a file database (one WAL snapshot, as the pages are read by
 * separate queries), ended and the source closed when the pieces end or the reader returns early. An in-memory
 * database (tests) is read as it is: it has no other writer, and a transaction left open would hold its writes.
 */
function* inOneSnapshot(
  db: Db,
  source: ExportSource,
  writer: (source: ExportSource) => Iterable<string>,
): Generator<string> {
  const isSnapshotOwn = !db.memory && !db.inTransaction;
  if (isSnapshotOwn) db.exec("BEGIN");
  try {
    yield* writer(source);
  } finally {
    source.close();
    if (isSnapshotOwn && db.inTransaction) db.exec("COMMIT");
  }
}

const WRITERS: Record<ExportFormat, (source: ExportSource) => Iterable<string>> = { jsonl, csv, graphml, gexf };

function* jsonl(source: ExportSource): Generator<string> {
  yield* pagesOfText(source.models(), (model) => `${JSON.stringify(modelLine(model))}\n`);
  yield* pagesOfText(groupLinks(source.edges()), (edge) => `${JSON.stringify(edgeLine(edge))}\n`);
}

/** A model's Hub fields; crawl timestamps (fetched, listed) are left out so that re-crawls export alike. */
function modelLine(model: Model) {
  return {
    type: "model",
    ...pickModelFields(model),
    newVersion: model.newVersion,
    gone: model.goneAt !== null,
  };
}

function edgeLine(edge: ExportLink) {
  const evidence = edge.sources[0].evidence;
  return {
    type: "edge",
    parent: edge.parent,
    child: edge.child,
    relation: edge.relation,
    source: edge.source,
    confidence: edge.confidence,
    ...(evidence ? { evidence } : {}),
    sources: edge.sources,
  };
}

function* csv(source: ExportSource): Generator<string> {
  yield "parent,child,relation,source,confidence,sources\r\n";
  yield* pagesOfText(groupLinks(source.edges()), (edge) => {
    const fields = [
      edge.parent,
      edge.child,
      edge.relation ?? "",
      edge.source,
      String(edge.confidence),
      sourcesField(edge),
    ];
    return `${fields.map(csvField).join(",")}\r\n`;
  });
}

/** RFC 4180: a field holding a comma, quote, CR or LF is quoted, with quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Pieces gathered into chunks ending at page ends: at least CHUNK_SIZE characters (plus the rest of the page), or
 * less (even none) after SLICE_MS of work.
 */
function* chunked(pieces: Iterable<string>): Generator<string> {
  let buffer = "";
  let started = performance.now();
  // The chunk is yielded straight from take(), never from a variable: a generator keeps its registers while
  // suspended, so a chunk in a local would be held across the export's wait (see server/stream-chunks.ts writeChunk).
  const take = () => {
    const chunk = buffer;
    buffer = "";
    return chunk;
  };
  for (const piece of pieces) {
    buffer += piece;
    if (piece === PAGE_END && (buffer.length >= CHUNK_SIZE || performance.now() - started >= SLICE_MS)) {
      yield take();
      started = performance.now();
    }
  }
  if (buffer) yield buffer;
}
