// The listed fields of models (stored spelling, author, createdAt, downloads, likes, licence) kept by the cached
// lineage graph in typed arrays, read from SQL the first time a reader needs a model and again only when the change
// journal names it: after a write, a family's panel and payload read the few changed models, not all of them.
import { authorOf, type StoredNodeInfo } from "../queries/nodes";
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";
import type { GraphFields, LineageGraph, OddFields } from "./lineage-graph";

const FIELDS_SQL = `
  SELECT j.key, m.id, m.author, m.created_at, m.downloads, m.likes, m.license
  FROM json_each(?) AS j LEFT JOIN models AS m ON m.id = j.value`;
const FIELDS_CHUNK = 50_000;
const NOT_READ = 0;
const NOT_STORED = 1;
const STORED = 2;

function createFields(size: number): GraphFields {
  return {
    state: new Uint8Array(size),
    downloads: new Float64Array(size),
    likes: new Float64Array(size),
    createdAt: new Array<string | null>(size).fill(null),
    license: new Uint16Array(size),
    licenseNames: [],
    licenseCodes: new Map(),
    odd: new Map(),
  };
}

/** The fields' arrays sized for `size` nodes (new nodes not read), after the graph gained nodes. */
export function growGraphFields(fields: GraphFields, size: number): void {
  if (fields.state.length >= size) return;
  const grown = <T extends Uint8Array | Uint16Array | Float64Array>(old: T): T => {
    const bigger = new (old.constructor as new (n: number) => T)(size);
    bigger.set(old);
    return bigger;
  };
  fields.state = grown(fields.state);
  fields.downloads = grown(fields.downloads);
  fields.likes = grown(fields.likes);
  fields.license = grown(fields.license);
  for (let v = fields.createdAt.length; v < size; v++) fields.createdAt.push(null);
}

/** Node v's fields are read again when next needed (the journal named the model). */
export function forgetGraphFields(graph: LineageGraph, v: number): void {
  if (!graph.fields) return;
  graph.fields.state[v] = NOT_READ;
  graph.fields.odd.delete(v);
}

const nullable = (value: number) => (Number.isNaN(value) ? null : value);

function licenseCode(fields: GraphFields, license: string | null): number {
  if (license === null) return 0;
  let code = fields.licenseCodes.get(license);
  if (code === undefined) {
    fields.licenseNames.push(license);
    code = fields.licenseNames.length;
    fields.licenseCodes.set(license, code);
  }
  return code;
}

type FieldsRow = [number, string | null, string | null, string | null, number | null, number | null, string | null];

function keepRow(graph: LineageGraph, fields: GraphFields, v: number, row: FieldsRow): void {
  const [, id, author, createdAt, downloads, likes, license] = row;
  fields.state[v] = id === null ? NOT_STORED : STORED;
  fields.downloads[v] = downloads ?? Number.NaN;
  fields.likes[v] = likes ?? Number.NaN;
  fields.license[v] = licenseCode(fields, license);
  graph.downloads[v] = downloads ?? -1;
  const odd: OddFields = {};
  let isOdd = false;
  if (id !== null && id !== graph.ids.spelling(v)) {
    odd.id = id;
    isOdd = true;
  }
  if (id !== null && (author ?? authorOf(id)) !== authorOf(id)) {
    odd.author = author;
    isOdd = true;
  }
  fields.createdAt[v] = createdAt;
  if (isOdd) fields.odd.set(v, odd);
  else fields.odd.delete(v);
}

/** Reads the fields of `nodes` not read yet, one statement per 50,000 models. */
export function ensureGraphFields(db: Db, graph: LineageGraph, nodes: ArrayLike<number>): GraphFields {
  if (!graph.fields) graph.fields = createFields(graph.size);
  const fields = graph.fields;
  const missing: number[] = [];
  for (let k = 0; k < nodes.length; k++) if (fields.state[nodes[k]] === NOT_READ) missing.push(nodes[k]);
  const statement = prepared(db, FIELDS_SQL).raw(true);
  for (let from = 0; from < missing.length; from += FIELDS_CHUNK) {
    const chunk = missing.slice(from, from + FIELDS_CHUNK);
    for (const row of statement.all(JSON.stringify(chunk.map((v) => graph.ids.spelling(v)))) as FieldsRow[])
      keepRow(graph, fields, chunk[row[0]], row);
  }
  return fields;
}

/**
 * What readNodesWithCounts answers for the graph's nodes `nodes` (in their order): the stored spelling, else
 * `asked(k)`; `descendants[k]` as given. Fields come from the graph, read from SQL only for models not read yet.
 */
export function readGraphNodes(
  db: Db,
  graph: LineageGraph,
  nodes: ArrayLike<number>,
  asked: (k: number) => string,
  descendants: ArrayLike<number>,
): StoredNodeInfo[] {
  const fields = ensureGraphFields(db, graph, nodes);
  const out: StoredNodeInfo[] = new Array(nodes.length);
  for (let k = 0; k < nodes.length; k++) {
    const v = nodes[k];
    const isStored = fields.state[v] === STORED;
    const odd = fields.odd.get(v);
    const id = isStored ? (odd?.id ?? graph.ids.spelling(v)) : asked(k);
    const code = fields.license[v];
    // Spelled out rather than spread, as readNodesWithCounts builds them.
    out[k] = {
      id,
      author: odd && "author" in odd ? (odd.author ?? authorOf(id)) : authorOf(id),
      createdAt: fields.createdAt[v],
      downloads: nullable(fields.downloads[v]),
      likes: nullable(fields.likes[v]),
      descendants: descendants[k],
      isStored,
      license: code === 0 ? null : fields.licenseNames[code - 1],
    };
  }
  return out;
}
