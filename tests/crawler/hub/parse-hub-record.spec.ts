// Tests of parseHubRecord: model fields and parents from Hub model records, inline cases first, then the real
// records of ../shared/hub-data (api-responses cassettes and the trees crawl), skipped loudly when it is absent.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { normalizeBaseModels } from "../../../lineage/card/normalize-base-models";
import { parseHubRecord } from "../../../crawler/hub/parse-hub-record";
import { describeWithHubData, HUB_DATA } from "../../helpers/hub-data";

/** A record shaped like the single-model route's answer for deepset/roberta-base-squad2 (trimmed). */
const SQUAD_RECORD = {
  _id: "621ffdc136468d709f17a5fd",
  id: "deepset/roberta-base-squad2",
  private: false,
  pipeline_tag: "question-answering",
  library_name: "transformers",
  tags: [
    "transformers",
    "roberta",
    "base_model:FacebookAI/roberta-base",
    "base_model:finetune:FacebookAI/roberta-base",
    "license:cc-by-4.0",
  ],
  downloads: 1801802,
  likes: 842,
  author: "deepset",
  sha: "adc3b06f79f797d1c575d5479d6f5efe54a9e3b4",
  lastModified: "2024-09-24T15:48:47.000Z",
  gated: false,
  cardData: { license: "cc-by-4.0", base_model: ["FacebookAI/roberta-base"] },
  createdAt: "2022-03-02T23:29:05.000Z",
};

function kinds(result: { problems: { kind: string }[] }): string[] {
  return result.problems.map((p) => p.kind);
}

