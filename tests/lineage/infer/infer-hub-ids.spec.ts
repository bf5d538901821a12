// Tests of Hub id recognition: owner/name ids, legacy ids, local paths and files, and huggingface.co URL paths.
import {
  foldModelName,
  isHubModelId,
  isLegacyModelId,
  ownerReadsAsModelName,
  parseHubUrlPath,
} from "../../../lineage/infer/infer-hub-ids";

describe("isHubModelId", () => {
  it.each(["meta-llama/Llama-2-7b-hf", "Qwen/Qwen2.5-72B", "01-ai/Yi-34B", "TheBloke/guanaco-65B-HF", "a_b/c.d-e"])(
    "accepts %s",
    (id) => {
      expect(isHubModelId(id)).toBe(true);
    },
  );

  it.each([
    ["a local folder", "models/Qwen2_5-1_5b-Instruct"],
    ["a training output", "outputs/checkpoint-500"],
    ["a Hub section", "datasets/foo"],
    ["a file", "org/model.safetensors"],
    ["a fraction", "1/2"],
    ["a path with three parts", "org/model/extra"],
    ["a trailing dot", "org/model."],
    ["a double dash owner", "a--b/model"],
  ])("rejects %s (%s)", (_what, id) => {
    expect(isHubModelId(id)).toBe(false);
  });
});

describe("ownerReadsAsModelName", () => {
  it("reads owners with a dot or a parameter-size segment as model names", () => {
    expect(["Vista-LM-1.5b-base", "Pine2.5", "Mix-8x7B", "tiny_350m"].every(ownerReadsAsModelName)).toBe(true);
  });

  it("takes account names with digits for owners", () => {
    expect(
      ["01-ai", "team-7", "lab2024", "v000", "unit-1-1-preview", "Sao10K", "speech_samples"].some(
        ownerReadsAsModelName,
      ),
    ).toBe(false);
  });
});

describe("isLegacyModelId", () => {
  it("knows the canonical owner-less checkpoints and nothing else", () => {
    expect(
      ["roberta-large", "gpt2", "bert-base-uncased", "xlm-roberta-base", "distilbert-base-cased"].every(
        isLegacyModelId,
      ),
    ).toBe(true);
    expect(["meta-llama", "None", "bartowski", "robertson"].some(isLegacyModelId)).toBe(false);
  });
});

describe("parseHubUrlPath", () => {
  it("reads the model of a repository page, file or API route", () => {
    expect(parseHubUrlPath("/Qwen/Qwen2.5-7B")).toEqual({ kind: "model", id: "Qwen/Qwen2.5-7B", isFile: false });
    expect(parseHubUrlPath("/Qwen/Qwen2.5-7B/blob/main/LICENSE")).toEqual({
      kind: "model",
      id: "Qwen/Qwen2.5-7B",
      isFile: true,
    });
    expect(parseHubUrlPath("/api/models/some-org/name")).toEqual({ kind: "model", id: "some-org/name", isFile: false });
    expect(parseHubUrlPath("/your-username/your-model")).toEqual({ kind: "other" });
    expect(parseHubUrlPath("/roberta-large")).toEqual({ kind: "model", id: "roberta-large", isFile: false });
    expect(parseHubUrlPath("/some-org/my%20model")).toEqual({ kind: "other" });
  });

  it("tells datasets, spaces, collections and user pages apart from models", () => {
    expect(parseHubUrlPath("/datasets/org/data")).toEqual({ kind: "dataset" });
    expect(parseHubUrlPath("/spaces/org/demo")).toEqual({ kind: "space" });
    expect(parseHubUrlPath("/collections/Qwen/qwen25-66e81a666513e518adb90d9e")).toEqual({ kind: "collection" });
    expect(parseHubUrlPath("/bartowski")).toEqual({ kind: "other" });
    expect(parseHubUrlPath("/docs/hub/model-cards")).toEqual({ kind: "other" });
  });
});

describe("foldModelName", () => {
  it("ignores case, separators and the -hf conversion suffix", () => {
    expect(foldModelName("Llama-2-7b-chat-hf")).toBe(foldModelName("Llama 2 7B Chat"));
    expect(foldModelName("Qwen2.5-7B")).not.toBe(foldModelName("Qwen2.5-72B"));
  });
});
