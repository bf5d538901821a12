// Tests of the family table: resolving a family named without a size, sizes from configs and text.
import {
  FAMILY_MEMBER_IDS,
  FORMER_FAMILY_IDS,
  MODEL_FAMILIES,
  resolveFamily,
  sizesFromConfig,
  sizesInName,
  sizesInParameterPhrases,
  sizesInProse,
  type ModelFamily,
  type SizeClues,
} from "../../../lineage/infer/infer-families";

function family(name: string): ModelFamily {
  const found = MODEL_FAMILIES.find((f) => f.name === name);
  if (!found) throw new Error(`no family ${name}`);
  return found;
}

const NONE: SizeClues = { ownName: [], parameterPhrases: [], configByFamily: new Map(), prose: [] };

describe("resolveFamily", () => {
  it("takes a size written with the name, and the instruct sibling when the name says so", () => {
    expect(resolveFamily(family("Qwen2.5"), "-72B model", NONE)?.id).toBe("Qwen/Qwen2.5-72B");
    expect(resolveFamily(family("Llama 2"), " 7B Chat, tuned", NONE)?.id).toBe("meta-llama/Llama-2-7b-chat-hf");
  });

  it("picks the size the clues single out, in order of trust", () => {
    const clues: SizeClues = {
      ownName: [],
      parameterPhrases: ["72B"],
      configByFamily: new Map(),
      prose: ["7B", "72B"],
    };
    expect(resolveFamily(family("Qwen2.5"), " model", clues)).toMatchObject({
      id: "Qwen/Qwen2.5-72B",
      certainty: 0.85,
    });
    expect(resolveFamily(family("Qwen2.5"), " model", { ...clues, ownName: ["14B"] })).toMatchObject({
      id: "Qwen/Qwen2.5-14B",
      certainty: 0.9,
    });
  });

  it("gives up when several members remain or the name goes on with an unknown variant", () => {
    expect(resolveFamily(family("Qwen2.5"), " model", { ...NONE, prose: ["7B", "14B"] })).toBeNull();
    expect(resolveFamily(family("Qwen2.5"), "-7B-Coder-Instruct", NONE)).toBeNull();
    expect(resolveFamily(family("Llama 3"), "-8B", NONE)?.id).toBe("meta-llama/Meta-Llama-3-8B");
    expect(resolveFamily(family("Llama 3"), "-13B", NONE)).toBeNull();
  });

  it("resolves a one-member family without a size", () => {
    expect(resolveFamily(family("Stable Diffusion XL"), " base", NONE)).toMatchObject({
      id: "stabilityai/stable-diffusion-xl-base-1.0",
      certainty: 1,
    });
  });
});

describe("family patterns", () => {
  const named = (text: string): string[] =>
    MODEL_FAMILIES.filter((f) => new RegExp(f.pattern.source, "i").test(text)).map((f) => f.name);

  it("names the right family and not its specialised siblings", () => {
    expect(named("Qwen2.5-72B")).toEqual(["Qwen2.5"]);
    expect(named("Qwen2.5-Coder-7B")).toEqual([]);
    expect(named("Qwen2-VL-7B")).toEqual([]);
    expect(named("gemma-7b")).toEqual(["Gemma"]);
    expect(named("gemma-2-9b")).toEqual(["Gemma 2"]);
    expect(named("Llama 3.1 8B")).toEqual(["Llama 3.1"]);
  });
});

describe("sizes", () => {
  it("reads sizes from a config's dimensions, checking the model type", () => {
    expect(sizesFromConfig({ model_type: "qwen2", hidden_size: 8192, num_hidden_layers: 80 })).toEqual(
      new Map([
        ["Qwen2.5", ["72B"]],
        ["Qwen2", ["72B"]],
      ]),
    );
    expect(
      sizesFromConfig({ model_type: "llama", hidden_size: 4096, num_hidden_layers: 32, vocab_size: 32000 }),
    ).toEqual(new Map([["Llama 2", ["7B"]]]));
    expect(sizesFromConfig({ model_type: "gpt2", hidden_size: 8192, num_hidden_layers: 80 }).size).toBe(0);
    expect(sizesFromConfig({ hidden_size: "big" }).size).toBe(0);
  });

  it("reads sizes from names, parameter phrases and prose", () => {
    expect(sizesInName("Llama-3-Korean-Bllossom-70B")).toEqual(["70B"]);
    expect(sizesInName("qwen2.5-0.5b-instruct")).toEqual(["0.5B"]);
    expect(sizesInParameterPhrases("a 72B-parameter model and 7 billion parameters")).toEqual(["72B", "7B"]);
    expect(sizesInProse("7B and 14B, not 3b")).toEqual(["7B", "14B"]);
  });
});

describe("the family data", () => {
  it("knows every member id and maps renamed ids to current ones", () => {
    expect(FAMILY_MEMBER_IDS.has("qwen/qwen2.5-72b-instruct")).toBe(true);
    expect(FORMER_FAMILY_IDS.get("meta-llama/meta-llama-3.1-8b-instruct")).toBe("meta-llama/Llama-3.1-8B-Instruct");
    for (const f of MODEL_FAMILIES) expect(f.pattern.flags).toContain("g");
  });
});
