// GraphML and GEXF writers: one node per model (and per id only edges name), one edge per (parent, child) pair.
import type { Model } from "../../lineage/types";
import { pagesOfText, type ExportSource } from "./export-source";
import { groupLinks, sourcesField, type ExportLink } from "./export-links";

type Value = string | number | boolean | null;

interface Attribute {
  name: string;
  type: "string" | "long" | "double" | "boolean";
  of: (model: Model | null) => Value;
}

// `stored` is false for an id that edges name but that was never read from the Hub (a parent not crawled yet).
const NODE_ATTRIBUTES: Attribute[] = [
  { name: "id", type: "string", of: () => null },
  { name: "stored", type: "boolean", of: (m) => m !== null },
  { name: "author", type: "string", of: (m) => m?.author ?? null },
  { name: "createdAt", type: "string", of: (m) => m?.createdAt ?? null },
  { name: "lastModified", type: "string", of: (m) => m?.lastModified ?? null },
  { name: "downloads", type: "long", of: (m) => m?.downloads ?? null },
  { name: "likes", type: "long", of: (m) => m?.likes ?? null },
  { name: "pipelineTag", type: "string", of: (m) => m?.pipelineTag ?? null },
  { name: "libraryName", type: "string", of: (m) => m?.libraryName ?? null },
  { name: "license", type: "string", of: (m) => m?.license ?? null },
  { name: "gated", type: "string", of: (m) => m?.gated ?? null },
  { name: "private", type: "boolean", of: (m) => m?.private ?? null },
  { name: "sha", type: "string", of: (m) => m?.sha ?? null },
  { name: "newVersion", type: "string", of: (m) => m?.newVersion ?? null },
  { name: "gone", type: "boolean", of: (m) => (m ? m.goneAt !== null : null) },
];
const EDGE_ATTRIBUTES = [
  { name: "relation", type: "string" },
  { name: "source", type: "string" },
  { name: "confidence", type: "double" },
  { name: "sources", type: "string" },
] as const;

export function* graphml(source: ExportSource): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns ' +
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const a of NODE_ATTRIBUTES)
    yield `  <key id="${a.name}" for="node" attr.name="${a.name}" attr.type="${a.type}"/>\n`;
  for (const a of EDGE_ATTRIBUTES)
    yield `  <key id="${a.name}" for="edge" attr.name="${a.name}" attr.type="${a.type}"/>\n`;
  yield '  <graph id="lineage" edgedefault="directed">\n';
  yield* pagesOfText(nodes(source), ([id, model]) => {
    let data = `    <node id="${xml(id)}">`;
    for (const a of NODE_ATTRIBUTES) {
      const value = a.name === "id" ? id : a.of(model);
      if (value !== null) data += `<data key="${a.name}">${xml(String(value))}</data>`;
    }
    return `${data}</node>\n`;
  });
  yield* pagesOfText(groupLinks(source.edges()), (edge) => {
    let data = `    <edge source="${xml(edge.parent)}" target="${xml(edge.child)}">`;
    for (const [name, value] of edgeValues(edge)) data += `<data key="${name}">${xml(String(value))}</data>`;
    return `${data}</edge>\n`;
  });
  yield "  </graph>\n</graphml>\n";
}

export function* gexf(source: ExportSource): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n';
  yield "  <meta><creator>hf-lineage</creator><description>Hugging Face Hub model lineage</description></meta>\n";
  yield '  <graph defaultedgetype="directed" mode="static">\n';
  yield '    <attributes class="node" mode="static">\n';
  for (const a of NODE_ATTRIBUTES.slice(1))
    yield `      <attribute id="${a.name}" title="${a.name}" type="${a.type}"/>\n`;
  yield '    </attributes>\n    <attributes class="edge" mode="static">\n';
  for (const a of EDGE_ATTRIBUTES) yield `      <attribute id="${a.name}" title="${a.name}" type="${a.type}"/>\n`;
  yield "    </attributes>\n    <nodes>\n";
  yield* pagesOfText(nodes(source), ([id, model]) => {
    let values = "";
    for (const a of NODE_ATTRIBUTES.slice(1)) {
      const value = a.of(model);
      if (value !== null) values += `<attvalue for="${a.name}" value="${xml(String(value))}"/>`;
    }
    return `      <node id="${xml(id)}" label="${xml(id)}"><attvalues>${values}</attvalues></node>\n`;
  });
  yield "    </nodes>\n    <edges>\n";
  let n = 0;
  yield* pagesOfText(groupLinks(source.edges()), (edge) => {
    let values = "";
    for (const [name, value] of edgeValues(edge)) values += `<attvalue for="${name}" value="${xml(String(value))}"/>`;
    return `      <edge id="${n++}" source="${xml(edge.parent)}" target="${xml(edge.child)}"><attvalues>${values}</attvalues></edge>\n`;
  });
  yield "    </edges>\n  </graph>\n</gexf>\n";
}

/**
 * Text for an XML attribute or element. Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates,
 * U+FFFE/U+FFFF) are written as `\uXXXX`, and a backslash as `\\`, so distinct ids stay distinct; an id without
 * those (every Hub id) is written as it is. Markup characters and whitespace become references.
 */
export function xml(text: string): string {
  return text
    .replace(
      /\\|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (c) => (c === "\\" ? "\\\\" : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`),
    )
    .replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c]);
}

const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Models then stubs, page by page: every id an edge of the scope names has a node. */
function* nodes(source: ExportSource): Generator<[string, Model | null][]> {
  for (const models of source.models()) yield models.map((model): [string, Model] => [model.id, model]);
  for (const ids of source.stubs()) yield ids.map((id): [string, null] => [id, null]);
}

function edgeValues(edge: ExportLink): [string, Value][] {
  const values: [string, Value][] = [
    ["relation", edge.relation],
    ["source", edge.source],
    ["confidence", edge.confidence],
    ["sources", sourcesField(edge)],
  ];
  return values.filter(([, value]) => value !== null);
}