describe("parseHubRecord", () => {
  it("maps the kept fields", () => {
    expect(parseHubRecord(SQUAD_RECORD).model).toEqual({
      id: "deepset/roberta-base-squad2",
      author: "deepset",
      createdAt: "2022-03-02T23:29:05.000Z",
      lastModified: "2024-09-24T15:48:47.000Z",
      downloads: 1801802,
      likes: 842,
      pipelineTag: "question-answering",
      libraryName: "transformers",
      license: "cc-by-4.0",
      gated: false,
      private: false,
      sha: "adc3b06f79f797d1c575d5479d6f5efe54a9e3b4",
    });
  });

  it("gives one parent for a typed tag and its bare twin", () => {
    expect(parseHubRecord(SQUAD_RECORD)).toMatchObject({
      parents: [{ id: "FacebookAI/roberta-base", relation: "finetune", source: "tag", confidence: 1 }],
      problems: [],
    });
  });

  it("gives a parent of unknown relation for a bare tag without a typed twin", () => {
    const result = parseHubRecord({ id: "org/child", tags: ["base_model:org/base", "base_model:quantized:org/other"] });
    expect(result.parents).toEqual([
      { id: "org/other", relation: "quantized", source: "tag", confidence: 1 },
      { id: "org/base", relation: null, source: "tag", confidence: 1 },
    ]);
  });

  it("pairs a bare tag with its typed twin case-insensitively", () => {
    const result = parseHubRecord({ id: "org/child", tags: ["base_model:Org/Base", "base_model:adapter:org/base"] });
    expect(result.parents).toEqual([{ id: "org/base", relation: "adapter", source: "tag", confidence: 1 }]);
  });

  it("gives every parent of a merge", () => {
    const tags = ["base_model:a/one", "base_model:b/two", "base_model:merge:a/one", "base_model:merge:b/two"];
    expect(parseHubRecord({ id: "org/merged", tags }).parents.map((p) => [p.id, p.relation])).toEqual([
      ["a/one", "merge"],
      ["b/two", "merge"],
    ]);
  });

  it("prefers the Hub's tags over cardData when it has both", () => {
    const record = {
      id: "org/child",
      tags: ["base_model:finetune:org/tagged"],
      cardData: { base_model: "org/carded" },
    };
    expect(parseHubRecord(record).parents.map((p) => p.id)).toEqual(["org/tagged"]);
  });

  it("falls back to cardData when there is no base_model tag", () => {
    const record = {
      id: "org/child",
      tags: ["transformers"],
      cardData: { base_model: ["org/a", "org/b"], base_model_relation: "merge" },
    };
    expect(parseHubRecord(record).parents).toEqual([
      { id: "org/a", relation: "merge", source: "card", confidence: 1 },
      { id: "org/b", relation: "merge", source: "card", confidence: 1 },
    ]);
  });

  it("applies the relation rule to a cardData parent, with the record's tags, library and id as markers", () => {
    const single = { cardData: { base_model: "org/base" } };
    expect(parseHubRecord({ id: "org/child", ...single }).parents[0].relation).toBe("finetune");
    expect(parseHubRecord({ id: "org/child-GGUF", ...single }).parents[0].relation).toBe("quantized");
    expect(parseHubRecord({ id: "org/child", tags: ["gguf"], ...single }).parents[0].relation).toBe("quantized");
    expect(parseHubRecord({ id: "org/child", library_name: "peft", ...single }).parents[0].relation).toBe("adapter");
  });

  it("reads cardData given as a YAML string, as the Python client saves it", () => {
    const record = {
      id: "org/child",
      card_data: "base_model: org/base\nnew_version: org/child-v2\nlicense: mit",
      tags: [],
    };
    expect(parseHubRecord(record)).toMatchObject({
      parents: [{ id: "org/base", relation: "finetune", source: "card" }],
      newVersion: "org/child-v2",
      model: { license: "mit" },
    });
    expect(kinds(parseHubRecord({ id: "org/x", cardData: "- not\n- a mapping" }))).toEqual(["invalid-card-data"]);
  });

  it("gives no parent when nothing declares one", () => {
    expect(parseHubRecord({ id: "org/root", tags: ["transformers"], cardData: { license: "mit" } })).toMatchObject({
      parents: [],
      newVersion: null,
      problems: [],
    });
  });

  it("keeps new_version apart from the parents", () => {
    const result = parseHubRecord({ id: "org/v1", tags: ["base_model:org/base"], cardData: { new_version: "org/v2" } });
    expect(result.newVersion).toBe("org/v2");
    expect(result.parents.map((p) => p.id)).toEqual(["org/base"]);
  });

  it("records a non-object as a problem, never a throw", () => {
    for (const value of [
      null,
      undefined,
      42,
      "Temporary Redirect. Redirecting to /api/models/google-bert/bert-base-uncased",
      [SQUAD_RECORD],
    ]) {
      const result = parseHubRecord(value);
      expect(result).toMatchObject({ model: null, parents: [], newVersion: null });
      expect(kinds(result)).toEqual(["invalid-record"]);
    }
  });

  it("records a record without an id, and reads `modelId` when `id` is missing", () => {
    expect(parseHubRecord({ tags: [] })).toMatchObject({ model: null, problems: [{ kind: "invalid-record" }] });
    expect(parseHubRecord({ modelId: "org/old-style" }).model?.id).toBe("org/old-style");
  });

  it("reads createdAt or created_at and writes both as ISO 8601 UTC", () => {
    expect(parseHubRecord({ id: "a/b", createdAt: "2022-03-02T23:29:04.000Z" }).model?.createdAt).toBe(
      "2022-03-02T23:29:04.000Z",
    );
    const python = parseHubRecord({
      id: "a/b",
      created_at: "2023-12-19 16:45:41+00:00",
      last_modified: "2024-08-15 16:52:38+00:00",
    });
    expect(python.model).toMatchObject({
      createdAt: "2023-12-19T16:45:41.000Z",
      lastModified: "2024-08-15T16:52:38.000Z",
    });
    const bad = parseHubRecord({ id: "a/b", createdAt: "yesterday" });
    expect(bad.model?.createdAt).toBeNull();
    expect(kinds(bad)).toEqual(["invalid-date"]);
  });

  it("gives a timestamp in the Hub's spelling as the Date round trip does, impossible dates included", () => {
    const spellings = [
      "2024-02-29T12:00:00.000Z",
      "2023-02-29T12:00:00.000Z",
      "2023-02-30T00:00:00.000Z",
      "1900-02-29T00:00:00.000Z",
      "2000-02-29T23:59:59.999Z",
      "2023-04-31T00:00:00.000Z",
      "2023-12-31T24:00:00.000Z",
      "2023-13-01T00:00:00.000Z",
      "2023-00-10T00:00:00.000Z",
      "2023-06-00T00:00:00.000Z",
      "2023-06-10T10:60:00.000Z",
      "2023-06-10T10:00:60.000Z",
      "0000-01-01T00:00:00.000Z",
    ];
    for (const value of spellings) {
      const time = Date.parse(value);
      const expected = Number.isNaN(time) ? null : new Date(time).toISOString();
      expect({ value, createdAt: parseHubRecord({ id: "a/b", createdAt: value }).model?.createdAt }).toEqual({
        value,
        createdAt: expected,
      });
    }
  });

  it("derives a missing author from the id's owner", () => {
    expect(parseHubRecord({ id: "mlx-community/phi-2" }).model?.author).toBe("mlx-community");
    expect(parseHubRecord({ id: "gpt2" }).model?.author).toBeNull();
  });

  it.each([
    [false, false],
    ["false", false],
    ["auto", "auto"],
    ["manual", "manual"],
    [true, "auto"],
    ["yes", null],
    [undefined, null],
  ])("keeps gated %j as the Hub means it: %j", (wire, gated) => {
    expect(parseHubRecord({ id: "a/b", gated: wire }).model?.gated).toBe(gated);
  });

  it("tolerates missing and mistyped fields", () => {
    const result = parseHubRecord({
      id: "a/b",
      downloads: "12",
      likes: -1,
      private: "no",
      gated: "manual",
      tags: "gguf",
      extra: { x: 1 },
    });
    expect(result.model).toMatchObject({ downloads: null, likes: null, private: null, gated: "manual", license: null });
    expect(result.parents).toEqual([]);
  });

  it("takes the license from the Hub's license: tag, else from cardData", () => {
    expect(parseHubRecord({ id: "a/b", tags: ["license:mit"], cardData: { license: "other" } }).model?.license).toBe(
      "mit",
    );
    expect(parseHubRecord({ id: "a/b", cardData: { license: ["apache-2.0"] } }).model?.license).toBe("apache-2.0");
  });

  it("records base_model tags that name no Hub model or an unknown relation", () => {
    const tags = ["base_model:adapter:/home/me/Qwen-7B-Chat", "base_model:distilled:org/teacher", "base_model:"];
    const result = parseHubRecord({ id: "org/child", tags });
    expect(result.parents).toEqual([{ id: "org/teacher", relation: null, source: "tag", confidence: 1 }]);
    expect(kinds(result)).toEqual(["invalid-base-model-tag", "unknown-relation-tag", "invalid-base-model-tag"]);
  });

  it("drops a self-reference, from tags or cardData", () => {
    const fromTags = parseHubRecord({
      id: "Org/Model",
      tags: ["base_model:org/model", "base_model:finetune:org/model"],
    });
    expect(fromTags.parents).toEqual([]);
    expect(kinds(fromTags)).toEqual(["self-parent"]);
    const fromCard = parseHubRecord({ id: "org/model", cardData: { base_model: "org/model" } });
    expect(fromCard.parents).toEqual([]);
    expect(kinds(fromCard)).toEqual(["self-parent"]);
  });

  it("tags every problem with the model's id", () => {
    const result = parseHubRecord({ id: "org/child", createdAt: "nope", cardData: { base_model: "./local" } });
    expect(result.problems.map((p) => p.modelId)).toEqual(["org/child", "org/child"]);
  });
});

