// createModelSearcher: prefix and substring matches, ranking, short queries, and query text taken literally.
import type { Db } from "../../../db/open-database";
import { createModelSearcher } from "../../../db/queries/search";
import { buildLineageDb } from "../../helpers/lineage-db";

describe("createModelSearcher", () => {
  let db: Db;
  afterEach(() => db.close());

  function build() {
    return buildLineageDb(
      [
        { id: "Qwen/Qwen2.5-7B", downloads: 100 },
        { id: "someone/Qwen2.5-7B-lora", downloads: 5 },
        { id: "other/my-qwen2.5-merge", downloads: 1000 },
        { id: "big/base-qwen2.5-x", downloads: 1 },
        { id: "weird/100%_done", downloads: 1 },
        { id: "weird/100-percent", downloads: 1 },
        { id: "ab/cd", downloads: 1 },
      ],
      [
        "Qwen/Qwen2.5-7B someone/Qwen2.5-7B-lora adapter",
        "big/base-qwen2.5-x weird/100-percent finetune",
        "big/base-qwen2.5-x ab/cd finetune",
      ],
    );
  }

  it("ranks the exact id first, then prefix matches by descendants, then other matches", () => {
    db = build();
    const search = createModelSearcher(db);
    expect(search("qwen2.5", { includeInferred: false, limit: 10 }).map((h) => [h.id, h.isPrefix])).toEqual([
      ["Qwen/Qwen2.5-7B", true],
      ["someone/Qwen2.5-7B-lora", true],
      ["big/base-qwen2.5-x", false],
      ["other/my-qwen2.5-merge", false],
    ]);
    expect(search("someone/qwen2.5-7b-lora", { includeInferred: false, limit: 10 })[0].id).toBe(
      "someone/Qwen2.5-7B-lora",
    );
  });

  it("answers queries too short for the trigram index with id prefixes, and name prefixes of families", () => {
    db = build();
    const search = createModelSearcher(db);
    expect(search("ab", { includeInferred: false, limit: 10 }).map((h) => h.id)).toEqual(["ab/cd"]);
    // A name prefix is found among models with descendants only (no index covers the name part of every id).
    expect(search("ba", { includeInferred: false, limit: 10 }).map((h) => h.id)).toEqual(["big/base-qwen2.5-x"]);
    expect(search("cd", { includeInferred: false, limit: 10 })).toEqual([]);
    expect(search("Qw", { includeInferred: false, limit: 10 }).map((h) => h.id)).toEqual(["Qwen/Qwen2.5-7B"]);
  });

  it("treats spaces, dashes, dots and underscores in the query and the ids alike", () => {
    db = buildLineageDb(
      [
        { id: "meta-llama/Llama-2-7b-hf", downloads: 50 },
        { id: "someone/llama_2_13b.chat", downloads: 5 },
        { id: "other/my.llama.2-merge", downloads: 1 },
        { id: "other/llamax2", downloads: 1 },
        { id: "other/llama-3-8b", downloads: 1 },
      ],
      ["meta-llama/Llama-2-7b-hf other/my.llama.2-merge finetune"],
    );
    const search = createModelSearcher(db);
    const ids = (q: string) => search(q, { includeInferred: false, limit: 10 }).map((h) => h.id);
    const llama2 = ["meta-llama/Llama-2-7b-hf", "other/my.llama.2-merge", "someone/llama_2_13b.chat"];
    for (const q of ["llama 2", "Llama-2", "llama.2", "llama_2", "llama  -  2"]) {
      expect([...ids(q)].sort()).toEqual(llama2);
    }
    // Prefix matches still rank first, and a name prefix counts whatever its separators.
    expect(search("llama 2 13b", { includeInferred: false, limit: 10 }).map((h) => [h.id, h.isPrefix])).toEqual([
      ["someone/llama_2_13b.chat", true],
    ]);
    expect(ids("meta llama/llama 2 7b hf")).toEqual(["meta-llama/Llama-2-7b-hf"]);
  });

  it("takes %, _, quotes and FTS syntax literally", () => {
    db = build();
    const search = createModelSearcher(db);
    expect(search("100%_", { includeInferred: false, limit: 10 }).map((h) => h.id)).toEqual(["weird/100%_done"]);
    for (const hostile of ['"', "' OR 1=1 --", "qwen* OR x", "NEAR(a b)", '"); DROP TABLE models; --', "%", "_"]) {
      expect(() => search(hostile, { includeInferred: false, limit: 10 })).not.toThrow();
    }
    expect(search("%", { includeInferred: false, limit: 10 })).toEqual([]);
  });
});
