// resolveId and recordAlias: renamed models followed (chains, loops) and their rows moved to the new id.
import { MAX_ALIAS_HOPS, canonicalId, recordAlias, resolveId } from "../../db/aliases";
import { getChildren, getParents, setParents } from "../../db/edges";
import { getModel, upsertModels } from "../../db/models";
import { listTrackedFamilies, trackFamily } from "../../db/tracked-families";
import { LATER, NOW, freshDb, link, modelRecord } from "../helpers/db-fixtures";

describe("resolveId", () => {
  it("gives the stored spelling of a model, a dangling parent, or null", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("Org/Child")], NOW);
    setParents(db, "Org/Child", "tag", [link("Base/Dangling", "finetune")], NOW);
    expect(resolveId(db, "org/child")).toBe("Org/Child");
    expect(resolveId(db, "base/dangling")).toBe("Base/Dangling");
    expect(resolveId(db, "nobody/nothing")).toBeNull();
  });

  it("follows an alias to the renamed model", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("google-bert/bert-base-uncased")], NOW);
    recordAlias(db, "bert-base-uncased", "google-bert/bert-base-uncased", NOW);
    expect(resolveId(db, "BERT-base-uncased")).toBe("google-bert/bert-base-uncased");
  });

  it("answers an alias whose target is not crawled yet with the target", () => {
    const db = freshDb();
    recordAlias(db, "old/name", "new/name", NOW);
    expect(resolveId(db, "old/name")).toBe("new/name");
  });

  it("follows chains and stops on a loop or a chain that is too long", () => {
    const db = freshDb();
    const insert = db.prepare("INSERT INTO aliases (old_id, new_id, seen_at) VALUES (?, ?, ?)");
    insert.run("a", "b", NOW);
    insert.run("b", "c", NOW);
    expect(resolveId(db, "a")).toBe("c");
    insert.run("x", "y", NOW);
    insert.run("y", "x", NOW);
    expect(resolveId(db, "x")).toBeNull();
    expect(canonicalId(db, "x")).toBe("x");
    for (let i = 0; i <= MAX_ALIAS_HOPS + 1; i++) insert.run(`long${i}`, `long${i + 1}`, NOW);
    expect(resolveId(db, "long0")).toBeNull();
  });
});

describe("recordAlias", () => {
  it("moves the old id's edges, model row and tracking to the new id", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("old/m", { likes: 5 }), modelRecord("kid/a")], NOW);
    trackFamily(db, "old/m", "seed", NOW);
    setParents(db, "old/m", "tag", [link("base/b", "finetune")], NOW);
    setParents(db, "kid/a", "tag", [link("old/m", "adapter")], NOW);
    recordAlias(db, "old/m", "new/m", LATER);
    expect(getModel(db, "old/m")).toBeNull();
    expect(getModel(db, "new/m")?.likes).toBe(5);
    expect(getParents(db, "new/m").map((e) => [e.parent, e.firstSeen])).toEqual([["base/b", NOW]]);
    expect(getChildren(db, "new/m").map((e) => e.child)).toEqual(["kid/a"]);
    expect(getChildren(db, "old/m")).toEqual([]);
    expect(listTrackedFamilies(db).map((t) => t.id)).toEqual(["new/m"]);
  });

  it("maps later writes of the old id through the alias", () => {
    const db = freshDb();
    recordAlias(db, "old/m", "new/m", NOW);
    setParents(db, "kid/a", "tag", [link("OLD/m", "finetune")], NOW);
    expect(getParents(db, "kid/a").map((e) => e.parent)).toEqual(["new/m"]);
  });

  it("merges with edges the new id already has, keeping the earliest first_seen", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("old/m"), modelRecord("new/m", { likes: 9 })], NOW);
    setParents(db, "kid/a", "tag", [link("new/m", "finetune")], LATER);
    db.prepare("INSERT INTO edges VALUES ('old/m', 'kid/a', 'tag', 'finetune', 1, NULL, ?, ?)").run(NOW, NOW);
    recordAlias(db, "old/m", "new/m", LATER);
    expect(getParents(db, "kid/a").map((e) => [e.parent, e.firstSeen, e.lastSeen])).toEqual([["new/m", NOW, LATER]]);
    expect(getModel(db, "new/m")?.likes).toBe(9);
    expect(getModel(db, "old/m")).toBeNull();
  });

  it("handles a model renamed back to its first name", () => {
    const db = freshDb();
    recordAlias(db, "a/one", "a/two", NOW);
    recordAlias(db, "a/two", "a/one", LATER);
    expect(resolveId(db, "a/two")).toBe("a/one");
    expect(canonicalId(db, "a/one")).toBe("a/one");
  });

  it("ignores a change of case only", () => {
    const db = freshDb();
    recordAlias(db, "org/model", "Org/Model", NOW);
    expect(db.prepare("SELECT count(*) FROM aliases").pluck().get()).toBe(0);
  });
});