interface Interaction {
  request: { uri: string };
  response: { status: { code: number }; headers: Record<string, string[]>; body: { string: string } };
}

describeWithHubData("parseHubRecord on the recorded /api/models answers of ../shared/hub-data/api-responses", () => {
  // Read in beforeAll: a skipped suite's body still runs, and must not touch the absent folder.
  let interactions: Interaction[] = [];
  beforeAll(() => {
    const dir = join(HUB_DATA, "api-responses");
    interactions = readdirSync(dir)
      .flatMap(
        (name) => (parseYaml(readFileSync(join(dir, name), "utf8")) as { interactions: Interaction[] }).interactions,
      )
      .filter((i) => i.request.uri.startsWith("https://huggingface.co/api/models/"));
  });
  const recordOf = (uri: string) => {
    const found = interactions.find((i) => i.request.uri === uri && i.response.status.code === 200);
    return parseHubRecord(JSON.parse(found!.response.body.string));
  };

  it("holds the exchanges this suite reads", () => {
    expect(interactions.map((i) => i.response.status.code).sort()).toEqual([200, 200, 200, 200, 200, 200, 307, 307]);
  });

  it("reads the typed and bare tags of deepset/roberta-base-squad2, whose cardData lists the same parent", () => {
    const result = recordOf("https://huggingface.co/api/models/deepset/roberta-base-squad2");
    expect(result.parents).toEqual([
      { id: "FacebookAI/roberta-base", relation: "finetune", source: "tag", confidence: 1 },
    ]);
    expect(result.model).toMatchObject({
      author: "deepset",
      createdAt: "2022-03-02T23:29:05.000Z",
      license: "cc-by-4.0",
      gated: false,
    });
    expect(result.problems).toEqual([]);
  });

  it("reads the 307 body of the legacy id as a problem, and the record it redirects to under its new id", () => {
    const redirect = interactions.find((i) => i.response.status.code === 307)!;
    expect(redirect.request.uri).toBe("https://huggingface.co/api/models/bert-base-uncased");
    expect(kinds(parseHubRecord(redirect.response.body.string))).toEqual(["invalid-record"]);

    const target = `https://huggingface.co${redirect.response.headers.Location[0]}`;
    const result = recordOf(target);
    expect(result.model).toMatchObject({
      id: "google-bert/bert-base-uncased",
      author: "google-bert",
      // The Hub's date for every repo older than its creation-date records.
      createdAt: "2022-03-02T23:29:04.000Z",
      license: "apache-2.0",
    });
    expect(result.parents).toEqual([]);
  });

  it("finds no lineage in the stable-diffusion-2-1 root", () => {
    const result = recordOf("https://huggingface.co/api/models/stabilityai/stable-diffusion-2-1");
    expect(result).toMatchObject({
      parents: [],
      problems: [],
      model: { id: "stabilityai/stable-diffusion-2-1", license: "openrail++" },
    });
  });
});

