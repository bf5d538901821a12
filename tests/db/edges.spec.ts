// setParents, getParents and getChildren: declared and inferred edges per source.
import { getChildren, getParents, setParents } from "../../db/edges";
import { upsertModels } from "../../db/models";
import { InvalidStoreInputError } from "../../db/store-errors";
import type { Relation } from "../../lineage/types";
import { LATER, NOW, freshDb, link, modelRecord } from "../helpers/db-fixtures";

describe("setParents", () => {
  it("stores edges to parents that are not stored models", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("org/child")], NOW);
    expect(setParents(db, "org/child", "tag", [link("base/never-crawled", "finetune")], NOW)).toEqual({
      added: 1,
      removed: 0,
      changed: 0,
    });
    expect(getParents(db, "org/child")).toEqual([
      {
        parent: "base/never-crawled",
        child: "org/child",
        relation: "finetune",
        source: "tag",
        confidence: 1,
        evidence: [],
        firstSeen: NOW,
        lastSeen: NOW,
      },
    ]);
    expect(getChildren(db, "BASE/never-crawled").map((e) => e.child)).toEqual(["org/child"]);
  });

  it("replaces the set of one source, keeping first_seen of pairs kept and leaving other sources alone", () => {
    const db = freshDb();
    setParents(db, "c", "tag", [link("p1", "finetune"), link("p2", "adapter")], NOW);
    setParents(
      db,
      "c",
      "inferred",
      [{ ...link("p9", "finetune", "inferred", 0.7), evidence: [{ kind: "prose", text: "built on p9" }] }],
      NOW,
    );
    expect(setParents(db, "c", "tag", [link("P1", "quantized"), link("p3", null)], LATER)).toEqual({
      added: 1,
      removed: 1,
      changed: 1,
    });
    const parents = getParents(db, "c", { includeInferred: true });
    expect(parents.map((e) => [e.parent, e.source, e.relation, e.firstSeen, e.lastSeen])).toEqual([
      ["p1", "tag", "quantized", NOW, LATER],
      ["p3", "tag", null, LATER, LATER],
      ["p9", "inferred", "finetune", NOW, NOW],
    ]);
    expect(parents[2].evidence).toEqual([{ kind: "prose", text: "built on p9" }]);
    expect(getParents(db, "c").map((e) => e.parent)).toEqual(["p1", "p3"]);
  });

  it("is idempotent: the same set again changes nothing but last_seen", () => {
    const db = freshDb();
    setParents(db, "c", "card", [link("p", "merge", "card"), link("q", "merge", "card")], NOW);
    expect(setParents(db, "c", "card", [link("p", "merge", "card"), link("q", "merge", "card")], LATER)).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
    });
    expect(getParents(db, "c").map((e) => [e.firstSeen, e.lastSeen])).toEqual([
      [NOW, LATER],
      [NOW, LATER],
    ]);
  });

  it("counts a parent repeated in another case once", () => {
    const db = freshDb();
    expect(setParents(db, "c", "tag", [link("Org/P", "finetune"), link("org/p", "adapter")], NOW).added).toBe(1);
    expect(getParents(db, "c").map((e) => [e.parent, e.relation])).toEqual([["Org/P", "finetune"]]);
  });

  it("stores a self-loop and a cycle as given", () => {
    const db = freshDb();
    setParents(db, "a", "tag", [link("a", "finetune"), link("b", "finetune")], NOW);
    setParents(db, "b", "tag", [link("a", "finetune")], NOW);
    expect(getParents(db, "a").map((e) => e.parent)).toEqual(["a", "b"]);
    expect(getChildren(db, "a").map((e) => e.child)).toEqual(["a", "b"]);
  });

  it("an empty set deletes the source's edges", () => {
    const db = freshDb();
    setParents(db, "c", "tag", [link("p", "finetune")], NOW);
    expect(setParents(db, "c", "tag", [], LATER)).toEqual({ added: 0, removed: 1, changed: 0 });
    expect(getParents(db, "c")).toEqual([]);
  });

  it.each([
    ["an empty parent id", link("", "finetune")],
    ["a link of another source", link("p", "finetune", "card")],
    ["an unknown relation", link("p", "distilled" as Relation)],
    ["a confidence above 1", link("p", "finetune", "tag", 2)],
    ["a confidence that is not a number", link("p", "finetune", "tag", Number.NaN)],
  ])("rejects %s with a typed error and writes nothing", (_name, bad) => {
    const db = freshDb();
    expect(() => setParents(db, "c", "tag", [link("ok", "finetune"), bad], NOW)).toThrow(InvalidStoreInputError);
    expect(getParents(db, "c")).toEqual([]);
  });
});

describe("getParents and getChildren", () => {
  it("list a pair's sources with the winning source first", () => {
    const db = freshDb();
    setParents(db, "c", "inferred", [link("p", "adapter", "inferred", 0.6)], NOW);
    setParents(db, "c", "card", [link("p", "finetune", "card")], NOW);
    setParents(db, "c", "tag", [link("p", "finetune")], NOW);
    expect(getParents(db, "c", { includeInferred: true }).map((e) => e.source)).toEqual(["tag", "card", "inferred"]);
    expect(getChildren(db, "p", { includeInferred: false }).map((e) => e.source)).toEqual(["tag", "card"]);
  });
});
