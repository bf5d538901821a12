// recordCardRead and findCardsToRead: a card is read again only when its model's repository version changed, and
// its migration on a database of the previous schema.
import Database from "better-sqlite3";
import { findCardsToRead, recordCardRead, type CardVersion } from "../../db/cards-read";
import { MIGRATIONS } from "../../db/migrations";
import { getModel, upsertModels } from "../../db/models";
import { migrate, type Db } from "../../db/open-database";
import { LATER, NOW, freshDb, modelRecord } from "../helpers/db-fixtures";

const CARDS_READ_VERSION = MIGRATIONS.find((m) => m.name.startsWith("cards read"))!.version;
const listed = (id: string, sha: string | null, lastModified: string | null): CardVersion => ({
  id,
  sha,
  lastModified,
});

describe("findCardsToRead", () => {
  let db: Db;
  beforeEach(() => {
    db = freshDb();
    upsertModels(
      db,
      [
        modelRecord("org/A", { sha: "sha-a", lastModified: NOW }),
        modelRecord("org/B", { sha: null, lastModified: NOW }),
        modelRecord("org/C", { sha: null, lastModified: null }),
      ],
      NOW,
    );
  });
  afterEach(() => db.close());

  it("asks for every card never read, in the order given", () => {
    const page = [listed("org/C", null, null), listed("org/A", "sha-a", NOW), listed("org/new", "x", NOW)];
    expect(findCardsToRead(db, page, true)).toEqual(["org/C", "org/A", "org/new"]);
    expect(findCardsToRead(db, [], true)).toEqual([]);
  });

  it("skips a card read at the listed sha (any case of the id), and asks again once the sha changed", () => {
    recordCardRead(db, "org/A", true, NOW);
    expect(findCardsToRead(db, [listed("ORG/a", "sha-a", LATER)], true)).toEqual([]);
    expect(findCardsToRead(db, [listed("org/A", "sha-a2", NOW)], true)).toEqual(["org/A"]);
    // The model's row moves to the new sha when its record is stored; reading the card records that version.
    upsertModels(db, [modelRecord("org/A", { sha: "sha-a2", lastModified: LATER })], LATER);
    recordCardRead(db, "org/A", true, LATER);
    expect(findCardsToRead(db, [listed("org/A", "sha-a2", LATER)], true)).toEqual([]);
    expect(findCardsToRead(db, [listed("org/A", "sha-a", NOW)], true)).toEqual(["org/A"]);
  });

  it("compares lastModified for a record without a sha, and asks nothing again for a record with neither", () => {
    recordCardRead(db, "org/B", true, NOW);
    recordCardRead(db, "org/C", true, NOW);
    expect(findCardsToRead(db, [listed("org/B", null, NOW), listed("org/C", null, null)], true)).toEqual([]);
    expect(findCardsToRead(db, [listed("org/B", null, LATER)], true)).toEqual(["org/B"]);
    // A sha where the read saw none: a version the read cannot vouch for.
    expect(findCardsToRead(db, [listed("org/B", "new-sha", NOW)], true)).toEqual(["org/B"]);
  });

  it("asks a crawl that infers again for a card read without inference, not the other way round", () => {
    recordCardRead(db, "org/A", false, NOW);
    expect(findCardsToRead(db, [listed("org/A", "sha-a", NOW)], false)).toEqual([]);
    expect(findCardsToRead(db, [listed("org/A", "sha-a", NOW)], true)).toEqual(["org/A"]);
    recordCardRead(db, "org/A", true, LATER);
    expect(findCardsToRead(db, [listed("org/A", "sha-a", NOW)], false)).toEqual([]);
  });

  it("records a model the store does not hold as read at no version", () => {
    recordCardRead(db, "org/unknown", true, NOW);
    expect(findCardsToRead(db, [listed("org/unknown", null, null)], true)).toEqual([]);
    expect(findCardsToRead(db, [listed("org/unknown", "sha", NOW)], true)).toEqual(["org/unknown"]);
  });
});

describe("migration cards_read", () => {
  it("adds the table to a database of the previous schema and keeps its data; every card is read once more", () => {
    const db = new Database(":memory:") as Db;
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < CARDS_READ_VERSION),
    );
    upsertModels(db, [modelRecord("org/A", { sha: "sha-a" })], NOW);
    migrate(db);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(getModel(db, "org/A")?.sha).toBe("sha-a");
    expect(findCardsToRead(db, [listed("org/A", "sha-a", NOW)], true)).toEqual(["org/A"]);
    recordCardRead(db, "org/A", true, NOW);
    expect(findCardsToRead(db, [listed("org/A", "sha-a", NOW)], true)).toEqual([]);
    db.close();
  });
});
