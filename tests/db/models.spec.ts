// upsertModels, getModel, markListed/getFreshness and markGone.
import { getFreshness, getModel, markGone, markListed, upsertModels } from "../../db/models";
import { InvalidStoreInputError } from "../../db/store-errors";
import { LATER, NOW, freshDb, modelRecord } from "../helpers/db-fixtures";

describe("upsertModels", () => {
  it("stores every kept field and counts new models", () => {
    const db = freshDb();
    expect(
      upsertModels(db, [modelRecord("Org/Model-A", { gated: "manual", private: true }), modelRecord("b")], NOW),
    ).toBe(2);
    expect(getModel(db, "Org/Model-A")).toEqual({
      ...modelRecord("Org/Model-A", { gated: "manual", private: true }),
      newVersion: null,
      fetchedAt: NOW,
      listedAt: null,
      goneAt: null,
    });
  });

  it("is idempotent", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("org/a")], NOW);
    const first = getModel(db, "org/a");
    expect(upsertModels(db, [modelRecord("org/a")], NOW)).toBe(0);
    expect(getModel(db, "org/a")).toEqual(first);
    expect(db.prepare("SELECT count(*) FROM models").pluck().get()).toBe(1);
  });

  it("treats ids case-insensitively and keeps the spelling of the latest record", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("qwen/qwen2.5-72b", { downloads: 1 })], NOW);
    expect(upsertModels(db, [modelRecord("Qwen/Qwen2.5-72B", { downloads: 2 })], LATER)).toBe(0);
    const model = getModel(db, "QWEN/qwen2.5-72B");
    expect(model?.id).toBe("Qwen/Qwen2.5-72B");
    expect(model?.downloads).toBe(2);
    expect(model?.fetchedAt).toBe(LATER);
    // The search index follows the new spelling.
    const hits = db.prepare("SELECT id FROM models_search WHERE models_search MATCH ?").pluck().all('"Qwen2.5"');
    expect(hits).toEqual(["Qwen/Qwen2.5-72B"]);
  });

  it("keeps known fields a later record lacks, and new_version unless it is given", () => {
    const db = freshDb();
    upsertModels(db, [{ ...modelRecord("org/a", { license: "mit" }), newVersion: "org/a-v2" }], NOW);
    upsertModels(db, [modelRecord("org/a", { license: null, likes: 7 })], LATER);
    expect(getModel(db, "org/a")).toMatchObject({ license: "mit", likes: 7, newVersion: "org/a-v2" });
    upsertModels(db, [{ ...modelRecord("org/a"), newVersion: null }], LATER);
    expect(getModel(db, "org/a")?.newVersion).toBeNull();
  });

  it("clears gone_at when the record is read again", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("org/a")], NOW);
    markGone(db, "org/a", NOW);
    expect(getModel(db, "org/a")?.goneAt).toBe(NOW);
    upsertModels(db, [modelRecord("org/a")], LATER);
    expect(getModel(db, "org/a")?.goneAt).toBeNull();
  });

  it("rejects an empty id with a typed error and writes nothing", () => {
    const db = freshDb();
    expect(() => upsertModels(db, [modelRecord("org/ok"), modelRecord("")], NOW)).toThrow(InvalidStoreInputError);
    expect(getModel(db, "org/ok")).toBeNull();
  });
});

describe("getModel", () => {
  it("returns null for an unknown id", () => {
    expect(getModel(freshDb(), "nobody/nothing")).toBeNull();
  });
});

describe("markListed and getFreshness", () => {
  it("records listing times, creating a bare row for a model never fetched", () => {
    const db = freshDb();
    upsertModels(db, [modelRecord("org/a")], NOW);
    markListed(db, ["ORG/A", "org/seed"], LATER);
    expect(getFreshness(db, "org/a")).toEqual({ fetchedAt: NOW, listedAt: LATER });
    expect(getFreshness(db, "org/seed")).toEqual({ fetchedAt: null, listedAt: LATER });
    expect(getFreshness(db, "org/unknown")).toBeNull();
  });
});

describe("markGone", () => {
  it("keeps the first date the model was found gone", () => {
    const db = freshDb();
    markGone(db, "org/a", NOW);
    markGone(db, "org/a", LATER);
    expect(getModel(db, "org/a")).toMatchObject({ goneAt: NOW, fetchedAt: null });
  });
});