describeWithHubData("parseHubRecord on the records of ../shared/hub-data/trees", () => {
  interface TreeNode {
    model_id: string;
    metadata: string;
    children?: string[];
  }
  const figures = {
    nodes: 0,
    records: 0,
    invalid: 0,
    withParents: 0,
    several: 0,
    problems: 0,
    newVersion: 0,
    relations: {} as Record<string, number>,
    sources: {} as Record<string, number>,
    parentInTree: 0,
    parentNotInTree: 0,
    isoDates: 0,
  };

  beforeAll(() => {
    const dir = join(HUB_DATA, "trees");
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const nodes = (JSON.parse(readFileSync(join(dir, name), "utf8")) as { models: TreeNode[] }).models;
      // The crawl's own parent -> child links (children are Hub URLs), to check the parents read from the tags.
      const treeParents = new Map<string, Set<string>>();
      for (const node of nodes) {
        const parent = normalizeBaseModels(node.model_id).ids[0]?.toLowerCase();
        for (const child of node.children ?? []) {
          const childId = normalizeBaseModels(child).ids[0]?.toLowerCase();
          if (parent && childId) treeParents.set(childId, (treeParents.get(childId) ?? new Set()).add(parent));
        }
      }
      for (const node of nodes) {
        figures.nodes++;
        let record: unknown = node.metadata;
        try {
          record = JSON.parse(node.metadata);
        } catch {
          // ~4% of nodes hold "N/A": the original crawl failed on them. The parser gets the raw string.
        }
        const result = parseHubRecord(record);
        if (result.model === null) {
          figures.invalid++;
          continue;
        }
        figures.records++;
        figures.problems += result.problems.length;
        if (result.newVersion) figures.newVersion++;
        if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(result.model.createdAt ?? "")) figures.isoDates++;
        if (result.parents.length === 0) continue;
        figures.withParents++;
        if (result.parents.length > 1) figures.several++;
        for (const parent of result.parents) {
          figures.relations[String(parent.relation)] = (figures.relations[String(parent.relation)] ?? 0) + 1;
          figures.sources[parent.source] = (figures.sources[parent.source] ?? 0) + 1;
        }
        const known = treeParents.get(result.model.id.toLowerCase());
        if (result.parents.some((p) => known?.has(p.id.toLowerCase()))) figures.parentInTree++;
        else figures.parentNotInTree++;
      }
    }
  });

  it("reads every record and reports the failed crawl's N/A nodes as invalid records", () => {
    expect(figures).toMatchObject({ nodes: 1950, records: 1869, invalid: 81, problems: 0 });
  });

  it("finds the lineage tags of every fine-tune, one finetune parent each", () => {
    expect(figures.withParents).toBe(1859);
    expect(figures.several).toBe(0);
    expect(figures.relations).toEqual({ finetune: 1859 });
    expect(figures.sources).toEqual({ tag: 1859 });
  });

  it("agrees with the crawl's own tree on every parent", () => {
    expect(figures.parentInTree).toBe(1859);
    expect(figures.parentNotInTree).toBe(0);
  });

  it("normalises the Python client's created_at to ISO 8601 and keeps the cards' new_version", () => {
    expect(figures.isoDates).toBe(1869);
    expect(figures.newVersion).toBe(196);
  });
});
