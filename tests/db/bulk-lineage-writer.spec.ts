// createBulkLineageWriter: the same rows as the direct writes one call at a time, on an empty store and over one.
import { createBulkLineageWriter, type LineageWriter } from "../../db/bulk-lineage-writer";
import { recordAlias } from "../../db/aliases";
import { directWriter } from "../../crawler/ingest-page";
import type { Db } from "../../db/open-database";
import { freshDb, LATER, link, modelRecord, NOW } from "../helpers/db-fixtures";

/** Writes with repeats: a model read twice (fields dropped, a parent changed), case variants, card and inferred sets. */
function writeBatch(writer: LineageWriter, now: string, changes: number[]): void {
  for (const [i, id] of ["base/Root", "org/Tune", "org/Quant", "org/Merge"].entries()) {
    writer.upsertModel(modelRecord(id, { downloads: i * 10, newVersion: i === 2 ? "org/Next" : null }), now);
  }
  changes.push(writer.setParents("org/Tune", "tag", [link("base/Root", "finetune")], now).added);
  changes.push(writer.setParents("org/Quant", "card", [link("org/Tune", "quantized", "card")], now).added);
  const inferred = { ...link("base/Root", "merge", "inferred", 0.7), evidence: [{ kind: "phrase", text: "x" }] };
  changes.push(writer.setParents("org/Merge", "inferred", [inferred], now).added);
  writer.markListed(["base/Root", "org/Tune"], now);
  // Read again later in the batch: a null field keeps the first read's value, the tag set is replaced.
  writer.upsertModel(modelRecord("ORG/tune", { downloads: null, likes: 5 }), LATER);
  const twice = writer.setParents("org/tune", "tag", [link("org/Quant", null), link("BASE/root", "adapter")], LATER);
  changes.push(twice.added, twice.removed, twice.changed);
  changes.push(
    writer.setParents("org/Merge", "tag", [link("org/Tune", "merge"), link("base/Root", "merge")], LATER).added,
  );
  changes.push(writer.setParents("org/Merge", "inferred", [], LATER).removed);
  writer.markListed(["org/Missing"], LATER);
}

function tables(db: Db): unknown[] {
  return ["SELECT rowid, * FROM models ORDER BY rowid", "SELECT * FROM edges ORDER BY parent, child, source"].map(
    (sql) => db.prepare(sql).all(),
  );
}

function schema(db: Db): unknown[] {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all();
}

describe("createBulkLineageWriter", () => {
  it.each([
    ["an empty store", (_db: Db) => undefined],
    [
      "a store with the models, their edges and an alias",
      (db: Db) => {
        writeBatch(directWriter(db), NOW, []);
        recordAlias(db, "old/Root", "base/Root", NOW);
      },
    ],
  ])("leaves the same models and edges as the direct writes on %s, and reports the same changes", (_what, seed) => {
    const direct = freshDb();
    const bulk = freshDb();
    seed(direct);
    seed(bulk);
    const directChanges: number[] = [];
    const bulkChanges: number[] = [];
    direct.transaction(() => writeBatch(directWriter(direct), LATER, directChanges))();
    bulk.transaction(() => {
      const writer = createBulkLineageWriter(bulk);
      writeBatch(writer, LATER, bulkChanges);
      writer.flush();
    })();
    expect(bulkChanges).toEqual(directChanges);
    expect(directChanges.some((n) => n > 0)).toBe(true);
    expect(tables(bulk)).toEqual(tables(direct));
    // The child index dropped for the inserts is back, as the schema has it, and agrees with the table.
    expect(schema(bulk)).toEqual(schema(direct));
    expect(bulk.pragma("integrity_check", { simple: true })).toBe("ok");
    direct.close();
    bulk.close();
  });
});
