// exportGraph in JSON lines, CSV, GraphML and GEXF (read back by a strict XML parser), whole or one family.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { recordAlias } from "../../../db/aliases";
import { setParents } from "../../../db/edges";
import { EXPORT_FORMATS, UnknownRootError, csvField, exportGraph, type ExportOptions } from "../../../db/export/export";
import { xml } from "../../../db/export/export-xml";
import { markGone, upsertModels } from "../../../db/models";
import { openDatabase, type Db } from "../../../db/open-database";
import { NOW, freshDb, link, modelRecord } from "../../helpers/db-fixtures";

// Ids no Hub model has, but that edges parsed from cards may carry: markup, quotes, commas, whitespace, a control
// character, a backslash and an astral character. (SQLite stores text as UTF-8, so it cannot hold a lone surrogate.)
const ODD = `odd/<&"'>,\t\n\r\u0001\\x\u{1F600}`;

/** A small lineage: a stored root with children, a parent never crawled, a cycle, a self-loop, an inferred edge. */
function lineageDb(): Db {
  const db = freshDb();
  upsertModels(
    db,
    ["Org/Base", "org/ft", "org/quant", "org/merge", "other/side", "cyc/a", "cyc/b", "loop/self", ODD].map((id) =>
      modelRecord(id),
    ),
    NOW,
  );
  markGone(db, "org/quant", NOW);
  setParents(db, "org/ft", "tag", [link("org/base", "finetune")], NOW);
  setParents(db, "org/quant", "tag", [link("org/ft", "quantized")], NOW);
  setParents(db, "org/merge", "tag", [link("org/ft", "merge"), link("never/crawled", "merge")], NOW);
  setParents(
    db,
    "org/merge",
    "inferred",
    [{ ...link("other/side", "finetune", "inferred", 0.6), evidence: [{ kind: "prose", text: "based on side" }] }],
    NOW,
  );
  setParents(db, "org/base", "card", [link("Upstream/Root", null, "card")], NOW);
  setParents(db, "cyc/a", "tag", [link("cyc/b", "finetune")], NOW);
  setParents(db, "cyc/b", "tag", [link("cyc/a", "finetune")], NOW);
  setParents(db, "loop/self", "tag", [link("loop/self", "adapter")], NOW);
  setParents(db, ODD, "tag", [link("org/base", "adapter"), link(`${ODD}-parent`, "finetune")], NOW);
  return db;
}

function text(db: Db, options: ExportOptions): string {
  return [...exportGraph(db, options)].join("");
}

