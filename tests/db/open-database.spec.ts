// openDatabase: migrates to the latest version in WAL mode, refuses newer schemas and foreign files, creates no stray
// file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DatabaseMissingError,
  MigrationError,
  WAL_AUTOCHECKPOINT_PAGES,
  migrate,
  openDatabase,
  schemaVersion,
} from "../../db/open-database";
import { MIGRATIONS } from "../../db/migrations";

// The tables of schema v1 (later migrations add more).
const V1_TABLES = [
  "aliases",
  "counts_dirty",
  "crawl_state",
  "descendant_counts",
  "edges",
  "frontier",
  "models",
  "problems",
  "runs",
  "tracked_families",
];

describe("openDatabase", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-open-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("migrates an empty database to the latest version with every table", () => {
    const db = openDatabase(":memory:");
    expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'models_search%'")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(V1_TABLES));
  });

  it("re-opens a migrated file without re-running migrations, in WAL mode", () => {
    const path = join(dir, "sub", "lineage.db");
    const first = openDatabase(path);
    first.prepare("INSERT INTO models (id) VALUES ('a/b')").run();
    first.close();
    const again = openDatabase(path);
    expect(again.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(again.pragma("wal_autocheckpoint", { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    expect(again.prepare("SELECT count(*) FROM models").pluck().get()).toBe(1);
    again.close();
  });

  it("refuses a database whose schema is newer than this code", () => {
    const path = join(dir, "newer.db");
    const db = openDatabase(path);
    db.pragma("user_version = 99");
    db.close();
    expect(() => openDatabase(path)).toThrow(MigrationError);
    expect(() => openDatabase(path, { readonly: true })).toThrow(MigrationError);
  });

  it("applies only the migrations above user_version", () => {
    const db = openDatabase(":memory:", { migrations: [] });
    expect(schemaVersion(db)).toBe(0);
    const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
    const extra = [...MIGRATIONS, { version: latest + 1, name: "probe", up: "CREATE TABLE probe (x)" }];
    expect(migrate(db, MIGRATIONS)).toBe(latest);
    expect(migrate(db, extra)).toBe(latest + 1);
    expect(migrate(db, extra)).toBe(latest + 1);
  });

  it("migrates a database at version 6 to the graph change journal, keeping its links, and journals the next write", () => {
    const path = join(dir, "v6.db");
    const before = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    before
      .prepare(
        "INSERT INTO edges (parent, child, source, relation, first_seen, last_seen) VALUES ('a/p', 'a/c', 'tag', 'finetune', 't', 't')",
      )
      .run();
    before.close();
    const db = openDatabase(path);
    expect(db.prepare("SELECT parent, child FROM links").all()).toEqual([{ parent: "a/p", child: "a/c" }]);
    expect(db.prepare("SELECT count(*) FROM graph_changes").pluck().get()).toBe(0);
    db.prepare("INSERT INTO models (id, downloads) VALUES ('a/c', 5)").run();
    expect(db.prepare("SELECT kind, id FROM graph_changes").all()).toEqual([{ kind: 3, id: "a/c" }]);
    db.close();
  });

  it("never creates a file when the database must exist", () => {
    const path = join(dir, "missing.db");
    expect(() => openDatabase(path, { readonly: true })).toThrow(DatabaseMissingError);
    expect(() => openDatabase(path, { mustExist: true })).toThrow(DatabaseMissingError);
  });

  it("refuses read-only access to a file that is not an hf-lineage database", () => {
    const path = join(dir, "other.db");
    const plain = openDatabase(path, { migrations: [] });
    plain.close();
    expect(() => openDatabase(path, { readonly: true })).toThrow(MigrationError);
    writeFileSync(join(dir, "text.db"), "not sqlite at all, just some text that is long enough to be a header....");
    expect(() => openDatabase(join(dir, "text.db"), { readonly: true })).toThrow();
  });

  it("reads a WAL database read-only", () => {
    const path = join(dir, "ro.db");
    const db = openDatabase(path);
    db.prepare("INSERT INTO models (id) VALUES ('a/b')").run();
    const reader = openDatabase(path, { readonly: true });
    expect(reader.prepare("SELECT id FROM models").pluck().all()).toEqual(["a/b"]);
    reader.close();
    db.close();
    // Once the writer has closed, the -wal and -shm files are gone; a reader must still open the file.
    const late = openDatabase(path, { readonly: true });
    expect(late.prepare("SELECT count(*) FROM models").pluck().get()).toBe(1);
    late.close();
  });
});
