// Tests of readCodeBlock: mergekit configs, training configs and loading code in a card's code blocks.
import { readCodeBlock } from "../../../lineage/infer/infer-code-blocks";

describe("readCodeBlock", () => {
  it("reads every model of a mergekit config, slices included, as merge parents", () => {
    const config = [
      "slices:",
      "  - sources:",
      "      - model: org-a/left-7b",
      "        layer_range: [0, 16]",
      "      - model: org-b/right-7b",
      "        layer_range: [16, 32]",
      "merge_method: passthrough",
      "base_model: org-a/left-7b",
    ].join("\n");
    const findings = readCodeBlock(config, null);
    expect(findings.map((f) => [f.id, f.kind, f.relation])).toEqual([
      ["org-a/left-7b", "mergekit", "merge"],
      ["org-b/right-7b", "mergekit", "merge"],
    ]);
  });

  it("falls back to the key/value lines of a config that does not parse, and drops local paths", () => {
    const broken =
      "models:\n  - model: org-a/left-7b\n\t- model: D:/models/local\nmerge_method: ties\nbase_model: org-c/base-7b\n";
    expect(readCodeBlock(broken, null).map((f) => f.id)).toEqual(["org-a/left-7b", "org-c/base-7b"]);
  });

  it("reads a training config's base model as a fine-tune parent, not its datasets", () => {
    const axolotl = "base_model: org-a/base-1b\ndatasets:\n  - path: org-a/data\nsequence_len: 2048\n";
    expect(readCodeBlock(axolotl, null)).toEqual([
      expect.objectContaining({ id: "org-a/base-1b", kind: "training-config", relation: "finetune" }),
    ]);
    expect(readCodeBlock("base_model: /home/me/llama\n", null)).toEqual([]);
  });

  it("weighs loading code by role: a base variable, the pipeline an adapter goes into, auxiliaries", () => {
    const code = [
      'base_model_id = "org-a/base-xl"',
      'vae = AutoencoderKL.from_pretrained("org-v/better-vae")',
      'pipe = DiffusionPipeline.from_pretrained("org-p/pipeline-xl")',
      'pipe.load_lora_weights("me/my-lora")',
      'tokenizer = AutoTokenizer.from_pretrained("org-t/tok")',
      '# model = load("org-x/commented-out")',
    ].join("\n");
    const byId = Object.fromEntries(readCodeBlock(code, "me/my-lora").map((f) => [f.id, f.weight]));
    expect(byId).toEqual({ "org-a/base-xl": 0.8, "org-v/better-vae": 0, "org-p/pipeline-xl": 0.45, "org-t/tok": 0 });
  });

  it("gives a plain load in code only a hint's weight, and skips the model itself", () => {
    const code = 'model = AutoModel.from_pretrained("me/model")\nother = AutoModel.from_pretrained("org-a/other")\n';
    expect(readCodeBlock(code, "me/model")).toEqual([expect.objectContaining({ id: "org-a/other", weight: 0.15 })]);
  });
});