function jsonLines(db: Db, options: Omit<ExportOptions, "format"> = {}): Record<string, unknown>[] {
  return text(db, { ...options, format: "jsonl" })
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** An RFC 4180 reader written apart from the writer: quoted fields, doubled quotes, CRLF records. */
function readCsv(input: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  while (i < input.length) {
    if (input[i] === '"') {
      i++;
      while (i < input.length) {
        if (input[i] === '"' && input[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (input[i] === '"') {
          i++;
          break;
        } else field += input[i++];
      }
    } else if (input[i] === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (input.startsWith("\r\n", i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else field += input[i++];
  }
  expect(field).toBe("");
  expect(record).toEqual([]);
  return records;
}

interface XmlGraph {
  root: string;
  nodes: Map<string, Record<string, string>>;
  edges: { source: string; target: string; values: Record<string, string> }[];
}

/** Parses a GraphML or GEXF document with a strict XML 1.0 parser (any well-formedness error throws). */
function readXmlGraph(chunks: Iterable<string>): XmlGraph {
  const parser = new SaxesParser();
  const graph: XmlGraph = { root: "", nodes: new Map(), edges: [] };
  let current: Record<string, string> | null = null;
  let dataKey: string | null = null;
  parser.on("error", (err) => {
    throw err;
  });
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const a = tag.attributes as Record<string, string>;
    if (!graph.root) graph.root = tag.name;
    if (tag.name === "node") {
      expect(graph.nodes.has(a.id)).toBe(false);
      current = { label: a.label ?? "" };
      graph.nodes.set(a.id, current);
    } else if (tag.name === "edge") {
      current = {};
      graph.edges.push({ source: a.source, target: a.target, values: current });
    } else if (tag.name === "data") dataKey = a.key;
    else if (tag.name === "attvalue" && current) current[a.for] = a.value;
  });
  parser.on("text", (value) => {
    if (dataKey && current) current[dataKey] = (current[dataKey] ?? "") + value;
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "data") dataKey = null;
  });
  for (const chunk of chunks) parser.write(chunk);
  parser.close();
  return graph;
}

/** How the XML writers spell an id that XML 1.0 cannot carry as it is. */
function escapedForXml(id: string): string {
  return id.replace(/\\/g, "\\\\").replace(/\u0001/g, "\\u0001");
}

describe("exportGraph", () => {
  it("writes JSON lines: every stored model, then one edge per declared pair, spelled as the models are", () => {
    const lines = jsonLines(lineageDb());
    const models = lines.filter((l) => l.type === "model");
    const edges = lines.filter((l) => l.type === "edge");
    expect(lines).toEqual([...models, ...edges]);
    expect(models).toHaveLength(9);
    expect(models.find((m) => m.id === "org/quant")).toMatchObject({
      gone: true,
      downloads: 10,
      pipelineTag: "text-generation",
    });
    expect(models.find((m) => m.id === "Org/Base")).not.toHaveProperty("fetchedAt");
    expect(edges).toHaveLength(10);
    expect(edges).toContainEqual({
      type: "edge",
      parent: "Org/Base",
      child: "org/ft",
      relation: "finetune",
      source: "tag",
      confidence: 1,
      sources: [{ source: "tag", relation: "finetune", confidence: 1 }],
    });
    expect(edges).toContainEqual({
      type: "edge",
      parent: "loop/self",
      child: "loop/self",
      relation: "adapter",
      source: "tag",
      confidence: 1,
      sources: [{ source: "tag", relation: "adapter", confidence: 1 }],
    });
    expect(edges.some((e) => e.source === "inferred")).toBe(false);
  });

  it("includes inferred edges with their evidence when asked", () => {
    const edges = jsonLines(lineageDb(), { includeInferred: true }).filter((l) => l.type === "edge");
    expect(edges).toContainEqual({
      type: "edge",
      parent: "other/side",
      child: "org/merge",
      relation: "finetune",
      source: "inferred",
      confidence: 0.6,
      evidence: [{ kind: "prose", text: "based on side" }],
      sources: [
        {
          source: "inferred",
          relation: "finetune",
          confidence: 0.6,
          evidence: [{ kind: "prose", text: "based on side" }],
        },
      ],
    });
  });

  it("writes the edges as RFC 4180 CSV with a header", () => {
    const records = readCsv(text(lineageDb(), { format: "csv" }));
    expect(records[0]).toEqual(["parent", "child", "relation", "source", "confidence", "sources"]);
    expect(records).toHaveLength(11);
    expect(records).toContainEqual(["Org/Base", ODD, "adapter", "tag", "1", "tag:adapter:1"]);
    expect(records).toContainEqual(["Upstream/Root", "Org/Base", "", "card", "1", "card::1"]);
  });

  it.each(["graphml", "gexf"] as const)(
    "writes %s that a strict XML parser reads back, every edge meeting its nodes",
    (format) => {
      const graph = readXmlGraph(exportGraph(lineageDb(), { format, includeInferred: true }));
      expect(graph.root).toBe(format);
      // 9 stored models and 3 ids only edges name (never/crawled, Upstream/Root, the odd id's parent).
      expect(graph.nodes.size).toBe(12);
      expect(graph.nodes.get("never/crawled")?.stored).toBe("false");
      expect(graph.nodes.get("Org/Base")?.stored).toBe("true");
      expect(graph.nodes.get("org/quant")?.gone).toBe("true");
      expect(graph.nodes.has(escapedForXml(ODD))).toBe(true);
      // One edge per pair: 10 declared rows plus the inferred pair.
      expect(graph.edges).toHaveLength(11);
      for (const edge of graph.edges) {
        expect(graph.nodes.has(edge.source)).toBe(true);
        expect(graph.nodes.has(edge.target)).toBe(true);
      }
      expect(graph.edges.find((e) => e.target === "org/ft")?.values).toEqual({
        relation: "finetune",
        source: "tag",
        confidence: "1",
        sources: "tag:finetune:1",
      });
    },
  );

  it("keeps one edge per pair in every format, the strongest source's, with every source as evidence", () => {
    const db = freshDb();
    setParents(db, "c", "inferred", [link("p", "adapter", "inferred", 0.5)], NOW);
    setParents(db, "c", "card", [link("p", "quantized", "card")], NOW);
    setParents(db, "c", "tag", [link("P", "finetune")], NOW);
    const sources = "tag:finetune:1;card:quantized:1;inferred:adapter:0.5";
    for (const format of ["graphml", "gexf"] as const) {
      const graph = readXmlGraph(exportGraph(db, { format, includeInferred: true }));
      expect(graph.edges).toEqual([
        { source: "P", target: "c", values: { relation: "finetune", source: "tag", confidence: "1", sources } },
      ]);
    }
    expect(readCsv(text(db, { format: "csv", includeInferred: true })).slice(1)).toEqual([
      ["P", "c", "finetune", "tag", "1", sources],
    ]);
    const edges = jsonLines(db, { includeInferred: true }).filter((l) => l.type === "edge");
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ parent: "P", child: "c", relation: "finetune", source: "tag" });
    expect(edges[0].sources).toEqual([
      { source: "tag", relation: "finetune", confidence: 1 },
      { source: "card", relation: "quantized", confidence: 1 },
      { source: "inferred", relation: "adapter", confidence: 0.5 },
    ]);
    // Declared only: the inferred source is left out of the evidence too.
    expect(readCsv(text(db, { format: "csv" })).slice(1)).toEqual([
      ["P", "c", "finetune", "tag", "1", "tag:finetune:1;card:quantized:1"],
    ]);
  });

  it("exports a root's family (ancestors and descendants, not siblings' lines), cycle-safe and in the full export's order", () => {
    const db = lineageDb();
    const full = jsonLines(db, { includeInferred: true }).map((l) => JSON.stringify(l));
    const family = jsonLines(db, { root: "org/FT", includeInferred: true }).map((l) => JSON.stringify(l));
    const ids = family
      .map((l) => JSON.parse(l) as Record<string, string>)
      .filter((l) => l.type === "model")
      .map((l) => l.id);
    expect(ids).toEqual(["Org/Base", "org/ft", "org/merge", "org/quant"]);
    // Upstream/Root is an ancestor but not a stored model, so it appears in edges only.
    expect(family.filter((l) => l.includes('"Upstream/Root"'))).toHaveLength(1);
    // The family's lines are the full export's lines, in the same relative order.
    const positions = family.map((line) => full.indexOf(line));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(jsonLines(db, { root: "cyc/a" }).filter((l) => l.type === "edge")).toHaveLength(2);
  });

  it("follows a renamed root and refuses an unknown one before writing anything", () => {
    const db = lineageDb();
    recordAlias(db, "org/old-name", "org/ft", NOW);
    expect(text(db, { format: "jsonl", root: "org/old-name" })).toBe(text(db, { format: "jsonl", root: "org/ft" }));
    expect(() => exportGraph(db, { format: "csv", root: "nobody/nothing" })).toThrow(UnknownRootError);
  });

  it.each(EXPORT_FORMATS)("gives the same bytes twice, in chunks of bounded size (%s)", (format) => {
    const db = freshDb();
    upsertModels(
      db,
      Array.from({ length: 3000 }, (_, i) => modelRecord(`org/model-${i}`)),
      NOW,
    );
    for (let i = 1; i < 3000; i++)
      setParents(db, `org/model-${i}`, "tag", [link(`org/model-${Math.floor(i / 3)}`, "finetune")], NOW);
    const first = [...exportGraph(db, { format })];
    expect(first.length).toBeGreaterThan(1);
    for (const chunk of first) expect(chunk.length).toBeLessThan(70 * 1024);
    expect([...exportGraph(db, { format })].join("")).toBe(first.join(""));
  });

  it("reads a family of many pages in the whole export's order", () => {
    const db = freshDb();
    upsertModels(
      db,
      Array.from({ length: 3000 }, (_, i) => modelRecord(`org/model-${i}`)),
      NOW,
    );
    // One tree of 3,000 models below org/model-0, and 39 children named by edges only (stubs).
    for (let i = 1; i < 3000; i++) {
      setParents(db, `org/model-${i}`, "tag", [link(`org/model-${Math.floor(i / 3)}`, "finetune")], NOW);
      if (i % 75 === 0) setParents(db, `never/crawled-${i}`, "card", [link(`org/model-${i}`, "adapter", "card")], NOW);
    }
    for (const format of EXPORT_FORMATS) expect(text(db, { format, root: "org/model-0" })).toBe(text(db, { format }));
  });

  it("reads one snapshot of a file database: a write made while the export streams is not in it", () => {
    const dir = mkdtempSync(join(tmpdir(), "hf-lineage-export-snapshot-"));
    try {
      const writer = openDatabase(join(dir, "lineage.db"));
      upsertModels(
        writer,
        Array.from({ length: 2000 }, (_, i) => modelRecord(`org/model-${String(i).padStart(4, "0")}`)),
        NOW,
      );
      const reader = openDatabase(join(dir, "lineage.db"), { readonly: true });
      const chunks = exportGraph(reader, { format: "jsonl" })[Symbol.iterator]();
      let exported = chunks.next().value as string;
      upsertModels(writer, [modelRecord("org/model-9999"), modelRecord("zzz/late")], NOW);
      for (let next = chunks.next(); !next.done; next = chunks.next()) exported += next.value;
      expect(exported.trimEnd().split("\n")).toHaveLength(2000);
      expect(exported).not.toContain("zzz/late");
      // The snapshot ends with the export: the next one sees the write.
      expect([...exportGraph(reader, { format: "jsonl" })].join("")).toContain("zzz/late");
      reader.close();
      writer.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["", ""],
  ])("writes %j as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe("xml", () => {
  it("escapes markup and keeps whitespace as references", () => {
    expect(xml(`a<b>&"c'\t\n\r`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;&#9;&#10;&#13;");
  });

  it("writes characters XML cannot carry as \\u escapes, and a backslash doubled, so ids stay distinct", () => {
    expect(xml("a\u0000b\u001Fc\uFFFE")).toBe("a\\u0000b\\u001Fc\\uFFFE");
    expect(xml("lone\uD800 \uDC00end")).toBe("lone\\uD800 \\uDC00end");
    expect(xml("pair\u{1F600}")).toBe("pair\u{1F600}");
    expect(xml("back\\u0000slash")).not.toBe(xml("back\u0000slash"));
  });
});
