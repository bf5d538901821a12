// Tests of what a model's own id says about its parent.
import {
  guessParentIds,
  guessQuantizedFamilyMember,
  hasQuantSuffix,
  readFamilyInOwnName,
  readOwnName,
} from "../../../lineage/infer/infer-own-name";

describe("readOwnName", () => {
  it("reads a quantizer's suffix as a quantization of the same name, under any owner", () => {
    expect(readOwnName("TheBloke/Llama-2-7B-Chat-GGUF", "meta-llama/Llama-2-7b-chat-hf")).toMatchObject({
      relation: "quantized",
      weight: 0.6,
    });
    expect(readOwnName("org/Model-7B-Instruct-GPTQ-Int4", "org/Model-7B-Instruct")).toMatchObject({
      relation: "quantized",
    });
    expect(readOwnName("unsloth/Llama-3.2-1B-bnb-4bit", "meta-llama/Llama-3.2-1B")).toMatchObject({
      relation: "quantized",
    });
  });

  it("reads an instruct sibling of the same owner as a fine-tune of the base", () => {
    expect(readOwnName("Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B")).toMatchObject({
      relation: "finetune",
      weight: 0.5,
    });
    expect(readOwnName("Qwen/Qwen2.5-7B-Instruct", "other/Qwen2.5-7B")).toBeNull();
    // A quantization's grandparent is not its parent.
    expect(readOwnName("Qwen/Qwen2.5-7B-Instruct-AWQ", "Qwen/Qwen2.5-7B")).toBeNull();
  });

  it("reads the same name under another owner as a weak hint, and unrelated names as nothing", () => {
    expect(readOwnName("mirror/Model-7B", "org/Model-7B")).toMatchObject({ relation: null, weight: 0.45 });
    expect(readOwnName("org/Model-7B-GGUF", "org/Model-13B")).toBeNull();
  });
});

describe("guessParentIds", () => {
  it("proposes the stem under the same owner", () => {
    expect(guessParentIds("Qwen/Qwen2-7B-Instruct-AWQ")).toEqual(["Qwen/Qwen2-7B-Instruct"]);
    expect(guessParentIds("Qwen/Qwen2-7B-Instruct")).toEqual(["Qwen/Qwen2-7B"]);
    expect(guessParentIds("org/plain-model")).toEqual([]);
    expect(guessParentIds("roberta-large")).toEqual([]);
  });
});

describe("hasQuantSuffix", () => {
  it.each([
    ["x/y-GGUF", true],
    ["x/y-AWQ", true],
    ["x/y-4bit-128g", true],
    ["x/y-onnx", true],
    ["x/y-7B", false],
    ["x/gguf-tools", false],
  ])("%s -> %s", (id, expected) => {
    expect(hasQuantSuffix(id)).toBe(expected);
  });
});

describe("readFamilyInOwnName", () => {
  const read = (id: string): [string, number] | null => {
    const found = readFamilyInOwnName(id);
    return found === null ? null : [found.id, found.finding.weight];
  };

  it("reads a family and its size in the own name, the chat sibling when the name says so", () => {
    // teknium/OpenHermes-2.5-Mistral-7B declares mistralai/Mistral-7B-v0.1 and says so only as "Mistral 7B".
    expect(read("teknium/OpenHermes-2.5-Mistral-7B")).toEqual(["mistralai/Mistral-7B-v0.1", 0.3]);
    expect(read("someone/Llama-2-7b-chat-finetune")).toEqual(["meta-llama/Llama-2-7b-chat-hf", 0.3]);
    expect(read("someone/fine_tuned_llama_2_7b_chat_okvqa")).toEqual(["meta-llama/Llama-2-7b-chat-hf", 0.3]);
    expect(read("unsloth/Llama-3.2-1B-Instruct")).toEqual(["meta-llama/Llama-3.2-1B-Instruct", 0.3]);
  });

  it("weighs less a name that does not say base or chat of a family that has both", () => {
    expect(read("someone/llama-2-7b-pubmed-qa")).toEqual(["meta-llama/Llama-2-7b-hf", 0.2]);
  });

  it("says nothing for a quantizer's name, a family without a size, or the member itself", () => {
    expect(read("TheBloke/Llama-2-7B-GGUF")).toBeNull();
    expect(read("someone/llama2-medical")).toBeNull();
    expect(read("mistralai/Mistral-7B-v0.1")).toBeNull();
    expect(read("someone/my-model")).toBeNull();
  });
});

describe("guessQuantizedFamilyMember", () => {
  it("finds the family checkpoint a quantizer's name repeats whole, under its former id when it was renamed", () => {
    // unsloth/Llama-3.2-3B-bnb-4bit declares meta-llama/Llama-3.2-3B.
    expect(guessQuantizedFamilyMember("unsloth/Llama-3.2-3B-bnb-4bit")).toBe("meta-llama/Llama-3.2-3B");
    expect(guessQuantizedFamilyMember("unsloth/Meta-Llama-3.1-8B-bnb-4bit")).toBe("meta-llama/Meta-Llama-3.1-8B");
  });

  it("says nothing for a name that is not a quantizer's, or whose stem is a fine-tune's name", () => {
    expect(guessQuantizedFamilyMember("unsloth/Llama-3.2-3B")).toBeNull();
    expect(guessQuantizedFamilyMember("TheBloke/Llama-2-7B-Chat-Medical-GGUF")).toBeNull();
  });
});
