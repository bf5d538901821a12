// Unit tests of normalizeBaseModels: which declared base_model values become Hub ids, and why the rest are dropped.
import { normalizeBaseModels } from "../../../lineage/card/normalize-base-models";

describe("normalizeBaseModels", () => {
  it("takes a string or a list", () => {
    expect(normalizeBaseModels("org/model").ids).toEqual(["org/model"]);
    expect(normalizeBaseModels(["org/a", "org/b"]).ids).toEqual(["org/a", "org/b"]);
  });

  it("keeps legacy one-part ids", () => {
    expect(normalizeBaseModels(["roberta-large", "gpt2"])).toEqual({ ids: ["roberta-large", "gpt2"], dropped: [] });
  });

  it.each([
    ["https://huggingface.co/org/model", "org/model"],
    ["http://huggingface.co/org/model/", "org/model"],
    ["https://www.huggingface.co/org/model", "org/model"],
    ["https://hf.co/org/model", "org/model"],
    ["huggingface.co/org/model", "org/model"],
    ["hf.co/org/model/", "org/model"],
    ["https://huggingface.co/org/model/tree/main", "org/model"],
    ["https://huggingface.co/org/model/blob/main/README.md", "org/model"],
    ["https://huggingface.co/org/model?library=transformers#top", "org/model"],
    ["https://huggingface.co/bert-base-uncased", "bert-base-uncased"],
    ["org/model/", "org/model"],
    ["org/model/tree/v1.0", "org/model"],
    ["  org/model  ", "org/model"],
  ])("turns %j into %j", (value, id) => {
    expect(normalizeBaseModels(value)).toEqual({ ids: [id], dropped: [] });
  });

  it.each([
    "/home/user/checkpoints/llama",
    "./outputs/checkpoint-500",
    "../merged",
    "~/models/base",
    ".cache/model",
    "models/Qwen2_5-1_5b-Instruct",
    "datasets/some-data",
    "C:\\Users\\bob\\model",
    "D:/Huggingface/hub/models--org--name",
    "c:model",
    "\\\\server\\share\\model",
    "outputs/run-1/checkpoint-500",
  ])("drops the local path %j", (value) => {
    expect(normalizeBaseModels(value)).toEqual({ ids: [], dropped: [{ value, reason: "local-path" }] });
  });

  it("keeps a two-part value whose owner is not a Hub route: the crawler checks it exists", () => {
    expect(normalizeBaseModels("outputs/model").ids).toEqual(["outputs/model"]);
  });

  it.each([
    "https://github.com/org/repo",
    "https://civitai.com/models/1234",
    "ftp://huggingface.co/org/model",
    "s3://bucket/model",
  ])("drops the URL to another site %j", (value) => {
    expect(normalizeBaseModels(value)).toEqual({ ids: [], dropped: [{ value, reason: "foreign-url" }] });
  });

  it.each([
    "https://huggingface.co/datasets/org/data",
    "https://huggingface.co/models/org/model",
    "https://huggingface.co/spaces/org/app",
    "org/model name",
    "org/model--x",
    "org/..",
    "-org/model",
    "org/model.git",
    "org/model@main",
  ])("drops %j, which cannot be a Hub model id", (value) => {
    expect(normalizeBaseModels(value)).toEqual({ ids: [], dropped: [{ value, reason: "invalid-id" }] });
  });

  it("drops empty values silently: they declare nothing", () => {
    expect(normalizeBaseModels([])).toEqual({ ids: [], dropped: [] });
    expect(normalizeBaseModels(["", "   ", "None", "null", null, undefined])).toEqual({ ids: [], dropped: [] });
    expect(normalizeBaseModels(null)).toEqual({ ids: [], dropped: [] });
  });

  it("drops values that are not strings, with the reason", () => {
    expect(normalizeBaseModels([42, { id: "org/x" }, ["org/y"], true])).toEqual({
      ids: [],
      dropped: [
        { value: 42, reason: "not-a-string" },
        { value: { id: "org/x" }, reason: "not-a-string" },
        { value: ["org/y"], reason: "not-a-string" },
        { value: true, reason: "not-a-string" },
      ],
    });
  });

  it("dedupes case-insensitively and keeps the first spelling", () => {
    const value = ["Org/Model", "org/model", "https://huggingface.co/ORG/MODEL", "org/other", "Org/Model"];
    expect(normalizeBaseModels(value).ids).toEqual(["Org/Model", "org/other"]);
  });

  it("keeps the order given, dropping only the bad entries", () => {
    const value = ["a/one", "/tmp/x", "b/two", "https://example.com/x", "c/three"];
    const result = normalizeBaseModels(value);
    expect(result.ids).toEqual(["a/one", "b/two", "c/three"]);
    expect(result.dropped.map((d) => d.reason)).toEqual(["local-path", "foreign-url"]);
  });
});
