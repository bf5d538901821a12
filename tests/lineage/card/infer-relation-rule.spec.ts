// Unit tests of inferRelationRule, the documented rule used when a card gives no base_model_relation.
import { inferRelationRule } from "../../../lineage/card/infer-relation-rule";

describe("inferRelationRule", () => {
  it("calls several parents a merge, before any marker", () => {
    expect(inferRelationRule({ parentCount: 2 })).toBe("merge");
    expect(inferRelationRule({ parentCount: 3, tags: ["gguf"], libraryName: "peft" })).toBe("merge");
  });

  it("calls one parent without markers a finetune", () => {
    expect(inferRelationRule({ parentCount: 1 })).toBe("finetune");
    expect(
      inferRelationRule({
        parentCount: 1,
        tags: ["text-generation", "trl", "sft"],
        libraryName: "transformers",
        id: "org/chat-7b",
      }),
    ).toBe("finetune");
  });

  it.each([
    [{ tags: ["gguf"] }],
    [{ tags: ["GPTQ"] }],
    [{ tags: ["4-bit", "bitsandbytes"] }],
    [{ libraryName: "gguf" }],
    [{ id: "TheBloke/Llama-2-7B-GGUF" }],
    [{ id: "org/model-AWQ" }],
    [{ id: "turboderp/Mixtral-8x7B-instruct-exl2" }],
    [{ id: "unsloth/llama-3-8b-bnb-4bit" }],
    [{ id: "mlx-community/Meta-Llama-3-8B-Instruct-4bit" }],
    [{ id: "org/model-8bit" }],
    [{ hasQuantizedBy: true }],
  ])("finds a quantization marker in %j", (clues) => {
    expect(inferRelationRule({ parentCount: 1, ...clues })).toBe("quantized");
  });

  it.each([
    [{ libraryName: "peft" }],
    [{ tags: ["lora"] }],
    [{ tags: ["qlora"] }],
    [{ libraryName: "adapter-transformers" }],
    [{ id: "org/phi-2-adapter" }],
    [{ id: "org/cabrita-lora-v0-1" }],
  ])("finds an adapter marker in %j", (clues) => {
    expect(inferRelationRule({ parentCount: 1, ...clues })).toBe("adapter");
  });

  it("prefers quantized over adapter and merge markers (a GGUF of a merge is a quantization)", () => {
    expect(
      inferRelationRule({ parentCount: 1, tags: ["mergekit", "merge", "lora"], id: "org/merged-model-GGUF" }),
    ).toBe("quantized");
  });

  it("calls one parent with a merge marker a merge (a self-merge lists its single parent)", () => {
    expect(inferRelationRule({ parentCount: 1, tags: ["merge", "mergekit"] })).toBe("merge");
  });

  it("matches whole words only", () => {
    // "flora" is not "lora", "ggufy" is not "gguf", "1bit" is outside the 2-8 bit widths, "awqward" is not "awq".
    expect(inferRelationRule({ parentCount: 1, id: "org/flora-ggufy-1bit-awqward" })).toBe("finetune");
  });

  it("ignores namespaced tags, which name other repos", () => {
    const tags = [
      "base_model:unsloth/qwen2.5-0.5b-unsloth-bnb-4bit",
      "base_model:finetune:org/model-GGUF",
      "dataset:org/lora-data",
    ];
    expect(inferRelationRule({ parentCount: 1, tags, libraryName: "transformers", id: "someone/qwen-chat" })).toBe(
      "finetune",
    );
  });
});
